"""Export, erasure and retention of personal data, across core and every enabled plugin.

- ``export`` gathers what every plugin holds about one person (``export_personal_data``): pure,
  read-only, callable from a request, a command or a job.
- ``kept_on_erasure`` says beforehand what erasure will keep and why (``personal_data_kept``).
- ``erase`` runs every plugin's ``erase_personal_data`` and core's in the caller's transaction,
  then deletes the account (or, when a kept record must still name it, anonymises it and frees
  its e-mail address) and deletes the person record (or anonymises it when kept rows still refer
  to it: an anonymous "has voted" record, a membership, a pay record). The audit log records the
  erasure with an opaque reference and no personal detail.
- ``purge_expired`` is the daily retention purge: every plugin's ``purge_personal_data``, each in
  its own transaction. Schedule it once a day (``parvis privacy purge`` runs it by hand).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

import msgspec
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis import audit
from parvis.auth import Actor, normalise_email
from parvis.db import Base, new_public_id
from parvis.identity import Account, Person
from parvis.privacy.declarations import ExportSection, Kept, PersonalData

if TYPE_CHECKING:
    from parvis.site import Site

log = logging.getLogger("parvis.privacy")

EXPORT_FORMAT = "parvis.personal-data/1"


# -- declarations ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Service:
    """A heading of the privacy page: a part of the site and the personal data it holds."""

    title: str
    items: list[PersonalData]


def declarations(site: Site) -> list[PersonalData]:
    """Every enabled plugin's (and core's) declarations, in display order."""
    found = [item for group in site.hook.register_personal_data(site=site) for item in group or ()]
    # pluggy calls the last registered plugin first: reversed, core comes first, then plugins in
    # the order they are enabled; ``order`` sorts within that.
    found.reverse()
    return sorted(found, key=lambda item: item.order)


def services(site: Site) -> list[Service]:
    """Declarations grouped by the part of the site they belong to (translated headings)."""
    grouped: dict[str, list[PersonalData]] = {}
    for item in declarations(site):
        grouped.setdefault(str(item.service), []).append(item)
    return [Service(title, items) for title, items in grouped.items()]


# -- export --------------------------------------------------------------------------------------


@dataclass(slots=True)
class PersonalDataExport:
    """Everything the site holds about one person, in the language it was made in."""

    city: str
    generated_at: datetime
    language: str
    subject: dict[str, Any]
    sections: list[ExportSection]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "site": self.city,
            "generated_at": self.generated_at,
            "language": self.language,
            "subject": self.subject,
            "sections": [s.as_json() for s in self.sections],
        }

    def to_json(self) -> bytes:
        return msgspec.json.format(msgspec.json.encode(self.as_json(), enc_hook=str), indent=2)

    def filename(self, day: Any = None) -> str:
        return f"parvis-my-data-{(day or self.generated_at.date()).isoformat()}.json"

    @property
    def records(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def _subject(account: Account | None, person: Person | None) -> tuple[Account | None, Person | None]:
    if person is None and account is not None:
        person = account.person
    if account is None and person is not None:
        account = person.account
    return account, person


def export(
    db: Session, site: Site, account: Account | None, person: Person | None = None
) -> PersonalDataExport:
    """What core and every enabled plugin hold about the person, translated in the current language."""
    from parvis.i18n import current_locale

    account, person = _subject(account, person)
    answers = site.hook.export_personal_data(db=db, site=site, account=account, person=person)
    answers.reverse()  # core first, then the plugins in the order they are enabled
    sections = [s for group in answers for s in group or () if s is not None]
    subject = {
        "email": account.email if account is not None else (person.email if person else None),
        "name": person.full_name if person is not None else (account.display_name if account else None),
    }
    return PersonalDataExport(
        site.config.site.city_name(current_locale.get()), site.now(), current_locale.get(), subject, sections
    )


# -- erasure -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Erasure:
    """What an erasure did: its opaque reference (in the audit log), what was kept and why."""

    reference: str
    kept: list[Kept] = field(default_factory=list)
    account_deleted: bool = True
    person_deleted: bool = True


@dataclass(frozen=True, slots=True)
class _ErasedSubject:
    """The audit log's target of an erasure: only its opaque reference."""

    public_id: str
    __tablename__ = "erased_person"


def _flatten(answers: Iterable[Any]) -> list[Kept]:
    return [k for group in answers for k in group or ()]


def kept_on_erasure(
    db: Session, site: Site, account: Account | None, person: Person | None = None
) -> list[Kept]:
    """What erasing this person would keep, and why (nothing is changed)."""
    account, person = _subject(account, person)
    answers = site.hook.personal_data_kept(db=db, site=site, account=account, person=person)
    answers.reverse()
    return _flatten(answers)


def new_reference() -> str:
    """An opaque reference for an erasure: random, so it says nothing about the person."""
    raw = secrets.token_hex(5).upper()
    return f"E-{raw[:5]}-{raw[5:]}"


def erase(
    db: Session,
    site: Site,
    account: Account | None,
    person: Person | None = None,
    *,
    actor: Actor | Account | None = None,
    by: str | None = None,
    address: str = "",
) -> Erasure:
    """Erase or anonymise the person across core and every enabled plugin, in the caller's
    transaction (the caller commits), and record it in the audit log without personal details.

    ``actor``/``by``/``address`` name who asked, for the audit log: an official (by request of the
    person), the command line; leave them empty when the person erases their own account, so the
    log holds nothing that identifies them.
    """
    account, person = _subject(account, person)
    answers = site.hook.erase_personal_data(db=db, site=site, account=account, person=person)
    answers.reverse()
    kept = _flatten(answers)
    db.flush()
    result = Erasure(new_reference(), kept)
    if account is not None:
        result.account_deleted = _remove_account(db, account)
    if person is not None:
        result.person_deleted = _remove_person(db, site, person, keep_name=any(k.keeps_name for k in kept))
    audit.record(
        db,
        site,
        "core.personal_data.erase",
        actor=actor,
        by=by,
        target=_ErasedSubject(result.reference),
        address=address,
        records=1,
        reference=result.reference,
        kept=len(kept),
    )
    db.flush()
    return result


