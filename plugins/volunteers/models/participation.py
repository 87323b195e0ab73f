"""A volunteer's place in a slot: confirmed, on the waiting list, cancelled or declined.

The waiting list is ordered by id (the order of arrival). At most one active participation per
volunteer and slot is a partial unique index, so a double click cannot take two places.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Account, Base, LabelledEnum, TimestampMixin, enum_type
from parvis.plugins.volunteers.models.missions import Slot


class ParticipationStatus(LabelledEnum):
    CONFIRMED = "confirmed", N_("Confirmed")
    WAITLISTED = "waitlisted", N_("On the waiting list")
    CANCELLED = "cancelled", N_("Cancelled by you")  # by the volunteer
    DECLINED = "declined", N_("Declined by the organiser")  # by the organiser


ACTIVE = "status IN ('confirmed', 'waitlisted')"


class Participation(TimestampMixin, Base):
    __tablename__ = "volunteers_participation"
    __table_args__ = (
        Index(
            "uq_volunteers_participation_active",
            "slot_id",
            "account_id",
            unique=True,
            sqlite_where=text(ACTIVE),
            postgresql_where=text(ACTIVE),
        ),
        Index("ix_volunteers_participation_queue", "slot_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("volunteers_slot.id", ondelete="CASCADE"))
    # None once the volunteer's data is erased or the retention period is over: the participation
    # still counts in the slot's places taken, with no one attached.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ParticipationStatus] = mapped_column(enum_type(ParticipationStatus, 16))
    validated_at: Mapped[datetime | None]  # the organiser accepted this volunteer
    promoted_at: Mapped[datetime | None]  # moved from the waiting list to a place
    ended_at: Mapped[datetime | None]  # cancelled or declined

    slot: Mapped[Slot] = relationship(Slot)
    account: Mapped[Account | None] = relationship(Account)
