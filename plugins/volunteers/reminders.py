"""Reminder e-mails the day before a mission, from a scheduled job.

The job ``volunteers.reminders`` runs every hour (``parvis volunteers send-reminders`` does the
same by hand): from the configured local hour on, it reminds every confirmed volunteer of
tomorrow's slots. Each reminder is written to the
sent log (unique per participation) in the same transaction as its e-mail, so running the job
twice — or on two machines — reminds each volunteer once.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import Account, _, deliver_mail_now, send_mail, site_timezone, use_locale
from parvis.plugins.volunteers.models import (
    Mission,
    MissionStatus,
    Participation,
    ParticipationStatus,
    SentLog,
    Slot,
)
from parvis.plugins.volunteers.moments import span
from parvis.plugins.volunteers.notify import _footer, _locale

if TYPE_CHECKING:
    from parvis.api import Site

KIND = "reminder"


def tomorrow_window(now: datetime) -> tuple[datetime, datetime]:
    """Tomorrow in the site's time zone, as a UTC interval."""
    zone = site_timezone()
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(0), tzinfo=zone)
    end = datetime.combine(tomorrow + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def due(db: Session, now: datetime) -> list[tuple[Participation, Slot, Mission, Account]]:
    start, end = tomorrow_window(now)
    rows = db.execute(
        select(Participation, Slot, Mission, Account)
        .join(Slot, Slot.id == Participation.slot_id)
        .join(Mission, Mission.id == Slot.mission_id)
        .join(Account, Account.id == Participation.account_id)
        .outerjoin(SentLog, and_(SentLog.kind == KIND, SentLog.ref_id == Participation.id))
        .where(
            Slot.starts_at >= start,
            Slot.starts_at < end,
            Participation.status == ParticipationStatus.CONFIRMED,
            Mission.status == MissionStatus.PUBLISHED,
            Account.active,
            SentLog.id.is_(None),
        )
        .order_by(Slot.starts_at, Participation.id)
    ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def queue_reminders(db: Session, site: Site, now: datetime, force: bool = False) -> int:
    """Queue tomorrow's reminders in the caller's transaction; returns how many. Before the hour,
    does nothing."""
    settings = site.settings("volunteers")
    if not force and now.astimezone(site_timezone()).hour < settings.reminder_hour:
        return 0
    count = 0
    for participation, slot, mission, account in due(db, now):
        db.add(SentLog(kind=KIND, ref_id=participation.id))
        locale = _locale(site, account)
        with use_locale(locale):
            place = ", ".join(p for p in (mission.place_name, mission.address) if p) or _("remote")
            subject = _("Tomorrow: {mission}").format(mission=mission.title)
            body = _(
                "This is a reminder: you are expected tomorrow, {date}, for “{mission}” ({place}). "
                "If you cannot come, please cancel your place so that someone on the waiting list "
                "can take it."
            ).format(date=span(slot.starts_at, slot.ends_at), mission=mission.title, place=place)
            send_mail(db, site, account, subject, body + _footer(site, locale), kind="volunteers.reminder")
        count += 1
    return count


def send_reminders(site: Site, now: datetime | None = None, force: bool = False) -> tuple[int, int, int]:
    """Queue and send; returns (queued, sent, failed)."""
    with site.session() as db:
        queued = queue_reminders(db, site, now or site.now(), force)
        try:
            db.commit()
        except IntegrityError:  # another run queued them at the same moment: it sends them
            db.rollback()
            queued = 0
    sent, failed = deliver_mail_now(site)
    return queued, sent, failed
