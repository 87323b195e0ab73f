"""Tables of decisions, their votes and their follow-up (prefix ``core_``).

Integrity that matters under concurrency lives in the database: one ballot and one "has voted"
row per member per vote, one open vote per decision, progress between 0 and 100, and an
append-only follow-up history (``history.py`` installs the triggers that refuse UPDATE/DELETE).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.bodies.models import Body, Group, Meeting, Term
from parvis.db import Base, PublicIdMixin, TimestampMixin, enum_type, new_public_id, utcnow
from parvis.enums import LabelledEnum
from parvis.i18n import N_


class Decision(PublicIdMixin, TimestampMixin, Base):
    """A proposal, opinion, recommendation, vœu or deliberation of a body, in one workflow state."""

    __tablename__ = "core_decision"
    __table_args__ = (Index("ix_core_decision_body_state", "body_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # RESTRICT: a body or term with decisions keeps them (and their public history); deactivate it.
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="RESTRICT"))
    term_id: Mapped[int] = mapped_column(ForeignKey("core_term.id", ondelete="RESTRICT"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("core_group.id", ondelete="SET NULL"))
    type: Mapped[str] = mapped_column(String(32))  # a code declared through register_decision_types
    workflow: Mapped[str] = mapped_column(String(64))  # the workflow's name, fixed at creation
    state: Mapped[str] = mapped_column(String(64))
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    reference: Mapped[str] = mapped_column(String(60), default="")  # e.g. the body's own numbering
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(100), default="", index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))

    body: Mapped[Body] = relationship()
    term: Mapped[Term] = relationship()
    group: Mapped[Group | None] = relationship()
    followup: Mapped[FollowUp | None] = relationship(back_populates="decision", uselist=False)
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="decision", order_by="(Milestone.planned_on, Milestone.id)"
    )
    council_votes: Mapped[list[CouncilVote]] = relationship(order_by="CouncilVote.id")
    plenary_votes: Mapped[list[PlenaryVote]] = relationship(order_by="PlenaryVote.id")


# -- votes ---------------------------------------------------------------------------------------


class CouncilOutcome(LabelledEnum):
    ADOPTED = "adopted", N_("Adopted")
    REJECTED = "rejected", N_("Rejected")
    POSTPONED = "postponed", N_("Postponed")


class CouncilVote(Base):
    """The City Council's vote on a decision (a postponed item is voted again later)."""

    __tablename__ = "core_council_vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("core_decision.id", ondelete="CASCADE"), index=True)
    session_on: Mapped[date]
    outcome: Mapped[CouncilOutcome] = mapped_column(enum_type(CouncilOutcome, 16))
    reference: Mapped[str] = mapped_column(String(80), default="")  # the deliberation's reference
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))


class Majority(enum.StrEnum):
    SIMPLE = "simple"
    ABSOLUTE = "absolute"
    TWO_THIRDS = "two_thirds"


