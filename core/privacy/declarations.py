"""What plugins say about the personal data they hold, export and keep.

These are the values the personal-data hooks exchange (see ``core/hookspecs/privacy.py``):

- ``PersonalData``: one line of the site's record of processing (GDPR article 30): what is held,
  why, on which legal basis (article 6), how long (a ``Retention``, as data) and who receives it.
  The privacy page is generated from them. A ``DataService`` builds the lines of one part of the
  site, each saying only what differs; ``officials_work`` builds the one every part has:
  officials' names on their work. ``retention_span`` turns a period into the purge's.
- ``ExportSection``: a table of what the site holds about one person, with translated title and
  column labels and JSON values (``parvis.privacy.export`` gathers them); ``export_table`` builds
  one from rows and ``ExportColumn``s, each column named once; ``joined`` reads a model and the
  columns joined to it as one row.
- ``Kept``: what erasure keeps and why ("your anonymous ballot stays counted").

Texts are translated when shown: declarations hold lazy strings (``lazy_gettext``), sections and
kept items are built in the language of the request or command that asked for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from parvis.enums import LabelledEnum
from parvis.i18n import N_, _, lazy_gettext, ngettext


class LegalBasis(LabelledEnum):
    """The lawful bases of GDPR article 6(1)."""

    CONSENT = "consent", N_("Your consent (GDPR article 6(1)(a))")
    CONTRACT = "contract", N_("A contract with you, or steps you asked for before one (GDPR article 6(1)(b))")
    LEGAL_OBLIGATION = "legal_obligation", N_("A legal obligation of the City (GDPR article 6(1)(c))")
    VITAL_INTERESTS = "vital_interests", N_("Someone's vital interests (GDPR article 6(1)(d))")
    PUBLIC_TASK = "public_task", N_("A task carried out in the public interest (GDPR article 6(1)(e))")
    LEGITIMATE_INTERESTS = (
        "legitimate_interests",
        N_("The City's legitimate interests (GDPR article 6(1)(f))"),
    )


def retention_span(*, days: int = 0, months: int = 0, years: int = 0) -> timedelta:
    """A retention period as the purge counts it: a month is 30.44 days and a year 365.25 (their
    average lengths), so that every purge deletes on the same day for the same declared period."""
    return timedelta(days=round(days + 30.44 * months + 365.25 * years))


@dataclass(frozen=True, slots=True)
class Retention:
    """How long data is kept: ``days``/``months``/``years`` after the event ``after``.

    ``Retention(N_("the end of the term"), months=6)`` reads "6 months after the end of the term";
    without a period, ``Retention(N_("your account is deleted"))`` reads "until your account is
    deleted". ``after`` is an English message id (or a lazy string), translated when shown.
    """

    after: Any
    days: int = 0
    months: int = 0
    years: int = 0
    # A sentence that says more (who is kept longer, what happens first), lazily translated.
    detail: Any = None

    def period(self) -> str:
        years, days = self.years, self.days
        if days >= 365 and days % 365 == 0:  # a setting in days that is whole years reads as years
            years, days = years + days // 365, 0
        parts = []
        if years:
            parts.append(ngettext("{n} year", "{n} years", years).format(n=years))
        if self.months:
            parts.append(ngettext("{n} month", "{n} months", self.months).format(n=self.months))
        if days:
            parts.append(ngettext("{n} day", "{n} days", days).format(n=days))
        return _(", ").join(parts)

    def describe(self) -> str:
        event = _(self.after) if isinstance(self.after, str) else str(self.after)
        period = self.period()
        if not period:
            text = _("Until {event}.").format(event=event)
        else:
            text = _("Until {period} after {event}.").format(period=period, event=event)
        return f"{text} {self.detail}" if self.detail else text


@dataclass(frozen=True, slots=True)
class PersonalData:
    """One kind of personal data a plugin holds: a line of the record of processing.

    ``service`` names the part of the site it belongs to (a heading of the privacy page: "Your
    account", "Citizens' Assembly"); ``title`` what it is; ``categories`` the items held;
    ``recipients`` who receives or sees it; ``source`` where it comes from when not from the
    person (the electoral roll). ``tables`` lists the tables holding it: a test checks that every
    table referring to a person or an account is declared somewhere. Texts are lazy strings.
    """

    code: str
    service: Any
    title: Any
    categories: Sequence[Any]
    purpose: Any
    legal_basis: LegalBasis
    retention: Retention
    recipients: Sequence[Any]
    tables: Sequence[str] = ()
    source: Any = None
    order: int = 50


@dataclass(frozen=True, slots=True)
class DataService:
    """A part of the site in the record of processing, and what its lines share.

    A module names its part once (``BUDGET = DataService(lazy_gettext("Participatory budget"))``)
    and each line says only what differs: ``BUDGET.holds(code=..., title=..., categories=...,
    purpose=..., retention=..., recipients=..., tables=..., order=...)``. The legal basis is a
    public task (GDPR article 6(1)(e)) unless the part or the line says otherwise; ``retention``
    and ``recipients`` given here serve every line that gives none.
    """

    name: Any
    legal_basis: LegalBasis = LegalBasis.PUBLIC_TASK
    retention: Retention | None = None
    recipients: Sequence[Any] = ()

    def holds(
        self,
        *,
        code: str,
        title: Any,
        categories: Sequence[Any],
        purpose: Any,
        tables: Sequence[str],
        retention: Retention | None = None,
        recipients: Sequence[Any] = (),
        legal_basis: LegalBasis | None = None,
        source: Any = None,
        order: int = 50,
    ) -> PersonalData:
        """The line of the record for one kind of data this part of the site holds."""
        retention = retention or self.retention
        if retention is None:
            raise ValueError(f"{code}: a declaration says how long the data is kept")
        return PersonalData(
            code=code,
            service=self.name,
            title=title,
            categories=categories,
            purpose=purpose,
            legal_basis=legal_basis or self.legal_basis,
            retention=retention,
            recipients=recipients or self.recipients,
            tables=tables,
            source=source,
            order=order,
        )


# Data that lives as long as the person's account: erased or anonymised when they delete it.
UNTIL_ACCOUNT_DELETED = Retention(N_("you delete your account"))
OFFICIALS_WORK = lazy_gettext("Officials' work")
RUN_BY_OFFICIALS = lazy_gettext("The City's officials and administrators who run the site")

# Officials' names on their work (which account created, reviewed or changed what): every part of
# the site holds some, under the same heading, for the same reason (a public task: knowing who did
# what in the back office) and seen by the same people.
OFFICIALS = DataService(
    OFFICIALS_WORK,
    retention=Retention(N_("the official's account is deleted")),
    recipients=(RUN_BY_OFFICIALS,),
)
officials_work = OFFICIALS.holds  # its name before every part had its ``DataService``


Value = str | int | float | bool | None | date | datetime | list[Any] | dict[str, Any]


@dataclass(slots=True)
class ExportSection:
    """A table of one person's data: translated title and column labels, JSON-ready values.

    ``columns`` are ``(key, label)`` pairs; every row maps keys to values (text, numbers, booleans,
    dates, times, lists). ``note`` explains what the table holds or leaves out, translated.
    """

    code: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]]
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "note": self.note,
            "columns": dict(self.columns),
            "rows": self.rows,
        }


def section(
    code: str,
    title: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Mapping[str, Any]],
    note: str = "",
) -> ExportSection | None:
    """An ``ExportSection``, or None when there is no row (nothing to show about the person)."""
    listed = [dict(row) for row in rows]
    if not listed:
        return None
    return ExportSection(code, title, list(columns), listed, note)


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """A column of an export table: its key, its translated label, and how a row gives its value.

    Without ``read`` the value is the row's attribute named ``key`` (an ORM object's column, or a
    labelled column of a ``select``); ``read`` says otherwise, for a translated status or a joined
    name: ``ExportColumn("status", _("Status"), lambda m: _(LABELS[m.status]))``.
    """

    key: str
    label: str
    read: Callable[[Any], Any] | None = None

    def value(self, row: Any) -> Any:
        return getattr(row, self.key) if self.read is None else self.read(row)


def export_table(
    code: str, title: str, columns: Sequence[ExportColumn], rows: Iterable[Any], note: str = ""
) -> ExportSection | None:
    """``section`` with each column named once: every row (an object or a ``select``'s row) gives
    one line, each ``ExportColumn`` reading its value from it. None when there is no row."""
    return section(
        code,
        title,
        [(column.key, column.label) for column in columns],
        ({column.key: column.value(row) for column in columns} for row in rows),
        note,
    )


class Joined:
    """A row of ``select(Model, Other.name.label("other"))`` read as one object: a labelled column
    by its label, anything else from the model (the row's first item). ``ExportColumn``s and their
    ``read`` then see what was joined to the model as one of its attributes."""

    __slots__ = ("_row",)

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        columns = self._row._mapping
        return columns[name] if name in columns else getattr(self._row[0], name)


def joined(rows: Iterable[Any]) -> list[Joined]:
    """The rows of a ``select`` of a model and labelled columns, each read as one ``Joined``."""
    return [Joined(row) for row in rows]


@dataclass(frozen=True, slots=True)
class Kept:
    """Something erasure keeps, in the person's language: what, why and until when.

    ``tables`` are the tables whose rows still refer to the (anonymised) person or account
    afterwards; ``keeps_name`` asks core to keep the person's name on the anonymised record
    (pay records for the accounts), everything else about them being erased.
    """

    what: str
    why: str
    until: str = ""
    tables: Sequence[str] = field(default_factory=tuple)
    keeps_name: bool = False


__all__ = [
    "OFFICIALS",
    "OFFICIALS_WORK",
    "RUN_BY_OFFICIALS",
    "UNTIL_ACCOUNT_DELETED",
    "DataService",
    "ExportColumn",
    "ExportSection",
    "Joined",
    "Kept",
    "LegalBasis",
    "PersonalData",
    "Retention",
    "export_table",
    "joined",
    "officials_work",
    "retention_span",
    "section",
]
