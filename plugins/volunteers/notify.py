"""Telling people what happened: a notification (core's, listed on the volunteer's page and in the
header) and an e-mail in their language.

Every function here only adds rows (notifications, outbox mail, sent log) to the caller's transaction:
if the change is rolled back, nobody is told about it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Account, _, send_mail, use_locale
from parvis.api.content import ContentRef
from parvis.api.notifications import NOTICE
from parvis.api.notifications import notify as core_notify
from parvis.plugins.volunteers.content import MISSION as MISSION_KIND
from parvis.plugins.volunteers.models import (
    Mission,
    NoticeKind,
    OrgMember,
    Participation,
    ParticipationStatus,
    SentLog,
    Slot,
)
from parvis.plugins.volunteers.moments import span

if TYPE_CHECKING:
    from parvis.api import Site


def _locale(site: Site, account: Account) -> str:
    return account.locale if account.locale in site.locales else site.config.site.default_locale


def _link(site: Site, locale: str, path: str) -> str:
    base = site.settings("volunteers").public_url.rstrip("/")
    return f"{base}/{locale}{path}" if base else ""


def _footer(site: Site, locale: str) -> str:
    link = _link(site, locale, "/volunteers/me")
    return "\n\n" + (
        _("Your missions: {link}").format(link=link) if link else _("See your missions on the site.")
    )


def _subject_and_body(
    kind: NoticeKind, mission: Mission, slot: Slot | None, note: str = ""
) -> tuple[str, str]:
    title = mission.title
    when = span(slot.starts_at, slot.ends_at) if slot else ""
    if kind == NoticeKind.PROMOTED:
        return (
            _("A place is yours: {mission}").format(mission=title),
            _(
                "Good news: a place has freed up and you have moved from the waiting list to a confirmed "
                "place for “{mission}” on {date}. If you can no longer come, please cancel so that the next "
                "volunteer can take it."
            ).format(mission=title, date=when),
        )
    if kind == NoticeKind.DECLINED:
        return (
            _("Your sign-up for {mission}").format(mission=title),
            _("The organiser could not accept your participation in “{mission}” on {date}.").format(
                mission=title, date=when
            ),
        )
    if kind == NoticeKind.VALIDATED:
        return (
            _("Your participation is confirmed: {mission}").format(mission=title),
            _(
                "The organiser has validated your participation in “{mission}” on {date}. See you there!"
            ).format(mission=title, date=when),
        )
    if kind == NoticeKind.CANCELLED:
        return (
            _("Cancelled: {mission}").format(mission=title),
            _("The mission “{mission}” has been cancelled by its organiser. We are sorry.").format(
                mission=title
            ),
        )
    if kind == NoticeKind.PUBLISHED:
        return (
            _("Your mission is published: {mission}").format(mission=title),
            _("The City has validated “{mission}”: volunteers can now sign up.").format(mission=title),
        )
    return (
        _("Your mission needs changes: {mission}").format(mission=title),
        _("The City has sent “{mission}” back to draft with this note:").format(mission=title)
        + "\n\n"
        + note,
    )


def tell(
    db: Session,
    site: Site,
    account: Account,
    kind: NoticeKind,
    mission: Mission,
    *,
    slot: Slot | None = None,
    note: str = "",
) -> None:
    """A notification (core's: the header's counter and list, and the volunteer's page) and an
    e-mail to the account, written here with the slot's date (core's notification mail is off)."""
    ref = ContentRef(MISSION_KIND, mission.public_id)
    core_notify(db, site, ref, NOTICE, recipients=[account.id], detail=kind.label, mail=False)
    locale = _locale(site, account)
    with use_locale(locale):
        subject, body = _subject_and_body(kind, mission, slot, note)
        send_mail(db, site, account, subject, body + _footer(site, locale), kind="volunteers.notice")


def participation_notice(db: Session, site: Site, participation: Participation, kind: NoticeKind) -> None:
    if participation.account_id is None:  # an erased volunteer's past participation: nobody to tell
        return
    slot = db.get(Slot, participation.slot_id)
    assert slot is not None
    mission = db.get(Mission, slot.mission_id)
    account = db.get(Account, participation.account_id)
    assert mission is not None
    assert account is not None
    tell(db, site, account, kind, mission, slot=slot)


def organisers(db: Session, mission: Mission) -> list[Account]:
    return list(
        db.scalars(
            select(Account)
            .join(OrgMember, OrgMember.account_id == Account.id)
            .where(OrgMember.organisation_id == mission.organisation_id, Account.active)
        )
    )


def mission_notice(db: Session, site: Site, mission: Mission, kind: NoticeKind, note: str = "") -> None:
    """Tell the organisation's members about their mission (validated, sent back)."""
    for account in organisers(db, mission):
        tell(db, site, account, kind, mission, note=note)


def mission_cancelled(db: Session, site: Site, mission: Mission) -> int:
    """Tell every volunteer still signed up (confirmed or waiting) that the mission is cancelled."""
    rows = db.execute(
        select(Account, Slot)
        .join(Participation, Participation.account_id == Account.id)
        .join(Slot, Slot.id == Participation.slot_id)
        .where(
            Slot.mission_id == mission.id,
            Participation.status.in_([ParticipationStatus.CONFIRMED, ParticipationStatus.WAITLISTED]),
        )
    ).all()
    for account, slot in rows:
        tell(db, site, account, NoticeKind.CANCELLED, mission, slot=slot)
    return len(rows)


def already_sent(db: Session, kind: str, ref_id: int) -> bool:
    return db.scalar(select(SentLog.id).where(SentLog.kind == kind, SentLog.ref_id == ref_id)) is not None


def capacity_alerts(db: Session, site: Site, slot_id: int) -> str | None:
    """After a place was taken: tell the organisers once when the slot is nearly full, once when full.

    Runs while the slot's row is locked, so the check-then-insert of the log is not racy.
    """
    slot = db.get(Slot, slot_id, populate_existing=True)
    assert slot is not None
    percent = site.settings("volunteers").nearly_full_percent
    if slot.taken >= slot.capacity:
        level = "full"
    elif slot.taken * 100 >= slot.capacity * percent:
        level = "nearly_full"
    else:
        return None
    if already_sent(db, level, slot.id):
        return None
    db.add(SentLog(kind=level, ref_id=slot.id))
    mission = db.get(Mission, slot.mission_id)
    assert mission is not None
    for account in organisers(db, mission):
        with use_locale(_locale(site, account)):
            when = span(slot.starts_at, slot.ends_at)
            if level == "full":
                subject = _("Full: {mission}").format(mission=mission.title)
                body = _("All {capacity} places of “{mission}” on {date} are taken.").format(
                    capacity=slot.capacity, mission=mission.title, date=when
                )
            else:
                subject = _("Nearly full: {mission}").format(mission=mission.title)
                body = _("{taken} of the {capacity} places of “{mission}” on {date} are taken.").format(
                    taken=slot.taken, capacity=slot.capacity, mission=mission.title, date=when
                )
            send_mail(db, site, account, subject, body, kind="volunteers.slot_filling")
    return level
