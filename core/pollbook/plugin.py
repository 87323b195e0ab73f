"""The poll book's hook implementations (registered by core as ``parvis.pollbook``): its
personal data. Marks are kept while their poll's owner keeps the poll (``keep_until``), so that
nobody can vote twice while the vote may still be checked; erasure unlinks them from the person
and the clerk (the elector's key stays: it is the owner's, a roll entry or an anonymous record)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from parvis.i18n import N_, _, lazy_gettext
from parvis.pluginmanager import hookimpl
from parvis.pollbook import service
from parvis.pollbook.models import PollMark
from parvis.privacy.anonymise import anonymise
from parvis.privacy.declarations import Kept, LegalBasis, PersonalData, Retention, section

if TYPE_CHECKING:
    from parvis.site import Site

KEPT_UNTIL = N_("the vote's results can no longer be challenged")


@hookimpl
def register_personal_data(site: Site) -> list[Any]:
    return [
        PersonalData(
            code="core.poll_book",
            service=lazy_gettext("Votes"),
            title=lazy_gettext("Poll books"),
            categories=(
                lazy_gettext(
                    "that you voted in a vote, when, where and how (in person, on paper, online), and "
                    "the name of the clerk who marked you; never what you voted"
                ),
            ),
            purpose=lazy_gettext("To let each elector vote once, whatever the channel, and check the count."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(KEPT_UNTIL),
            recipients=(lazy_gettext("The clerks and officials who run the vote"),),
            tables=("core_poll_mark", "core_poll"),
            order=30,
        )
    ]


@hookimpl
def export_personal_data(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    if person is None:
        return []
    marks = service.marks_of_person(db, person.id)
    found = section(
        "core.poll_book",
        _("Votes you took part in"),
        [("poll", _("Vote")), ("at", _("When")), ("channel", _("How")), ("clerk", _("Marked by"))],
        (
            {"poll": title, "at": m.marked_at, "channel": m.channel_label, "clerk": m.marked_by_name}
            for m, title in marks
        ),
        note=_("How you voted is never linked to you, so it cannot be shown here."),
    )
    return [found] if found is not None else []


def _has_marks(db: Session, person: Any) -> bool:
    return person is not None and bool(
        db.scalar(select(func.count()).select_from(PollMark).where(PollMark.person_id == person.id))
    )


@hookimpl
def personal_data_kept(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    if not _has_marks(db, person):
        return []
    return [
        Kept(
            what=_("The record that you voted in a vote"),
            why=_(
                "It stays, no longer linked to you, so that the number of voters does not change and "
                "nobody can vote twice while the vote may be checked."
            ),
            until=Retention(KEPT_UNTIL).describe(),
        )
    ]


@hookimpl
def erase_personal_data(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    found = personal_data_kept(db, site, account, person)
    if person is not None:
        anonymise(db, PollMark.person_id, person.id)
    if account is not None:
        db.execute(
            update(PollMark)
            .where(PollMark.marked_by_id == account.id)
            .values(marked_by_id=None, marked_by_name="")
            .execution_options(synchronize_session=False)
        )
    return found


@hookimpl
def purge_personal_data(db: Session, site: Site, now: datetime) -> dict[str, int]:
    return {"core.poll_book": service.purge_expired(db, now)}
