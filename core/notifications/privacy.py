"""What notifications hold about people: follows, notifications, mail settings, newsletter
deliveries. Exported, erased with the account, and old notifications purged."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.db import rows_affected
from parvis.i18n import N_, _, lazy_gettext
from parvis.identity import Account
from parvis.notifications.models import (
    Follow,
    Newsletter,
    NewsletterDelivery,
    Notification,
    NotificationSettings,
)
from parvis.pluginmanager import hookimpl
from parvis.privacy.anonymise import anonymise
from parvis.privacy.declarations import (
    RUN_BY_OFFICIALS,
    UNTIL_ACCOUNT_DELETED,
    DataService,
    ExportColumn,
    ExportSection,
    Kept,
    LegalBasis,
    PersonalData,
    Retention,
    export_table,
    officials_work,
)

if TYPE_CHECKING:
    from parvis.site import Site

KEEP_NOTIFICATIONS_DAYS = 365
NOTIFICATIONS = DataService(lazy_gettext("Notifications and newsletters"))


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    return [
        NOTIFICATIONS.holds(
            code="notifications.follows",
            title=lazy_gettext("What you follow and your notifications"),
            categories=(
                lazy_gettext("the ideas, decisions, missions and other pages you follow, and why"),
                lazy_gettext("the notifications about them, when you read them and when they were mailed"),
            ),
            purpose=lazy_gettext("To tell you when what you follow changes."),
            retention=Retention(
                N_("the notification was recorded"),
                days=KEEP_NOTIFICATIONS_DAYS,
                detail=lazy_gettext(
                    "What you follow is kept until you stop following it or delete your account."
                ),
            ),
            recipients=(lazy_gettext("You alone"),),
            tables=("core_follow", "core_notification"),
            order=60,
        ),
        NOTIFICATIONS.holds(
            code="notifications.settings",
            title=lazy_gettext("Your e-mail choices"),
            categories=(
                lazy_gettext("how often notifications are mailed to you"),
                lazy_gettext("whether you receive newsletters, and when you stopped"),
                lazy_gettext("the newsletters sent to you"),
            ),
            purpose=lazy_gettext(
                "To write to you only as you chose, and to count a newsletter's deliveries."
            ),
            legal_basis=LegalBasis.CONSENT,
            retention=UNTIL_ACCOUNT_DELETED,
            recipients=(RUN_BY_OFFICIALS,),
            tables=("core_notification_settings", "core_newsletter_delivery"),
            order=61,
        ),
        officials_work(
            code="notifications.newsletters_written",
            title=lazy_gettext("Newsletters you wrote or sent"),
            categories=(lazy_gettext("which official account wrote a newsletter and which sent it"),),
            purpose=lazy_gettext("To know who wrote to the people who asked for newsletters."),
            retention=UNTIL_ACCOUNT_DELETED,
            tables=("core_newsletter",),
            order=98,
        ),
    ]


@hookimpl(specname="export_personal_data")
def export(db: Session, site: Site, account: Account | None) -> list[ExportSection | None]:
    if account is None:
        return []
    follows = db.scalars(select(Follow).where(Follow.account_id == account.id).order_by(Follow.created_at))
    notifications = db.scalars(
        select(Notification).where(Notification.account_id == account.id).order_by(Notification.created_at)
    )
    settings = db.get(NotificationSettings, account.id)
    newsletters = db.execute(
        select(NewsletterDelivery.created_at.label("at"), Newsletter.public_id.label("newsletter"))
        .join(Newsletter, Newsletter.id == NewsletterDelivery.newsletter_id)
        .where(NewsletterDelivery.account_id == account.id)
        .order_by(NewsletterDelivery.created_at)
    ).all()
    return [
        export_table(
            "notifications.follows",
            _("What you follow"),
            [
                ExportColumn("kind", _("What"), lambda f: f.content_kind),
                ExportColumn("key", _("Reference"), lambda f: f.content_key),
                ExportColumn("reason", _("Why")),
                ExportColumn("since", _("Since"), lambda f: f.created_at),
            ],
            follows,
        ),
        export_table(
            "notifications.notifications",
            _("Your notifications"),
            [
                ExportColumn("at", _("When"), lambda n: n.created_at),
                ExportColumn("event", _("What happened")),
                ExportColumn("title", _("Title")),
                ExportColumn("read", _("Read on"), lambda n: n.read_at),
                ExportColumn("mailed", _("Mailed on"), lambda n: n.mailed_at),
            ],
            notifications,
        ),
        export_table(
            "notifications.settings",
            _("Your e-mail choices"),
            [
                ExportColumn("frequency", _("Notifications by e-mail"), lambda s: str(s.frequency)),
                ExportColumn("newsletters", _("Newsletters")),
            ],
            [settings] if settings else [],
        ),
        export_table(
            "notifications.newsletters",
            _("Newsletters sent to you"),
            [ExportColumn("at", _("When")), ExportColumn("newsletter", _("Newsletter"))],
            newsletters,
        ),
    ]


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Account | None) -> list[Kept]:
    if account is None:
        return []
    for model in (Follow, Notification, NotificationSettings):
        db.execute(delete(model).where(model.account_id == account.id))
    for column in (Newsletter.created_by_id, Newsletter.sent_by_id, NewsletterDelivery.account_id):
        anonymise(db, column, account.id)
    return []  # nothing kept


@hookimpl(specname="purge_personal_data")
def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    cutoff = now - timedelta(days=KEEP_NOTIFICATIONS_DAYS)
    gone = db.execute(delete(Notification).where(Notification.created_at < cutoff))
    return {"notifications.notifications": rows_affected(gone)}
