"""Members' compensation: half-days of attendance times the rate in force on the meeting's day.

* The rate table is dated (``effective_from``); officials keep it in the back office, and until
  they add a row the settings' table applies (Paris: €44 at first, €50 after revaluation).
* A meeting counts the half-days its kind is worth in ``paid_meetings`` (a Saturday workshop day
  counts 2) when the member was recorded present.
* Amounts are summed per member and per period (month or quarter). An export for the finance
  department takes, for each member, what the period owes minus what earlier exports of the same
  period already paid: a late attendance correction becomes a supplementary line, never a double
  payment. Money is integer cents throughout.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from parvis.api import Actor, Person, _, csv_text, local, use_locale
from parvis.api.bodies import Attendance, AttendanceStatus, Body, Meeting, Membership
from parvis.plugins.assembly.models import (
    AssemblyPaymentBatch,
    AssemblyPaymentLine,
    AssemblyPromotion,
    AssemblyRate,
)
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.services.plenaries import term_window

if TYPE_CHECKING:
    from parvis.api import Site


@dataclass(frozen=True, slots=True)
class RateRow:
    effective_from: date
    half_day_cents: int
    note: str
    id: int | None = None  # None: from the settings


def rate_table(db: Session, site: Site, body: Body) -> list[RateRow]:
    rows = db.scalars(
        select(AssemblyRate).where(AssemblyRate.body_id == body.id).order_by(AssemblyRate.effective_from)
    ).all()
    if rows:
        return [RateRow(r.effective_from, r.half_day_cents, r.note, r.id) for r in rows]
    return [RateRow(r.effective_from, r.half_day_cents, r.note) for r in settings_of(site).rates]


def rate_on(table: list[RateRow], day: date) -> int | None:
    """The rate in force on ``day`` (the latest row that starts on or before it)."""
    found = None
    for row in table:
        if row.effective_from <= day:
            found = row.half_day_cents
    return found


def add_rate(
    db: Session,
    site: Site,
    body: Body,
    *,
    effective_from: date,
    half_day_cents: int,
    note: str,
    actor: Actor | None,
) -> AssemblyRate:
    """A new rate from a date. The first row an official adds copies the settings' table, so the
    history stays whole in the database."""
    if half_day_cents <= 0:
        raise AssemblyError(
            _("Enter a number of at least {minimum}.").format(minimum="0.01"), "half_day_cents"
        )
    if db.scalar(select(func.count()).where(AssemblyRate.body_id == body.id)) == 0:
        for row in settings_of(site).rates:
            if row.effective_from != effective_from:
                db.add(
                    AssemblyRate(
                        body_id=body.id,
                        effective_from=row.effective_from,
                        half_day_cents=row.half_day_cents,
                        note=row.note,
                    )
                )
    rate = AssemblyRate(
        body_id=body.id,
        effective_from=effective_from,
        half_day_cents=half_day_cents,
        note=(note or "").strip()[:200],
        created_by_id=actor.account.id if actor and actor.account else None,
    )
    try:
        with db.begin_nested():
            db.add(rate)
    except IntegrityError:
        raise AssemblyError(_("A rate already starts on this date."), "effective_from") from None
    return rate


# -- periods -------------------------------------------------------------------------------------


def period_of(day: date, kind: str) -> tuple[date, date]:
    """(first day, last day) of the month or quarter containing ``day``."""
    if kind == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = date(day.year, first_month, 1)
        months = 3
    else:
        start = date(day.year, day.month, 1)
        months = 1
    year, month = divmod(start.month - 1 + months, 12)
    end = date(start.year + year, month + 1, 1) - timedelta(days=1)
    return start, end


def period_label(start: date, kind: str) -> str:
    if kind == "quarter":
        return f"{start.year}-T{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


# -- what each member earned ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    meeting: Meeting
    day: date
    half_days: int
    rate_cents: int | None  # None: no rate in force that day (nothing owed until one is added)

    @property
    def cents(self) -> int:
        return self.half_days * (self.rate_cents or 0)


@dataclass
class Period:
    start: date
    end: date
    label: str
    lines: list[Line] = field(default_factory=list)
    exported_cents: int = 0

    @property
    def half_days(self) -> int:
        return sum(line.half_days for line in self.lines)

    @property
    def cents(self) -> int:
        return sum(line.cents for line in self.lines)

    @property
    def due_cents(self) -> int:
        return self.cents - self.exported_cents


def _lines(
    db: Session, site: Site, promotion: AssemblyPromotion, person_ids: Iterable[int] | None
) -> dict[int, list[Line]]:
    settings = settings_of(site)
    paid = {kind: n for kind, n in settings.paid_meetings.items() if n > 0}
    if not paid:
        return {}
    start, end = term_window(promotion)
    query = (
        select(Attendance.person_id, Meeting)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(
            Meeting.body_id == promotion.body_id,
            Meeting.kind.in_(list(paid)),
            Meeting.starts_at >= start,
            Meeting.starts_at <= end,
            Attendance.status == AttendanceStatus.PRESENT,
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    if person_ids is not None:
        query = query.where(Attendance.person_id.in_(list(person_ids)))
    table = rate_table(db, site, promotion.body)
    out: dict[int, list[Line]] = defaultdict(list)
    for person_id, meeting in db.execute(query):
        day = local(meeting.starts_at).date()
        out[person_id].append(Line(meeting, day, paid[meeting.kind], rate_on(table, day)))
    return out


def _exported(
    db: Session, promotion: AssemblyPromotion, person_ids: Iterable[int] | None
) -> dict[tuple[int, date], tuple[int, int]]:
    """{(person, period start): (cents, half-days)} already exported."""
    query = (
        select(
            AssemblyPaymentLine.person_id,
            AssemblyPaymentLine.period_start,
            func.sum(AssemblyPaymentLine.cents),
            func.sum(AssemblyPaymentLine.half_days),
        )
        .join(AssemblyPaymentBatch, AssemblyPaymentBatch.id == AssemblyPaymentLine.batch_id)
        .where(AssemblyPaymentBatch.promotion_id == promotion.id)
        .group_by(AssemblyPaymentLine.person_id, AssemblyPaymentLine.period_start)
    )
    if person_ids is not None:
        query = query.where(AssemblyPaymentLine.person_id.in_(list(person_ids)))
    return {(pid, start): (int(cents or 0), int(days or 0)) for pid, start, cents, days in db.execute(query)}


def statement(db: Session, site: Site, promotion: AssemblyPromotion, person_id: int) -> list[Period]:
    """A member's compensation, period by period (newest first), with what was already exported."""
    kind = settings_of(site).pay_period
    periods: dict[date, Period] = {}
    for line in _lines(db, site, promotion, [person_id]).get(person_id, []):
        start, end = period_of(line.day, kind)
        periods.setdefault(start, Period(start, end, period_label(start, kind))).lines.append(line)
    for (pid, start), (cents, _days) in _exported(db, promotion, [person_id]).items():
        if pid == person_id:
            periods.setdefault(start, Period(start, period_of(start, kind)[1], period_label(start, kind)))
            periods[start].exported_cents = cents
    return [periods[k] for k in sorted(periods, reverse=True)]


