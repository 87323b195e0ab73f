"""The plugin's tables, prefixed with its name.

A council is also a core body (``body_id``): its vœux are core decisions of that body, so they go
through core's workflow and into the public follow-up tracker. Membership is open registration:
one row per person and council, with the charter version signed and the link to the district.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, PublicIdMixin, enum_type, utcnow

P = "neighbourhood_councils_"


class Composition(enum.StrEnum):
    OPEN = "open"  # an open assembly of registered people
    COLLEGES = "colleges"  # residents, plus colleges of associations or qualified people
    LOT = "lot"  # part of the members drawn by lot among volunteers


COMPOSITION_LABELS = {
    Composition.OPEN: N_("Open assembly of registered people"),
    Composition.COLLEGES: N_("Colleges: residents, associations, qualified people"),
    Composition.LOT: N_("Part of the members drawn by lot among volunteers"),
}


class Link(enum.StrEnum):
    LIVE = "live"
    WORK = "work"
    STUDY = "study"
    ASSOCIATION = "association"


LINK_LABELS = {
    Link.LIVE: N_("I live there"),
    Link.WORK: N_("I work there"),
    Link.STUDY: N_("I study there"),
    Link.ASSOCIATION: N_("I am active in an association there"),
}


class Council(PublicIdMixin, Base):
    __tablename__ = P + "council"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(32), index=True)  # a code of [[districts]]
    neighbourhoods: Mapped[list[str]] = mapped_column(JSON, default=list)  # codes of [[neighbourhoods]]
    description: Mapped[str] = mapped_column(Text, default="")
    composition: Mapped[Composition] = mapped_column(enum_type(Composition, 16), default=Composition.OPEN)
    composition_notes: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    charters: Mapped[list[Charter]] = relationship(
        back_populates="council", order_by="Charter.version", cascade="all, delete-orphan"
    )


class Charter(Base):
    """One version of a council's charter; members sign the current (latest) one when they join."""

    __tablename__ = P + "charter"
    __table_args__ = (UniqueConstraint("council_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_charter_council_id")
    )
    version: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)

    council: Mapped[Council] = relationship(back_populates="charters")


class Filling(enum.StrEnum):
    """How a college's seats are filled."""

    OPEN = "open"  # the first who join it, while seats are free
    DESIGNATION = "designation"  # designated by the district's officials among the members
    LOT = "lot"  # drawn by lot among the members who volunteer for it


FILLING_LABELS = {
    Filling.OPEN: N_("Open registration"),
    Filling.DESIGNATION: N_("Designated by the officials"),
    Filling.LOT: N_("Drawn by lot among volunteers"),
}


class Seat(enum.StrEnum):
    """Where a member of a college stands."""

    VOLUNTEER = "volunteer"  # waiting for the college's draw
    SEATED = "seated"
    RESERVE = "reserve"  # drawn into the ranked reserve (``reserve_rank``)


SEAT_LABELS = {
    Seat.VOLUNTEER: N_("Volunteer for the draw"),
    Seat.SEATED: N_("Seated"),
    Seat.RESERVE: N_("In the reserve"),
}


