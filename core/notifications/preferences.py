"""Each account's choices: how often notifications are mailed, and whether it gets newsletters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.notifications.models import Frequency, NotificationSettings

if TYPE_CHECKING:
    from parvis.site import Site

DEFAULT_FREQUENCY = Frequency.IMMEDIATELY
NOTIFICATIONS = "notifications"
NEWSLETTERS = "newsletters"
LISTS = (NOTIFICATIONS, NEWSLETTERS)


def settings_of(db: Session, account_id: int) -> NotificationSettings:
    """The account's settings (a new row, not yet added, when it never chose)."""
    found = db.get(NotificationSettings, account_id)
    if found is None:
        found = NotificationSettings(account_id=account_id, frequency=DEFAULT_FREQUENCY, newsletters=False)
    return found


def frequencies(db: Session, account_ids: Iterable[int]) -> dict[int, Frequency]:
    ids = list(account_ids)
    chosen = dict(
        db.execute(
            select(NotificationSettings.account_id, NotificationSettings.frequency).where(
                NotificationSettings.account_id.in_(ids)
            )
        ).all()
    )
    return {a: Frequency(chosen.get(a, DEFAULT_FREQUENCY)) for a in ids}


def choose(
    db: Session,
    site: Site,
    account_id: int,
    *,
    frequency: Frequency | None = None,
    newsletters: bool | None = None,
) -> NotificationSettings:
    """Change an account's settings; leaving a list records when (for newsletters' figures)."""
    settings = settings_of(db, account_id)
    now = site.now()
    if frequency is not None and frequency != settings.frequency:
        if frequency == Frequency.NEVER:
            settings.notifications_stopped_at = now
        settings.frequency = frequency
    if newsletters is not None and newsletters != settings.newsletters:
        if not newsletters:
            settings.newsletters_stopped_at = now
        settings.newsletters = newsletters
    settings.updated_at = now
    if settings not in db:
        db.add(settings)
    return settings


def stop(db: Session, site: Site, account_id: int, which: str) -> NotificationSettings:
    """Leave one list (``"notifications"``: no more notification mail; ``"newsletters"``)."""
    if which == NEWSLETTERS:
        return choose(db, site, account_id, newsletters=False)
    return choose(db, site, account_id, frequency=Frequency.NEVER)