@dataclass(frozen=True, slots=True)
class Due:
    person: Person
    half_days: int
    cents: int
    exported_cents: int
    exported_half_days: int = 0

    @property
    def due_cents(self) -> int:
        return self.cents - self.exported_cents


def period_summary(db: Session, site: Site, promotion: AssemblyPromotion, start: date) -> list[Due]:
    """What every member earned in the period starting on ``start``, and what was exported."""
    kind = settings_of(site).pay_period
    start, end = period_of(start, kind)
    exported = _exported(db, promotion, None)
    totals: dict[int, tuple[int, int]] = {}
    for person_id, lines in _lines(db, site, promotion, None).items():
        inside = [line for line in lines if start <= line.day <= end]
        if inside:
            totals[person_id] = (sum(x.half_days for x in inside), sum(x.cents for x in inside))
    for pid, period_start in exported:
        if period_start == start:
            totals.setdefault(pid, (0, 0))
    people = {p.id: p for p in db.scalars(select(Person).where(Person.id.in_(list(totals))))}
    rows = [
        Due(people[pid], half, cents, *exported.get((pid, start), (0, 0)))
        for pid, (half, cents) in totals.items()
        if pid in people
    ]
    return sorted(rows, key=lambda d: (d.person.family_name, d.person.given_name, d.person.id))