class CouncilCollege(Base):
    """One college of a council's composition: its seats and how they are filled."""

    __tablename__ = P + "college"
    __table_args__ = (CheckConstraint("seats > 0", name="seats_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_college_council_id"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    seats: Mapped[int]
    filling: Mapped[Filling] = mapped_column(enum_type(Filling, 16), default=Filling.OPEN)
    position: Mapped[int] = mapped_column(default=0)


class Member(Base):
    """A person registered with a council (open registration); ``left_at`` once they leave."""

    __tablename__ = P + "member"
    __table_args__ = (UniqueConstraint("council_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_member_council_id"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), index=True)
    link: Mapped[Link] = mapped_column(enum_type(Link, 16))
    charter_id: Mapped[int] = mapped_column(ForeignKey(P + "charter.id", name="fk_nbhd_member_charter_id"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    left_at: Mapped[datetime | None]
    animator: Mapped[bool] = mapped_column(default=False)  # in the animation group (bureau)
    # The college they joined (councils with colleges), and their seat in it.
    college_id: Mapped[int | None] = mapped_column(
        ForeignKey(P + "college.id", ondelete="SET NULL", name="fk_nbhd_member_college_id"), index=True
    )
    seat: Mapped[Seat | None] = mapped_column(enum_type(Seat, 16))
    reserve_rank: Mapped[int | None]

    charter: Mapped[Charter] = relationship()


class MeetingKind(enum.StrEnum):
    PLENARY = "plenary"
    COMMISSION = "commission"
    WALK = "walk"  # a Beautify programme's diagnostic walk
    WORKSHOP = "workshop"  # a Beautify programme's workshop


COUNCIL_MEETING_KINDS = (MeetingKind.PLENARY, MeetingKind.COMMISSION)
PROGRAMME_MEETING_KINDS = (MeetingKind.WALK, MeetingKind.WORKSHOP)
MEETING_KIND_LABELS = {
    MeetingKind.PLENARY: N_("Public plenary"),
    MeetingKind.COMMISSION: N_("Working commission"),
    MeetingKind.WALK: N_("Diagnostic walk"),
    MeetingKind.WORKSHOP: N_("Workshop"),
}


class CouncilMeeting(PublicIdMixin, Base):
    """A council's meeting (plenary, commission) or a Beautify programme's walk or workshop: one
    mechanism for both (registration, capacity, attendance), owned by exactly one of the two.
    ``present_count`` and ``walk_in_count`` are the attendance the officials recorded (None
    before): the public counts, kept when the registrations themselves are erased or purged."""

    __tablename__ = P + "meeting"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("(council_id IS NULL) <> (programme_id IS NULL)", name="one_owner"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int | None] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_councilmeeting_council_id"), index=True
    )
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey(P + "programme.id", ondelete="CASCADE", name="fk_nbhd_meeting_programme_id"), index=True
    )
    capacity: Mapped[int | None]  # places; None: no limit
    present_count: Mapped[int | None]
    walk_in_count: Mapped[int | None]
    kind: Mapped[MeetingKind] = mapped_column(enum_type(MeetingKind, 16), default=MeetingKind.PLENARY)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    council: Mapped[Council | None] = relationship()


class Registration(Base):
    """A place taken at a meeting, walk or workshop by a signed-in resident (``person_id``), or a
    walk-in the officials recorded by name (no person); ``present`` once attendance is recorded.
    Cancelling deletes the row; the meeting's counts outlive it (erasure, purge)."""

    __tablename__ = P + "registration"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey(P + "meeting.id", ondelete="CASCADE", name="fk_nbhd_registration_meeting_id"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_person.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")  # a walk-in's name
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    present: Mapped[bool | None]

    meeting: Mapped[CouncilMeeting] = relationship()


class Credit(enum.StrEnum):
    """A council's two envelopes: running costs, and equipment or works (kept apart by law)."""

    OPERATING = "operating"
    INVESTMENT = "investment"


CREDIT_LABELS = {
    Credit.OPERATING: N_("Operating allocation"),
    Credit.INVESTMENT: N_("Investment credits"),
}


class Allocation(Base):
    """A council's allocation of one credit for a year, when officials set one (else the setting)."""

    __tablename__ = P + "allocation"
    __table_args__ = (
        UniqueConstraint("council_id", "year", "credit"),
        CheckConstraint("amount >= 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_allocation_council_id")
    )
    year: Mapped[int]
    credit: Mapped[Credit] = mapped_column(enum_type(Credit, 16), default=Credit.OPERATING)
    amount: Mapped[int]  # cents


class Spending(Base):
    """A spending decision voted by the council: what for, how much at most."""

    __tablename__ = P + "spending"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_spending_council_id"), index=True
    )
    year: Mapped[int]
    credit: Mapped[Credit] = mapped_column(enum_type(Credit, 16), default=Credit.OPERATING)
    title: Mapped[str] = mapped_column(String(200))
    amount: Mapped[int]  # cents
    decided_on: Mapped[date]

    expenses: Mapped[list[Expense]] = relationship(
        back_populates="spending", order_by="Expense.paid_on", cascade="all, delete-orphan"
    )


class Expense(Base):
    """Money actually spent against a spending decision."""

    __tablename__ = P + "expense"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    spending_id: Mapped[int] = mapped_column(
        ForeignKey(P + "spending.id", ondelete="CASCADE", name="fk_nbhd_expense_spending_id"), index=True
    )
    label: Mapped[str] = mapped_column(String(200))
    amount: Mapped[int]  # cents
    paid_on: Mapped[date]

    spending: Mapped[Spending] = relationship(back_populates="expenses")


# -- Beautify your neighbourhood ---------------------------------------------------------------


class Phase(enum.StrEnum):
    CONTRIBUTIONS = "contributions"
    DIAGNOSTIC = "diagnostic"
    WORKS = "works"
    DONE = "done"


PHASES = list(Phase)
PHASE_LABELS = {
    Phase.CONTRIBUTIONS: N_("Residents' contributions"),
    Phase.DIAGNOSTIC: N_("Diagnostic"),
    Phase.WORKS: N_("Works"),
    Phase.DONE: N_("Done"),
}


class Category(enum.StrEnum):
    GREENERY = "greenery"
    PEDESTRIANS = "pedestrians"
    SAFETY = "safety"
    CLEANLINESS = "cleanliness"
    PLAY = "play"


CATEGORY_LABELS = {
    Category.GREENERY: N_("Greenery"),
    Category.PEDESTRIANS: N_("Pedestrian space"),
    Category.SAFETY: N_("Safety"),
    Category.CLEANLINESS: N_("Cleanliness"),
    Category.PLAY: N_("Play"),
}


class Programme(PublicIdMixin, Base):
    """A "Beautify your neighbourhood" programme: one neighbourhood, one period, its phase."""

    __tablename__ = P + "programme"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(32), index=True)
    neighbourhood: Mapped[str] = mapped_column(String(64))  # a code of [[neighbourhoods]]
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    phase: Mapped[Phase] = mapped_column(enum_type(Phase, 16), default=Phase.CONTRIBUTIONS)
    description: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]


