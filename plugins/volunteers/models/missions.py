"""Missions and events, their dated slots, and visitors' reports.

A mission always has at least one slot: a one-off mission has one, a recurring mission one per
date of its schedule, a remote mission one covering its period. Sign-ups are per slot, so the
capacity guarantee lives on one row (``volunteers_slot.taken``, checked ``<= capacity`` by the
database). The mission keeps denormalised totals and its first start and last end so the search
reads one table, without aggregating 200,000 participations per request.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, PublicIdMixin, TimestampMixin, enum_type
from parvis.api.workflows import state_type
from parvis.plugins.volunteers.models.organisations import Organisation

# Module-qualified names: other plugins may have classes with the same names.
_MISSIONS = "parvis.plugins.volunteers.models.missions."


class MissionStatus(enum.StrEnum):
    DRAFT = "draft"
    PENDING = "pending"  # awaiting validation by a City official
    PUBLISHED = "published"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class MissionKind(LabelledEnum):
    ONE_OFF = "one_off", N_("One-off")
    RECURRING = "recurring", N_("Recurring")
    REMOTE = "remote", N_("Remote")


class Category(enum.StrEnum):
    MISSION = "mission"
    EVENT = "event"  # the programme: guided walks, visits, conferences, workshops


class EventType(LabelledEnum):
    WALK = "walk", N_("Guided walk")
    VISIT = "visit", N_("Visit")
    CONFERENCE = "conference", N_("Conference")
    WORKSHOP = "workshop", N_("Workshop")


MISSION = "volunteers.mission"  # the content kind of missions (parvis.api.content)


class Mission(PublicIdMixin, TimestampMixin, Base):
    __tablename__ = "volunteers_mission"
    __table_args__ = (
        CheckConstraint("taken_total >= 0 AND taken_total <= capacity_total", name="totals"),
        # The public search: published, by category and end date (core moderation hides the rest).
        Index("ix_volunteers_mission_listing", "status", "category", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("volunteers_organisation.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[MissionKind] = mapped_column(enum_type(MissionKind, 16), default=MissionKind.ONE_OFF)
    category: Mapped[Category] = mapped_column(enum_type(Category, 16), default=Category.MISSION)
    event_type: Mapped[EventType | None] = mapped_column(enum_type(EventType, 16))
    # The workflow's state (parvis.api.workflows): MissionStatus, or a state the city added.
    status: Mapped[MissionStatus] = mapped_column(state_type(MissionStatus, 16), default=MissionStatus.DRAFT)
    place_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    district: Mapped[str | None] = mapped_column(String(32), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    min_age: Mapped[int | None]
    prerequisites: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(String(500), default="")
    # Denormalised from the slots (kept in step in the same transactions as sign-ups).
    starts_at: Mapped[datetime | None]  # the first slot's start
    ends_at: Mapped[datetime | None]  # the last slot's end
    slot_count: Mapped[int] = mapped_column(default=0)
    capacity_total: Mapped[int] = mapped_column(default=0)
    taken_total: Mapped[int] = mapped_column(default=0)
    # Search: the raw text (PostgreSQL full-text) and its normalised stems (SQLite FTS5).
    search_document: Mapped[str] = mapped_column(Text, default="")
    search_stems: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    validated_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    moderation_note: Mapped[str] = mapped_column(String(1000), default="")

    organisation: Mapped[Organisation] = relationship(Organisation)
    slots: Mapped[list[Slot]] = relationship(
        _MISSIONS + "Slot",
        back_populates="mission",
        cascade="all, delete-orphan",
        order_by=lambda: Slot.starts_at,
    )

    @property
    def places_left(self) -> int:
        return max(0, self.capacity_total - self.taken_total)

    @property
    def is_open(self) -> bool:
        """Published (whether moderation hides it is core's: ``parvis.api.moderation``)."""
        return self.status == MissionStatus.PUBLISHED


class Slot(Base):
    __tablename__ = "volunteers_slot"
    __table_args__ = (
        UniqueConstraint("mission_id", "starts_at"),  # a schedule never creates the same date twice
        CheckConstraint("capacity >= 0", name="capacity_positive"),
        CheckConstraint("taken >= 0 AND taken <= capacity", name="capacity"),
        Index("ix_volunteers_slot_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("volunteers_mission.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    capacity: Mapped[int]
    taken: Mapped[int] = mapped_column(default=0)  # confirmed participants

    mission: Mapped[Mission] = relationship(_MISSIONS + "Mission", back_populates="slots")

    @property
    def places_left(self) -> int:
        return max(0, self.capacity - self.taken)

    @property
    def full(self) -> bool:
        return self.taken >= self.capacity
