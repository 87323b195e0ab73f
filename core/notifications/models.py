"""The tables of notifications: follows, in-app notifications, each account's mail settings,
newsletters with a version per language, and their deliveries."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parvis.content import KEY_LENGTH, KIND_LENGTH
from parvis.db import Base, PublicIdMixin, enum_type, utcnow


class Frequency(enum.StrEnum):
    """When notifications are e-mailed to an account."""

    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


class Follow(Base):
    """An account follows an object (a content ref); ``reason`` says why (``"created"``,
    ``"voted"``, ``"commented"``, ``"applied"``, ``"chose"`` when they pressed the button)."""

    __tablename__ = "core_follow"
    __table_args__ = (
        UniqueConstraint("account_id", "content_kind", "content_key", name="uq_core_follow"),
        Index("ix_core_follow_content", "content_kind", "content_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"))
    content_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    content_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    reason: Mapped[str] = mapped_column(String(20), default="chose")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """One thing that happened to an object an account follows (or that concerns them).

    ``title`` and ``path`` are copied when it happens (the object may go); ``detail`` is the
    message id of a state's label, translated when shown. ``mailed_at`` is set once it has been
    e-mailed or once the account's settings say it never will be.
    """

    __tablename__ = "core_notification"
    __table_args__ = (
        Index("ix_core_notification_unread", "account_id", "read_at"),
        Index("ix_core_notification_unmailed", "mailed_at", "account_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"))
    content_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    content_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    event: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300), default="")
    path: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[str] = mapped_column(String(300), default="")
    actor_name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    mailed_at: Mapped[datetime | None]


class NotificationSettings(Base):
    """An account's choices: how often notifications are mailed, and newsletters (opt-in)."""

    __tablename__ = "core_notification_settings"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("core_account.id", ondelete="CASCADE"), primary_key=True
    )
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency, 16), default=Frequency.IMMEDIATELY)
    newsletters: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the account last left each list (an unsubscribe link or the settings page).
    notifications_stopped_at: Mapped[datetime | None]
    newsletters_stopped_at: Mapped[datetime | None]


class NewsletterStatus(enum.StrEnum):
    DRAFT = "draft"
    SENDING = "sending"
    SENT = "sent"


class Newsletter(PublicIdMixin, Base):
    """A newsletter written by officials: recipients among those who opted in, optionally only
    people of some districts or members of one body."""

    __tablename__ = "core_newsletter"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[NewsletterStatus] = mapped_column(
        enum_type(NewsletterStatus, 16), default=NewsletterStatus.DRAFT
    )
    districts: Mapped[str] = mapped_column(String(500), default="")  # codes separated by spaces
    body_id: Mapped[int | None] = mapped_column(ForeignKey("core_body.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    job_id: Mapped[str] = mapped_column(String(64), default="")


class NewsletterVersion(Base):
    """A newsletter in one of the site's languages."""

    __tablename__ = "core_newsletter_version"
    __table_args__ = (UniqueConstraint("newsletter_id", "locale", name="uq_core_newsletter_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    newsletter_id: Mapped[int] = mapped_column(ForeignKey("core_newsletter.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")


class NewsletterDelivery(Base):
    """One recipient of a newsletter, and the outbox message that carries it."""

    __tablename__ = "core_newsletter_delivery"
    __table_args__ = (UniqueConstraint("newsletter_id", "account_id", name="uq_core_newsletter_delivery"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    newsletter_id: Mapped[int] = mapped_column(ForeignKey("core_newsletter.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True
    )
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("core_mail.id", ondelete="SET NULL"))
    locale: Mapped[str] = mapped_column(String(8), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