class Contribution(PublicIdMixin, Base):
    """A resident's contribution to a programme's diagnostic. Its moderation (pre-moderation,
    reports, hiding) is core's (``parvis.api.moderation``, content kind
    ``neighbourhood_councils.contribution``), never a column here."""

    __tablename__ = P + "contribution"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey(P + "programme.id", ondelete="CASCADE", name="fk_nbhd_contribution_programme_id"),
        index=True,
    )
    # None once the contributor's data is erased: the published contribution stays, unsigned.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_person.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[Category] = mapped_column(enum_type(Category, 16))
    place: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme: Mapped[Programme] = relationship()


class OperationStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


OPERATION_STATUS_LABELS = {
    OperationStatus.PLANNED: N_("Planned"),
    OperationStatus.IN_PROGRESS: N_("In progress"),
    OperationStatus.COMPLETED: N_("Completed"),
}


class Operation(PublicIdMixin, Base):
    """One operation of a programme's works: a place, dates, a status followed to completion."""

    __tablename__ = P + "operation"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey(P + "programme.id", ondelete="CASCADE", name="fk_nbhd_operation_programme_id"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(300))
    category: Mapped[Category] = mapped_column(enum_type(Category, 16))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[OperationStatus] = mapped_column(
        enum_type(OperationStatus, 16), default=OperationStatus.PLANNED
    )
    published: Mapped[bool] = mapped_column(default=False)

    programme: Mapped[Programme] = relationship()