def _remove_account(db: Session, account: Account) -> bool:
    """Delete the account; if a kept record still requires it (a foreign key that refuses the
    deletion), anonymise it instead: no name, an unusable password, a free e-mail address."""
    account_id = account.id
    if account in db:
        db.expunge(account)
    try:
        with db.begin_nested():
            db.execute(delete(Account).where(Account.id == account_id))
        return True
    except IntegrityError:
        db.execute(
            update(Account)
            .where(Account.id == account_id)
            .values(
                email=f"erased-{secrets.token_hex(8)}@invalid",
                display_name="",
                password_hash="!",  # noqa: S106 - matches no password: nobody can sign in
                locale=None,
                active=False,
                last_login_at=None,
                person_id=None,
                public_id=new_public_id(),
            )
        )
        return False


def references(db: Session, table: str, key: int, *, skip: Iterable[str] = ()) -> dict[str, int]:
    """{table: rows} of every table whose foreign key refers to row ``key`` of ``table``."""
    counts: dict[str, int] = {}
    skipped = set(skip)
    for other in Base.metadata.sorted_tables:
        if other.name in skipped:
            continue
        for fk in other.foreign_keys:
            if fk.column.table.name == table:
                n = db.scalar(select(func.count()).select_from(other).where(fk.parent == key)) or 0
                if n:
                    counts[other.name] = counts.get(other.name, 0) + int(n)
    return counts


def _remove_person(db: Session, site: Site, person: Person, *, keep_name: bool) -> bool:
    """Delete the person record when nothing kept refers to it; else keep an anonymous record."""
    person_id = person.id
    if person in db:
        db.expunge(person)
    if not references(db, "core_person", person_id, skip=("core_account",)):
        try:
            with db.begin_nested():
                db.execute(delete(Person).where(Person.id == person_id))
            return True
        except IntegrityError:
            pass
    values: dict[str, Any] = {
        "email": None,
        "birth_date": None,
        "gender": None,
        "nationality_group": None,
        "nationality": None,
        "resident": False,
        "district": None,
        "neighbourhood": None,
        "qpop": False,
        "address": None,
        "public_id": new_public_id(),
        "erased_at": site.now(),
    }
    if not keep_name:
        values.update(given_name="", family_name="")
    db.execute(update(Person).where(Person.id == person_id).values(**values))
    return False


def delete_unreferenced_erased_people(db: Session) -> int:
    """Erased people's anonymous records that nothing refers to any more (a pay record's
    retention ended, say): deleted by the daily purge."""
    deleted = 0
    for person_id in db.scalars(select(Person.id).where(Person.erased_at.is_not(None))).all():
        if references(db, "core_person", person_id, skip=("core_account",)):
            continue
        try:
            with db.begin_nested():
                db.execute(delete(Person).where(Person.id == person_id))
            deleted += 1
        except IntegrityError:
            continue
    return deleted


# -- retention -----------------------------------------------------------------------------------


class PurgeFailed(Exception):  # noqa: N818 - reports what failed, like Refused
    """Some plugins' purges failed (logged); the others' deletions are committed."""

    def __init__(self, plugins: list[str], counts: dict[str, int]) -> None:
        super().__init__(", ".join(plugins))
        self.plugins = plugins
        self.counts = counts


def purge_expired(site: Site, now: datetime | None = None) -> dict[str, int]:
    """The daily retention purge: every plugin deletes what outlived its declared retention.

    Each plugin's ``purge_personal_data`` runs in its own transaction, so one failing (logged,
    then ``PurgeFailed`` at the end) does not keep the others from deleting what is due. What was
    deleted is counted in the audit log (``core.personal_data.purge``). Returns the counts.
    This is the function a periodic job calls once a day.
    """
    now = now or site.now()
    counts: dict[str, int] = {}
    failed: list[str] = []
    implementations = list(reversed(site.pm.hook.purge_personal_data.get_hookimpls()))
    for implementation in implementations:
        with site.session() as db:
            values = {"db": db, "site": site, "now": now}
            try:
                found = cast(
                    "dict[str, int] | None",
                    implementation.function(*(values[name] for name in implementation.argnames)),
                )
                db.commit()
            except Exception:
                db.rollback()
                log.exception("the personal data purge of %s failed", implementation.plugin_name)
                failed.append(implementation.plugin_name)
                continue
        for key, n in (found or {}).items():
            counts[key] = counts.get(key, 0) + int(n)
    total = sum(counts.values())
    if total:
        with site.session() as db:
            details: dict[str, Any] = {key: n for key, n in counts.items() if n}
            audit.record(db, site, "core.personal_data.purge", by="retention purge", records=total, **details)
            db.commit()
    if failed:
        raise PurgeFailed(failed, counts)
    return counts


# -- finding the person ------------------------------------------------------------------------


def subject_by_email(db: Session, email: str) -> tuple[Account | None, list[Person]]:
    """The account with this e-mail address, else the people records that carry it."""
    address = normalise_email(email)
    account = db.scalar(select(Account).where(Account.email == address))
    if account is not None:
        return account, [account.person] if account.person is not None else []
    people = db.scalars(
        select(Person)
        .where(func.lower(Person.email) == address, Person.erased_at.is_(None))
        .order_by(Person.id)
    ).all()
    return None, list(people)
