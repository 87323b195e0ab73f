"""Plenary validation votes of a body's members, and the record of the City Council's vote.

A plenary vote copies its rules (quorum, majority, secrecy) from the settings when it opens, so
changing the settings never changes a vote under way. Each member votes once: the database holds
one "has voted" row per member and vote. In a secret vote the ballot row carries no voter, no
time and a random key. Results stay hidden until the vote is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.bodies.models import Membership, MembershipStatus
from parvis.decisions import history
from parvis.decisions.models import (
    BallotChoice,
    CouncilOutcome,
    CouncilVote,
    Decision,
    Majority,
    PlenaryBallot,
    PlenaryVote,
    PlenaryVoter,
)
from parvis.decisions.registry import registry
from parvis.i18n import _
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site


class VoteRefused(Refused):
    """A vote that cannot be opened, cast or closed now (409), or by this person (403)."""


@dataclass(frozen=True, slots=True)
class Tally:
    eligible: int
    votes_for: int
    votes_against: int
    abstentions: int
    quorum_percent: int
    majority: Majority

    @property
    def participants(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def quorum_reached(self) -> bool:
        # Integer arithmetic: participants / eligible >= quorum_percent / 100.
        return self.participants * 100 >= self.quorum_percent * self.eligible and self.participants > 0

    @property
    def majority_reached(self) -> bool:
        yes, no = self.votes_for, self.votes_against
        if self.majority == Majority.ABSOLUTE:
            return 2 * yes > self.participants
        if self.majority == Majority.TWO_THIRDS:
            return yes > 0 and 3 * yes >= 2 * (yes + no)
        return yes > no

    @property
    def passed(self) -> bool:
        return self.quorum_reached and self.majority_reached


def eligible_voters(db: Session, decision: Decision) -> int:
    """Active members of the decision's body in its term."""
    return int(
        db.scalar(
            select(func.count()).where(
                Membership.body_id == decision.body_id,
                Membership.term_id == decision.term_id,
                Membership.status == MembershipStatus.ACTIVE,
            )
        )
        or 0
    )


def may_vote(db: Session, decision: Decision, person_id: int | None) -> bool:
    if person_id is None:
        return False
    return (
        db.scalar(
            select(Membership.id).where(
                Membership.body_id == decision.body_id,
                Membership.term_id == decision.term_id,
                Membership.person_id == person_id,
                Membership.status == MembershipStatus.ACTIVE,
            )
        )
        is not None
    )


def open_vote(db: Session, site: Site, decision: Decision, actor: Actor) -> PlenaryVote:
    state = registry(site).workflow_of(decision).state(decision.state)
    if state is None or not state.votable:
        raise VoteRefused(_("The members cannot vote on this decision at this step."))
    if current_vote(db, decision) is not None:
        raise VoteRefused(_("A vote on this decision is already open."))
    settings = site.settings("decisions")
    vote = PlenaryVote(
        decision_id=decision.id,
        secret=settings.secret_ballot,
        quorum_percent=settings.quorum_percent,
        majority=Majority(settings.majority),
        eligible=eligible_voters(db, decision),
        opened_by_id=actor.account.id if actor.account else None,
    )
    db.add(vote)
    db.flush()
    history.record(db, decision, "vote_opened", actor, {"secret": [None, vote.secret]})
    return vote


def current_vote(db: Session, decision: Decision) -> PlenaryVote | None:
    return db.scalar(
        select(PlenaryVote).where(PlenaryVote.decision_id == decision.id, PlenaryVote.closed_at.is_(None))
    )


def has_voted(db: Session, vote: PlenaryVote, person_id: int | None) -> bool:
    if person_id is None:
        return False
    return (
        db.scalar(
            select(PlenaryVoter.id).where(
                PlenaryVoter.vote_id == vote.id, PlenaryVoter.person_id == person_id
            )
        )
        is not None
    )


def _locked(db: Session, vote: PlenaryVote) -> PlenaryVote:
    """The vote row locked for this transaction (PostgreSQL), so casting and closing serialise."""
    return db.scalars(
        select(PlenaryVote)
        .where(PlenaryVote.id == vote.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def cast_ballot(db: Session, vote: PlenaryVote, person_id: int | None, choice: BallotChoice) -> None:
    """Record one member's ballot; the caller commits."""
    vote = _locked(db, vote)
    if not vote.is_open:
        raise VoteRefused(_("This vote is closed."))
    if not may_vote(db, vote.decision, person_id):
        raise VoteRefused(_("Only the members of this body for this term may vote."), status_code=403)
    try:
        with db.begin_nested():
            db.add(PlenaryVoter(vote_id=vote.id, person_id=person_id))
            db.add(PlenaryBallot(vote_id=vote.id, choice=choice, voter_id=None if vote.secret else person_id))
    except IntegrityError:
        raise VoteRefused(_("You have already voted.")) from None


def tally(db: Session, vote: PlenaryVote) -> Tally:
    counts = dict(
        db.execute(
            select(PlenaryBallot.choice, func.count())
            .where(PlenaryBallot.vote_id == vote.id)
            .group_by(PlenaryBallot.choice)
        ).all()
    )
    return Tally(
        eligible=vote.eligible,
        votes_for=counts.get(BallotChoice.FOR, 0),
        votes_against=counts.get(BallotChoice.AGAINST, 0),
        abstentions=counts.get(BallotChoice.ABSTAIN, 0),
        quorum_percent=vote.quorum_percent,
        majority=vote.majority,
    )


def participants(db: Session, vote: PlenaryVote) -> int:
    """How many members have voted (shown while the vote is open; the choices are not)."""
    return int(db.scalar(select(func.count()).where(PlenaryVoter.vote_id == vote.id)) or 0)


def close_vote(db: Session, vote: PlenaryVote, actor: Actor) -> Tally:
    vote = _locked(db, vote)
    if not vote.is_open:
        raise VoteRefused(_("This vote is closed."))
    result = tally(db, vote)
    vote.closed_at = history.now()
    vote.votes_for, vote.votes_against, vote.abstentions = (
        result.votes_for,
        result.votes_against,
        result.abstentions,
    )
    vote.quorum_reached = result.quorum_reached
    vote.passed = result.passed
    history.record(
        db,
        vote.decision,
        "vote_closed",
        actor,
        {
            "votes_for": [None, result.votes_for],
            "votes_against": [None, result.votes_against],
            "abstentions": [None, result.abstentions],
            "eligible": [None, result.eligible],
            "passed": [None, result.passed],
        },
    )
    return result


def record_council_vote(
    db: Session,
    decision: Decision,
    actor: Actor,
    *,
    session_on: date,
    outcome: CouncilOutcome,
    reference: str = "",
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
) -> CouncilVote:
    vote = CouncilVote(
        decision_id=decision.id,
        session_on=session_on,
        outcome=outcome,
        reference=reference,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        recorded_by_id=actor.account.id if actor.account else None,
    )
    db.add(vote)
    history.record(
        db,
        decision,
        "council_vote",
        actor,
        {
            "outcome": [None, outcome.value],
            "session_on": [None, session_on.isoformat()],
            "reference": [None, reference],
        },
    )
    return vote
