"""What the plugin tells people: the kinds of its notices (told through core's notifications), a
log of one-time messages and the private calendar feed tokens. E-mails go through core's outbox
(``parvis.mail``), in the same transaction as the change they report: a rolled-back change never
sends mail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parvis.api import N_, Base, LabelledEnum, utcnow


class NoticeKind(LabelledEnum):
    # a place freed up: you moved from the waiting list to a place
    PROMOTED = "promoted", N_("A place freed up for you")
    DECLINED = "declined", N_("Participation declined")
    CANCELLED = "cancelled", N_("Mission cancelled")
    # the organiser accepted you
    VALIDATED = "validated", N_("Participation validated")
    # (organisers) a mission was validated
    PUBLISHED = "published", N_("Mission published")
    # (organisers) a mission was sent back to draft
    RETURNED = "returned", N_("Mission sent back to draft")


class SentLog(Base):
    """One-time messages already sent (a reminder per participation, an alert per slot and level),
    so the hourly job and repeated sign-ups never send the same message twice."""

    __tablename__ = "volunteers_sent_log"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # "reminder", "nearly_full", "full"
    ref_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarFeed(Base):
    """A volunteer's private calendar URL token (unguessable, replaced on request)."""

    __tablename__ = "volunteers_calendar_feed"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("core_account.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
