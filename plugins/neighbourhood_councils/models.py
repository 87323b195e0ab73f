"""The plugin's tables, prefixed with its name.

A council is also a core body (``body_id``): its vœux are core decisions of that body, so they go
through core's workflow and into the public follow-up tracker. Membership is open registration:
one row per person and council, with the charter version signed and the link to the district.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, PublicIdMixin, enum_type, utcnow
from parvis.plugins.neighbourhood_councils import money

P = money.P
# The councils' money has its own module; its tables stay importable from here.
Credit = money.Credit
Allocation = money.Allocation
Spending = money.Spending
Expense = money.Expense


class Composition(LabelledEnum):
    OPEN = "open", N_("Open assembly of registered people")
    # residents, plus colleges of associations or qualified people
    COLLEGES = "colleges", N_("Colleges: residents, associations, qualified people")
    LOT = "lot", N_("Part of the members drawn by lot among volunteers")


class Link(LabelledEnum):
    LIVE = "live", N_("I live there")
    WORK = "work", N_("I work there")
    STUDY = "study", N_("I study there")
    ASSOCIATION = "association", N_("I am active in an association there")


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


class Filling(LabelledEnum):
    """How a college's seats are filled."""

    # the first who join it, while seats are free
    OPEN = "open", N_("Open registration")
    # designated by the district's officials among the members
    DESIGNATION = "designation", N_("Designated by the officials")
    # drawn by lot among the members who volunteer for it
    LOT = "lot", N_("Drawn by lot among volunteers")


class Seat(LabelledEnum):
    """Where a member of a college stands."""

    VOLUNTEER = "volunteer", N_("Volunteer for the draw")  # waiting for the college's draw
    SEATED = "seated", N_("Seated")
    RESERVE = "reserve", N_("In the reserve")  # drawn into the ranked reserve (``reserve_rank``)


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


class MeetingKind(LabelledEnum):
    PLENARY = "plenary", N_("Public plenary")
    COMMISSION = "commission", N_("Working commission")
    WALK = "walk", N_("Diagnostic walk")  # a Beautify programme's diagnostic walk
    WORKSHOP = "workshop", N_("Workshop")  # a Beautify programme's workshop


COUNCIL_MEETING_KINDS = (MeetingKind.PLENARY, MeetingKind.COMMISSION)
PROGRAMME_MEETING_KINDS = (MeetingKind.WALK, MeetingKind.WORKSHOP)


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


# -- Beautify your neighbourhood ---------------------------------------------------------------


class Phase(LabelledEnum):
    CONTRIBUTIONS = "contributions", N_("Residents' contributions")
    DIAGNOSTIC = "diagnostic", N_("Diagnostic")
    WORKS = "works", N_("Works")
    DONE = "done", N_("Done")


PHASES = list(Phase)


class Category(LabelledEnum):
    GREENERY = "greenery", N_("Greenery")
    PEDESTRIANS = "pedestrians", N_("Pedestrian space")
    SAFETY = "safety", N_("Safety")
    CLEANLINESS = "cleanliness", N_("Cleanliness")
    PLAY = "play", N_("Play")


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


class OperationStatus(LabelledEnum):
    PLANNED = "planned", N_("Planned")
    IN_PROGRESS = "in_progress", N_("In progress")
    COMPLETED = "completed", N_("Completed")


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