class PlenaryVote(PublicIdMixin, Base):
    """A validation vote of a body's members; the rules are copied from the settings when it opens."""

    __tablename__ = "core_plenary_vote"
    __table_args__ = (
        # At most one open vote per decision, on both engines (a partial unique index).
        Index(
            "uq_core_plenary_vote_open",
            "decision_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
        CheckConstraint("quorum_percent BETWEEN 0 AND 100", name="quorum_percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("core_decision.id", ondelete="CASCADE"), index=True)
    secret: Mapped[bool] = mapped_column(default=False)
    quorum_percent: Mapped[int] = mapped_column(Integer)
    majority: Mapped[Majority] = mapped_column(enum_type(Majority, 16))
    eligible: Mapped[int] = mapped_column(Integer)  # active members of the term when it opened
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]
    # Filled when the vote closes; hidden until then.
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)
    quorum_reached: Mapped[bool | None]
    passed: Mapped[bool | None]

    decision: Mapped[Decision] = relationship(back_populates="plenary_votes")

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class BallotChoice(LabelledEnum):
    FOR = "for", N_("For")
    AGAINST = "against", N_("Against")
    ABSTAIN = "abstain", N_("Abstain")


class PlenaryBallot(Base):
    """One ballot. In a secret vote ``voter_id`` is empty, the key is random and there is no time,
    so nothing in the row links it to the member (who is recorded separately in PlenaryVoter)."""

    __tablename__ = "core_plenary_ballot"
    __table_args__ = (UniqueConstraint("vote_id", "voter_id"),)

    id: Mapped[str] = mapped_column(String(24), primary_key=True, default=new_public_id)
    vote_id: Mapped[int] = mapped_column(ForeignKey("core_plenary_vote.id", ondelete="CASCADE"), index=True)
    choice: Mapped[BallotChoice] = mapped_column(enum_type(BallotChoice, 16))
    voter_id: Mapped[int | None] = mapped_column(ForeignKey("core_person.id", ondelete="SET NULL"))


class PlenaryVoter(Base):
    """ "Has voted": one row per member per vote, the database's guarantee against voting twice."""

    __tablename__ = "core_plenary_voter"
    __table_args__ = (UniqueConstraint("vote_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("core_plenary_vote.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), index=True)


# -- follow-up -----------------------------------------------------------------------------------


class FollowUpStatus(LabelledEnum):
    NOT_STARTED = "not_started", N_("Not started")
    IN_PROGRESS = "in_progress", N_("In progress")
    PARTIALLY_DONE = "partially_done", N_("Partially done")
    DONE = "done", N_("Done")
    ABANDONED = "abandoned", N_("Abandoned")


class FollowUp(Base):
    """The City's answer to a decision and where its implementation stands (the current values;
    every change is also an event in ``core_followup_event``)."""

    __tablename__ = "core_followup"
    __table_args__ = (CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),)

    decision_id: Mapped[int] = mapped_column(
        ForeignKey("core_decision.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[FollowUpStatus] = mapped_column(
        enum_type(FollowUpStatus, 16), default=FollowUpStatus.NOT_STARTED, index=True
    )
    progress: Mapped[int] = mapped_column(Integer, default=0)
    response: Mapped[str] = mapped_column(Text, default="")
    response_on: Mapped[date | None]
    department: Mapped[str] = mapped_column(String(200), default="", index=True)
    elected_official: Mapped[str] = mapped_column(String(200), default="")
    expected_on: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    decision: Mapped[Decision] = relationship(back_populates="followup")

    def is_overdue(self, today: date) -> bool:
        """Past its expected date and not finished (done or abandoned)."""
        finished = self.status in {FollowUpStatus.DONE, FollowUpStatus.ABANDONED}
        return self.expected_on is not None and self.expected_on < today and not finished


class Milestone(Base):
    """A dated step of the implementation: planned, then done."""

    __tablename__ = "core_followup_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("core_decision.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    planned_on: Mapped[date | None]
    done_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    decision: Mapped[Decision] = relationship(back_populates="milestones")


class FollowUpEvent(Base):
    """One entry of a decision's public history: who, when, what changed (old -> new).

    Append-only: the code never updates or deletes a row and the database refuses to. The actor
    is a plain id plus the name shown at the time (no foreign key, so no cascade ever rewrites a
    row); the decision's key has no ON DELETE action, so a decision with history cannot vanish.
    """

    __tablename__ = "core_followup_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("core_decision.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {field: [old, new]}
    note: Mapped[str] = mapped_column(Text, default="")


class ReviewItem(Base):
    """A decision reviewed in a public follow-up meeting (a core Meeting of kind "follow_up")."""

    __tablename__ = "core_followup_review"
    __table_args__ = (UniqueConstraint("meeting_id", "decision_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_meeting.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("core_decision.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship()
    decision: Mapped[Decision] = relationship()
