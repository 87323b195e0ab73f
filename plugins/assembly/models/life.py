"""Members' life: workshop membership, profiles, the topic vote and plenary agendas."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, Person, PublicIdMixin, enum_type, utcnow
from parvis.api.bodies import Group, Meeting
from parvis.api.decisions import Decision
from parvis.api.workflows import state_type


class AssemblyGroupMember(Base):
    """A member registered in a workshop (the Monitoring space needs no registration)."""

    __tablename__ = "assembly_group_member"
    __table_args__ = (UniqueConstraint("group_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("core_group.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    group: Mapped[Group] = relationship()
    person: Mapped[Person] = relationship()


class AssemblyProfile(Base):
    """What a member chooses to tell the other members (seen by members and officials only)."""

    __tablename__ = "assembly_profile"

    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), primary_key=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    show_email: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PollStatus(LabelledEnum):
    DRAFT = "draft", N_("In preparation")
    OPEN = "open", N_("Vote open")
    CLOSED = "closed", N_("Vote closed")


class TopicSource(enum.StrEnum):
    MAYOR = "mayor"
    MEMBER = "member"


class AssemblyTopicPoll(PublicIdMixin, Base):
    """The choice of a workshop's topic: the Mayor's list (Deliberation) or members' proposals
    within the City's competences (Exploration), then one vote per member."""

    __tablename__ = "assembly_topic_poll"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("core_group.id", ondelete="CASCADE"), unique=True)
    # The workflow's state (parvis.api.workflows): PollStatus, or a state the city added.
    status: Mapped[PollStatus] = mapped_column(state_type(PollStatus, 16), default=PollStatus.DRAFT)
    opened_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    group: Mapped[Group] = relationship()
    topics: Mapped[list[AssemblyTopic]] = relationship(
        back_populates="poll", order_by="AssemblyTopic.id", cascade="all, delete-orphan"
    )


class AssemblyTopic(Base):
    __tablename__ = "assembly_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("assembly_topic_poll.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[TopicSource] = mapped_column(enum_type(TopicSource, 16))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_person.id", ondelete="SET NULL"))
    # Members' proposals are checked against the City's competences before the vote (None: not yet).
    admissible: Mapped[bool | None]
    review_note: Mapped[str] = mapped_column(Text, default="")
    chosen: Mapped[bool] = mapped_column(default=False)

    poll: Mapped[AssemblyTopicPoll] = relationship(back_populates="topics")


class AssemblyTopicVote(Base):
    """One vote per member and poll: the unique constraint is the guarantee, not the Python check.

    When a member's data is erased the vote stays counted, with no person (``person_id`` NULL).
    """

    __tablename__ = "assembly_topic_vote"
    __table_args__ = (UniqueConstraint("poll_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("assembly_topic_poll.id", ondelete="CASCADE"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("assembly_topic.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_person.id", ondelete="SET NULL"), index=True
    )
    cast_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssemblyPlenaryItem(Base):
    """A recommendation on a plenary's agenda, validated there through the decisions workflow."""

    __tablename__ = "assembly_plenary_item"
    __table_args__ = (UniqueConstraint("meeting_id", "decision_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_meeting.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("core_decision.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship()
    decision: Mapped[Decision] = relationship()
