"""The citizen vote's tables. Who voted is core's poll book (``core_poll_mark``, poll
``citizen_vote:<vote id>``, elector: the roll entry's id); what was voted is only counts per place,
and, online, anonymous ballots with no link to the voter (``citizen_vote_ballot``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import Base, PublicIdMixin, utcnow

ROLL = "roll"
RESIDENTS = "residents"
ELECTORATES = (ROLL, RESIDENTS)


class Vote(PublicIdMixin, Base):
    __tablename__ = "citizen_vote_vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    arguments_for: Mapped[str] = mapped_column(Text, default="")
    arguments_against: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    in_person: Mapped[bool] = mapped_column(default=True)
    online: Mapped[bool] = mapped_column(default=False)
    #: Who votes: ``roll`` (an electoral roll imported from the City) or ``residents`` (the
    #: consultative variant: the residents known to the site, aged ``min_age`` or more on the vote
    #: day, whatever their nationality, frozen into the roll table; services/electorate.py).
    electorate: Mapped[str] = mapped_column(String(16), default=ROLL, server_default=ROLL)
    min_age: Mapped[int] = mapped_column(Integer, default=16, server_default="16")
    roll_cutoff: Mapped[date | None]
    roll_sha256: Mapped[str] = mapped_column(String(64), default="")
    roll_count: Mapped[int] = mapped_column(Integer, default=0)
    results_published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    questions: Mapped[list[Question]] = relationship(
        cascade="all, delete-orphan", order_by="Question.position", back_populates="vote"
    )
    places: Mapped[list[Place]] = relationship(
        cascade="all, delete-orphan", order_by="(Place.district, Place.name)", back_populates="vote"
    )

    @property
    def poll(self) -> str:
        return f"citizen_vote:{self.id}"


class Question(Base):
    """A question: city-wide (``district`` None) or local to one district. ``options`` are the
    answers' labels in order (["Yes", "No"] or several); blank and null ballots are counted apart."""

    __tablename__ = "citizen_vote_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("citizen_vote_vote.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    district: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[list[Any]]

    vote: Mapped[Vote] = relationship(back_populates="questions")


class RollEntry(Base):
    """One elector of the frozen roll. An imported roll comes from the City: no link to anyone
    on the site. A residents' electorate is built from core's people: ``person_id`` links each
    entry to its person, so that person, signed in, finds their entry to vote online."""

    __tablename__ = "citizen_vote_roll"
    __table_args__ = (
        UniqueConstraint("vote_id", "number"),
        UniqueConstraint("vote_id", "person_id"),
        Index("ix_citizen_vote_roll_name", "vote_id", "family_name", "birth_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("citizen_vote_vote.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40))
    family_name: Mapped[str] = mapped_column(String(120))
    given_name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date]
    section: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("core_person.id", ondelete="SET NULL"))


class Place(PublicIdMixin, Base):
    """A voting place; ``sections`` are the roll sections whose electors vote here. The count
    (ballots in the box) must match the poll book's marks, or ``mismatch_reason`` says why not."""

    __tablename__ = "citizen_vote_place"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("citizen_vote_vote.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    district: Mapped[str] = mapped_column(String(32))
    mismatch_reason: Mapped[str] = mapped_column(Text, default="")

    vote: Mapped[Vote] = relationship(back_populates="places")
    sections: Mapped[list[PlaceSection]] = relationship(cascade="all, delete-orphan")
    counts: Mapped[list[CountEntry]] = relationship(cascade="all, delete-orphan", order_by="CountEntry.slot")


class PlaceSection(Base):
    """A roll section served by a place: one place per section and vote (a database guarantee)."""

    __tablename__ = "citizen_vote_place_section"
    __table_args__ = (UniqueConstraint("vote_id", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("citizen_vote_vote.id", ondelete="CASCADE"))
    place_id: Mapped[int] = mapped_column(ForeignKey("citizen_vote_place.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(40))


class Clerk(Base):
    """An account allowed to mark electors at one place (the place-scoped clerk role)."""

    __tablename__ = "citizen_vote_clerk"
    __table_args__ = (UniqueConstraint("place_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("citizen_vote_place.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)


class CountEntry(Base):
    """One official's entry of a place's count: ballots in the box, per question the votes per
    option (``votes``, in the question's order), blank and null. Two entries per place, by two
    different officials (unique keys), must agree."""

    __tablename__ = "citizen_vote_count"
    __table_args__ = (
        UniqueConstraint("place_id", "slot"),
        UniqueConstraint("place_id", "entered_by_id"),
        CheckConstraint("slot IN (1, 2)", name="slot"),
        CheckConstraint("ballots >= 0", name="ballots"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("citizen_vote_place.id", ondelete="CASCADE"))
    slot: Mapped[int] = mapped_column(Integer)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime]
    ballots: Mapped[int] = mapped_column(Integer)
    #: {question id (str): {"options": [n, ...], "blank": n, "null": n}}
    figures: Mapped[dict[str, Any]]


class OnlineBallot(Base):
    """An anonymous online ballot for one question: a random id and the choice (an option's index,
    or None for blank). Nothing refers to the voter or the time: the poll book says who voted,
    this table what was voted, and nothing links the two."""

    __tablename__ = "citizen_vote_ballot"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("citizen_vote_question.id", ondelete="CASCADE"), index=True
    )
    choice: Mapped[int | None] = mapped_column(Integer)


class Turnout(Base):
    """The live turnout of one district, as the periodic job ``citizen_vote.turnout`` last counted
    it from the poll book (public pages read this row, never the marks). ``voters``: electors of
    the district marked in person at its places or online; ``registered``: its electors on the roll."""

    __tablename__ = "citizen_vote_turnout"

    vote_id: Mapped[int] = mapped_column(
        ForeignKey("citizen_vote_vote.id", ondelete="CASCADE"), primary_key=True
    )
    district: Mapped[str] = mapped_column(String(32), primary_key=True)
    voters: Mapped[int] = mapped_column(Integer)
    registered: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime]
