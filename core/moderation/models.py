"""Moderation's tables: one state per moderated content ref, people's reports, blocked accounts.

Content is pointed at by ``ContentRef`` (``content_kind`` + ``content_key``), never by a foreign
key into a plugin's table. A ref without a state row is visible: rows exist only for content
that was reported, pre-moderated or decided on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parvis.content import KEY_LENGTH, KIND_LENGTH, ContentRef
from parvis.db import Base, enum_type, utcnow
from parvis.enums import LabelledEnum
from parvis.i18n import N_


class Status(LabelledEnum):
    VISIBLE = "visible", N_("Visible")  # approved after pre-moderation, or reports dismissed
    PENDING = "pending", N_("Awaiting approval")  # pre-moderation: hidden until a moderator approves it
    REPORTED = "reported", N_("Hidden pending review")  # hidden pending review: reports reached the threshold
    HIDDEN = "hidden", N_("Hidden by moderation")  # hidden by a moderator, with a reason shown to the author
    RESTORED = "restored", N_("Restored")  # shown again by a moderator after it was hidden


HIDDEN_STATUSES = (Status.PENDING, Status.REPORTED, Status.HIDDEN)


class Reason(LabelledEnum):
    SPAM = "spam", N_("Spam or advertising")
    INSULTING = "insulting", N_("Insulting, hateful or harassing")
    PERSONAL_DATA = "personal_data", N_("Discloses someone's personal data")
    OFF_TOPIC = "off_topic", N_("Off-topic")
    ILLEGAL = "illegal", N_("Illegal content")
    OTHER = "other", N_("Other reason")


class ModerationState(Base):
    """Where one content ref stands. ``district`` and ``author_account_id`` are copied from the
    content when the row is made (the scope of district moderators; the author told of a decision)."""

    __tablename__ = "core_moderation"
    __table_args__ = (
        UniqueConstraint("content_kind", "content_key", name="uq_core_moderation_ref"),
        Index("ix_core_moderation_status", "status", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    content_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    content_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    status: Mapped[Status] = mapped_column(enum_type(Status, 16), default=Status.VISIBLE)
    reason: Mapped[str] = mapped_column(Text, default="")  # the moderator's, shown to the author
    district: Mapped[str | None] = mapped_column(String(32))
    author_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True
    )
    # Since when it waits for a moderator (None: nothing to review).
    queued_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def ref(self) -> ContentRef:
        return ContentRef(self.content_kind, self.content_key)

    @property
    def hidden(self) -> bool:
        return self.status in HIDDEN_STATUSES


class ContentReport(Base):
    """One person's report of one content ref (one per account and ref)."""

    __tablename__ = "core_moderation_report"
    __table_args__ = (
        UniqueConstraint("content_kind", "content_key", "account_id", name="uq_core_moderation_report"),
        Index("ix_core_moderation_report_ref", "content_kind", "content_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    content_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    content_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    reason: Mapped[Reason] = mapped_column(enum_type(Reason, 16))
    note: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    upheld: Mapped[bool | None]  # True: the content was hidden; False: the report was dismissed


class ModerationBlock(Base):
    """An account that may no longer post or report, and why (told to them); deleted when lifted."""

    __tablename__ = "core_moderation_block"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    blocked_at: Mapped[datetime] = mapped_column(default=utcnow)
    blocked_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