def periods_with_activity(db: Session, site: Site, promotion: AssemblyPromotion) -> list[date]:
    kind = settings_of(site).pay_period
    starts = {
        period_of(line.day, kind)[0] for lines in _lines(db, site, promotion, None).values() for line in lines
    }
    return sorted(starts, reverse=True)


def export(
    db: Session, site: Site, promotion: AssemblyPromotion, start: date, *, actor: Actor | None
) -> AssemblyPaymentBatch:
    """A payment batch of everything owed and not yet exported for the period; refused if nothing is."""
    kind = settings_of(site).pay_period
    start, end = period_of(start, kind)
    if start > site.today():
        raise AssemblyError(_("This period has not started yet."))
    rows = [due for due in period_summary(db, site, promotion, start) if due.due_cents > 0]
    if not rows:
        raise AssemblyError(_("Nothing new to pay for this period."))
    batch = AssemblyPaymentBatch(
        promotion_id=promotion.id,
        period_start=start,
        period_end=end,
        exported_by_id=actor.account.id if actor and actor.account else None,
        total_cents=sum(d.due_cents for d in rows),
    )
    for due in rows:
        batch.lines.append(
            AssemblyPaymentLine(
                person_id=due.person.id,
                period_start=start,
                half_days=max(0, due.half_days - due.exported_half_days),
                cents=due.due_cents,
            )
        )
    db.add(batch)
    db.flush()
    return batch


def batches(db: Session, promotion: AssemblyPromotion) -> list[AssemblyPaymentBatch]:
    return list(
        db.scalars(
            select(AssemblyPaymentBatch)
            .where(AssemblyPaymentBatch.promotion_id == promotion.id)
            .order_by(AssemblyPaymentBatch.exported_at.desc(), AssemblyPaymentBatch.id.desc())
        )
    )


def batch_by_public_id(db: Session, public_id: str) -> AssemblyPaymentBatch | None:
    return db.scalar(
        select(AssemblyPaymentBatch)
        .options(joinedload(AssemblyPaymentBatch.lines).joinedload(AssemblyPaymentLine.person))
        .where(AssemblyPaymentBatch.public_id == public_id[:24])
    )


def euros(cents: int, *, comma: bool) -> str:
    """Cents as a plain amount for spreadsheets: 5000 -> "50,00" (or "50.00")."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}{',' if comma else '.'}{rest:02d}"


def batch_csv(site: Site, promotion: AssemblyPromotion, batch: AssemblyPaymentBatch) -> bytes:
    """The file for the finance department, in the letters' language, amounts in euros."""
    settings = settings_of(site)
    kind = settings.pay_period
    with use_locale(settings.letters_locale):
        header = [
            _("Batch"),
            _("Promotion"),
            _("Period"),
            _("Reference"),
            _("Family name"),
            _("Given name"),
            _("Half-days"),
            _("Amount (EUR)"),
        ]
    rows = (
        [
            batch.public_id,
            promotion.label,
            period_label(batch.period_start, kind),
            line.person.public_id,
            line.person.family_name,
            line.person.given_name,
            line.half_days,
            euros(line.cents, comma=settings.csv_decimal_comma),
        ]
        for line in batch.lines
    )
    return ("\ufeff" + csv_text(header, rows, delimiter=settings.csv_delimiter)).encode("utf-8")


def members_of_promotion(db: Session, promotion: AssemblyPromotion) -> list[int]:
    return list(db.scalars(select(Membership.person_id).where(Membership.term_id == promotion.term_id)))
