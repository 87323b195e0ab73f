"""Tables of the councils' shared features (prefix ``core_council_``, in core's migrations).

Hearings are core ``Meeting`` rows of kind "hearing" (their minutes are the meeting's minutes);
this package adds only the invited guests. A space open to all councils is a core ``Group``
listed in ``core_council_shared_space``.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.bodies.models import Body, Group, Meeting, Term
from parvis.db import Base, PublicIdMixin, TimestampMixin, enum_type, utcnow
from parvis.enums import LabelledEnum
from parvis.i18n import N_
from parvis.identity import Person
from parvis.workflows.columns import state_type


class CallStatus(enum.StrEnum):
    """What has happened to a call (its workflow: parvis.councils.lifecycle); open is by dates."""

    SCHEDULED = "scheduled"
    ANNOUNCED = "announced"  # the eligible residents were told (announced_at)
    DRAWN = "drawn"  # the seats were drawn (drawn_at)


class Call(PublicIdMixin, TimestampMixin, Base):
    """A call for applications: residents apply between two dates, then seats are drawn by lot."""

    __tablename__ = "core_council_call"
    __table_args__ = (CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"), index=True)
    # The term the drawn applicants sit in; a term with calls keeps them (RESTRICT).
    term_id: Mapped[int] = mapped_column(ForeignKey("core_term.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    drawn_at: Mapped[datetime | None]
    # When the eligible residents were told the call is open (parvis.councils.announcements).
    announced_at: Mapped[datetime | None]
    # The draw's record (a ``parvis.sortition.DrawRecord``: inputs' hashes, public inputs, seed,
    # algorithm version, result) and its canonical pool file, published so that anyone can re-run
    # the draw (``parvis draw verify record.json --pool pool.csv``).
    draw_record: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    draw_pool: Mapped[str] = mapped_column(Text, default="")
    # The workflow's state (parvis.councils.lifecycle): CallStatus, or a state the city added.
    status: Mapped[CallStatus] = mapped_column(
        state_type(CallStatus, 32), default=CallStatus.SCHEDULED, server_default=CallStatus.SCHEDULED.value
    )

    body: Mapped[Body] = relationship()
    term: Mapped[Term] = relationship()

    def is_open(self, day: date) -> bool:
        return self.drawn_at is None and self.opens_on <= day <= self.closes_on


class ApplicationStatus(LabelledEnum):
    SUBMITTED = "submitted", N_("Received")
    VERIFIED = "verified", N_("Checked, in the draw")  # an official checked what the applicant declared
    REJECTED = "rejected", N_("Not admissible")
    WITHDRAWN = "withdrawn", N_("Withdrawn")
    DRAWN = "drawn", N_("Drawn")
    NOT_DRAWN = "not_drawn", N_("Not drawn")


class Application(PublicIdMixin, TimestampMixin, Base):
    __tablename__ = "core_council_application"
    __table_args__ = (UniqueConstraint("call_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("core_council_call.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), index=True)
    # The workflow's state (parvis.councils.lifecycle): ApplicationStatus, or a state the city added.
    status: Mapped[ApplicationStatus] = mapped_column(
        state_type(ApplicationStatus, 16), default=ApplicationStatus.SUBMITTED
    )
    motivation: Mapped[str] = mapped_column(Text, default="")
    # The council plugin's own answers (nationality, link with the city...), as plain JSON.
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))

    call: Mapped[Call] = relationship()
    person: Mapped[Person] = relationship()


class ReferralOrigin(LabelledEnum):
    MAYOR = "mayor", N_("Referral by {site.mayor:the}")
    SELF = "self", N_("Self-referral")


class ReferralStatus(LabelledEnum):
    RECEIVED = "received", N_("Received")
    IN_PROGRESS = "in_progress", N_("Being examined")
    ANSWERED = "answered", N_("Answered")
    CLOSED = "closed", N_("Closed without an answer")


class Referral(PublicIdMixin, TimestampMixin, Base):
    """A topic the council examines: referred by the Mayor, or chosen by the council itself."""

    __tablename__ = "core_council_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"), index=True)
    origin: Mapped[ReferralOrigin] = mapped_column(enum_type(ReferralOrigin, 16))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[date] = mapped_column(index=True)
    # The workflow's state (parvis.councils.lifecycle): ReferralStatus, or a state the city added.
    status: Mapped[ReferralStatus] = mapped_column(
        state_type(ReferralStatus, 16), default=ReferralStatus.RECEIVED
    )
    # The opinion, recommendation or vœu that answers it, once there is one.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("core_decision.id", ondelete="SET NULL"))

    body: Mapped[Body] = relationship()


class HearingGuest(Base):
    """A stakeholder invited to a hearing (a core meeting of kind "hearing")."""

    __tablename__ = "core_council_hearing_guest"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_meeting.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship()


class SharedSpace(Base):
    """A group whose sessions members of every participatory body may see and attend
    (the Assembly's Monitoring and Questioning space, open to all councils since 2024)."""

    __tablename__ = "core_council_shared_space"

    group_id: Mapped[int] = mapped_column(ForeignKey("core_group.id", ondelete="CASCADE"), primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)

    group: Mapped[Group] = relationship()
