"""Tables of participatory bodies, shared by every plugin that declares a body kind."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.db import Base, PublicIdMixin, TimestampMixin, enum_type
from parvis.enums import LabelledEnum
from parvis.i18n import N_
from parvis.identity import Person


class Body(PublicIdMixin, TimestampMixin, Base):
    __tablename__ = "core_body"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(64), index=True)  # a code declared by a plugin
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Eligibility rule for every member (a name from the configuration's [eligibility.*] tables);
    # set from the kind's default when the body is created, officials may change it.
    eligibility: Mapped[str | None] = mapped_column(String(64))

    terms: Mapped[list[Term]] = relationship(back_populates="body", order_by="Term.starts_on")
    colleges: Mapped[list[College]] = relationship(back_populates="body", order_by="College.id")
    groups: Mapped[list[Group]] = relationship(back_populates="body", order_by="Group.id")


class Term(Base):
    """A term of office or an Assembly "promotion" (2024-25): the period a set of members sits."""

    __tablename__ = "core_term"
    __table_args__ = (
        UniqueConstraint("body_id", "label"),
        CheckConstraint("ends_on > starts_on", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    body: Mapped[Body] = relationship(back_populates="terms")

    def is_current(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class FillMethod(LabelledEnum):
    STRATIFIED_DRAW = "stratified_draw", N_("Stratified draw with quotas")
    LOT = "lot", N_("Drawing of lots")
    PARITY_DRAW = "parity_draw", N_("Drawing of lots with gender parity")
    PROPORTIONAL_DRAW = "proportional_draw", N_("Drawing of lots proportional to groups")
    APPOINTMENT = "appointment", N_("Appointment")
    ELECTION = "election", N_("Election")


class College(Base):
    """A share of a body's seats filled one way (Assembly: 80 from the roll, 15 non-EU, 5 aged 16-17)."""

    __tablename__ = "core_college"
    __table_args__ = (
        UniqueConstraint("body_id", "code"),
        CheckConstraint("seats >= 0", name="seats_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    seats: Mapped[int] = mapped_column(Integer)
    fill_method: Mapped[FillMethod] = mapped_column(enum_type(FillMethod, 32))
    eligibility: Mapped[str | None] = mapped_column(String(64))  # a rule name from the configuration

    body: Mapped[Body] = relationship(back_populates="colleges")


class MembershipStatus(LabelledEnum):
    INVITED = "invited", N_("Invited")  # drawn, not yet accepted
    ACTIVE = "active", N_("Active")
    DECLINED = "declined", N_("Declined")
    LEFT = "left", N_("Left")


class Membership(TimestampMixin, Base):
    __tablename__ = "core_membership"
    __table_args__ = (UniqueConstraint("term_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("core_term.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), index=True)
    college_id: Mapped[int | None] = mapped_column(ForeignKey("core_college.id", ondelete="SET NULL"))
    role: Mapped[str] = mapped_column(String(32), default="member")
    status: Mapped[MembershipStatus] = mapped_column(
        enum_type(MembershipStatus, 16), default=MembershipStatus.ACTIVE
    )
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]

    person: Mapped[Person] = relationship()
    term: Mapped[Term] = relationship()
    college: Mapped[College | None] = relationship()


class Group(Base):
    """A workshop or working group of a body (Deliberation, Exploration, Monitoring space...)."""

    __tablename__ = "core_group"
    __table_args__ = (UniqueConstraint("body_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("core_term.id", ondelete="SET NULL"))
    slug: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(32), default="workshop")
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # Open to every member without registration (the Assembly's Monitoring and Questioning space).
    open_to_all_members: Mapped[bool] = mapped_column(default=False)

    body: Mapped[Body] = relationship(back_populates="groups")


class Meeting(PublicIdMixin, TimestampMixin, Base):
    __tablename__ = "core_meeting"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("core_group.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(32), default="meeting")  # workshop, plenary, hearing...
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    public: Mapped[bool] = mapped_column(default=False)

    body: Mapped[Body] = relationship()
    group: Mapped[Group | None] = relationship()
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class AttendanceStatus(LabelledEnum):
    PRESENT = "present", N_("Present")
    EXCUSED = "excused", N_("Excused")
    ABSENT = "absent", N_("Absent")


class Attendance(Base):
    __tablename__ = "core_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(enum_type(AttendanceStatus, 16))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship()
