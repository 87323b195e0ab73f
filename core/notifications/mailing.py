"""Notification mail: at once, or as a daily or weekly digest, per each account's settings.

Three jobs of the queue send what waits: ``core.notification_mail`` (started by ``notify`` in
the transaction of the change for accounts that want mail at once, and every 15 minutes),
``core.notification_digest_daily`` (each morning) and ``core.notification_digest_weekly``
(Monday morning), in the site's time zone. Each message is rendered in its recipient's
language (``mail/notifications.txt``) and goes through the outbox; a notification is mailed once.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from huey import crontab
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from parvis.i18n import lazy_gettext
from parvis.identity import Account
from parvis.jobs.definitions import JobDefinition
from parvis.mail.outbox import recipient_locale, send_template
from parvis.notifications import unsubscribe
from parvis.notifications.events import sentence
from parvis.notifications.models import Frequency, Notification, NotificationSettings
from parvis.notifications.notices import IMMEDIATE_JOB
from parvis.notifications.preferences import NOTIFICATIONS

if TYPE_CHECKING:
    from parvis.jobs import JobContext
    from parvis.site import Site

TEMPLATE = "mail/notifications"


def send_pending(db: Session, site: Site, frequency: Frequency) -> int:
    """Mail the notifications not yet mailed of the accounts with ``frequency``: one message per
    account. Returns the number of messages queued; the caller commits."""
    chosen = NotificationSettings.frequency == frequency
    if frequency == Frequency.IMMEDIATELY:  # the default for accounts that never chose
        chosen = or_(chosen, NotificationSettings.account_id.is_(None))
    rows = db.execute(
        select(Notification, Account)
        .join(Account, Account.id == Notification.account_id)
        .outerjoin(NotificationSettings, NotificationSettings.account_id == Notification.account_id)
        .where(Notification.mailed_at.is_(None), Account.active, chosen)
        .order_by(Notification.account_id, Notification.created_at, Notification.id)
        .with_for_update(of=Notification, skip_locked=True)
    ).all()
    now = site.now()
    sent = 0
    for _account_id, group in groupby(rows, key=lambda row: row[1].id):
        pairs = list(group)
        account = pairs[0][1]
        notifications = [n for n, _a in pairs]
        send_template(
            db,
            site,
            account,
            TEMPLATE,
            notifications=notifications,
            digest=frequency != Frequency.IMMEDIATELY,
            weekly=frequency == Frequency.WEEKLY,
            sentence=sentence,
            unsubscribe=unsubscribe.link(site, account.id, NOTIFICATIONS, recipient_locale(site, account)),
        )
        for notification in notifications:
            notification.mailed_at = now
        sent += 1
    return sent


def _runner(frequency: Frequency) -> Any:
    def run(job: JobContext) -> None:
        send_pending(job.db, job.site, frequency)

    return run


def definitions() -> list[JobDefinition]:
    return [
        JobDefinition(
            IMMEDIATE_JOB,
            _runner(Frequency.IMMEDIATELY),
            lazy_gettext("Send notifications by e-mail"),
            # ``notify`` starts it with the change; this catches up on what that missed (a
            # lost job, someone who just chose "at once"), off the hour's busy minutes.
            schedule=crontab(minute="7,22,37,52"),
        ),
        JobDefinition(
            "core.notification_digest_daily",
            _runner(Frequency.DAILY),
            lazy_gettext("Send the daily digests of notifications"),
            schedule=crontab(minute="0", hour="7"),
        ),
        JobDefinition(
            "core.notification_digest_weekly",
            _runner(Frequency.WEEKLY),
            lazy_gettext("Send the weekly digests of notifications"),
            schedule=crontab(minute="0", hour="7", day_of_week="1"),
        ),
    ]
