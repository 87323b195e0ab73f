"""Demo data of the Paris Citizens' Assembly: past recommendations with a plausible, fictitious
follow-up (``demo_content``), replayed through core's decisions services. The assembly's demo
calls ``seed`` with its body before recruiting the current promotion.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import MEMBER, OFFICIAL, Actor, _
from parvis.api.bodies import Body, Membership, Term
from parvis.api.comments import post_comment
from parvis.api.content import ContentRef
from parvis.api.decisions import (
    CouncilOutcome,
    Decision,
    Majority,
    PlenaryVote,
    Reviewed,
    add_milestone,
    backdated,
    create_decision,
    record_council_vote,
    record_history,
    record_review_meeting,
    transition,
    update_followup,
)
from parvis.api.demo import DemoContext
from parvis.plugins.assembly.demo_content import (
    COMMENTS_ON,
    COUNCIL_REFERENCE,
    LAST_IMPLEMENTED,
    MEASURES,
    PAST_MEMBER,
    PAST_MEMBER_TERM,
    PAST_TERMS,
    PLENARY_VOTE,
    PROGRESS_NOTE,
    PROGRESS_ON,
    REVIEW_MEETING,
    REVIEW_NOTE,
    REVIEW_ON,
    REVIEW_PLACE,
    REVIEWED,
    Measure,
)


def measures() -> list[Measure]:
    return list(MEASURES)


# The workflow path to each stopping point (the built-in "council" workflow).
PATHS = {
    "validated": ["validated"],
    "submitted": ["validated", "submitted"],
    "adopted": ["validated", "submitted", "adopted"],
    "rejected": ["validated", "submitted", "rejected"],
    "in_implementation": ["validated", "submitted", "adopted", "in_implementation"],
    "implemented": ["validated", "submitted", "adopted", "in_implementation", "implemented"],
}


DECISION_KIND = "decisions.decision"  # core's content kind of decisions (comments point at it)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(18, 30), UTC)


def _terms(db: Session, body: Body) -> dict[str, Term]:
    terms = {t.label: t for t in db.scalars(select(Term).where(Term.body_id == body.id))}
    for label, starts, ends in PAST_TERMS:
        if label not in terms:
            terms[label] = Term(body_id=body.id, label=label, starts_on=starts, ends_on=ends)
            db.add(terms[label])
    db.flush()
    return terms


def seed(db: Session, demo: DemoContext, body: Body) -> None:
    """The Assembly's past promotions and their recommendations, once (a second call adds nothing)."""
    demo.progress(_("Citizens' Assembly: past recommendations and their follow-up"))
    site = demo.site
    terms = _terms(db, body)
    if db.scalar(select(Decision.id).where(Decision.body_id == body.id).limit(1)) is not None:
        return  # already seeded: the body's history is never rewritten
    official_account = demo.accounts.get("official")
    official = Actor(official_account, frozenset({OFFICIAL}))
    given, family, age = PAST_MEMBER
    member_person = demo.person(given_name=given, family_name=family, age=age)
    member_account = demo.account("assembly_member", member_person)
    db.add(member_account)
    db.flush()
    db.add(Membership(body_id=body.id, term_id=terms[PAST_MEMBER_TERM].id, person_id=member_person.id))
    member = Actor(member_account, frozenset(), {body.id: frozenset({MEMBER})})
    people = Cast(official, member)
    decisions = [
        _measure(db, site, body, terms[m.term], m, number=number, people=people)
        for number, m in enumerate(measures(), start=1)
    ]
    with backdated(_at(REVIEW_ON)):
        record_review_meeting(
            db,
            body,
            official,
            title=REVIEW_MEETING,
            starts_at=_at(REVIEW_ON),
            ends_at=_at(REVIEW_ON).replace(hour=20, minute=30),
            place=REVIEW_PLACE,
            reviewed=[Reviewed(d, REVIEW_NOTE) for d in decisions if d.followup is not None][:REVIEWED],
        )
    db.flush()


class Cast(NamedTuple):
    official: Actor
    member: Actor


def _measure(
    db: Session, site: Any, body: Body, term: Term, m: Measure, *, number: int, people: Cast
) -> Decision:
    """Replay one measure's life through the services, each step at its (invented) date."""
    official, member = people
    start = term.starts_on
    day = date(start.year + (1 if start.month > 6 else 0), 3, 15)
    eligible, votes_for, against, abstentions = PLENARY_VOTE
    with backdated(_at(day)):
        decision = create_decision(
            db,
            site,
            body=body,
            term=term,
            decision_type=m.kind,
            title=m.title,
            actor=official,
            reference=m.ref,
            topic=m.topic,
            summary=m.summary,
        )
        db.add(
            PlenaryVote(
                decision_id=decision.id,
                secret=False,
                quorum_percent=50,
                majority=Majority.SIMPLE,
                eligible=eligible,
                opened_at=_at(day),
                closed_at=_at(day),
                votes_for=votes_for,
                votes_against=against,
                abstentions=abstentions,
                quorum_reached=True,
                passed=True,
            )
        )
        db.flush()
        record_history(
            db,
            decision,
            "vote_closed",
            official,
            {
                "votes_for": [None, votes_for],
                "votes_against": [None, against],
                "abstentions": [None, abstentions],
                "passed": [None, True],
            },
        )
    for step in PATHS[m.stop]:
        day = date(day.year, day.month, day.day)
        if step == "submitted":
            day = date(day.year, 5, 10)
        if step in ("adopted", "rejected"):
            day = date(day.year, 6, 12)
            with backdated(_at(day)):
                record_council_vote(
                    db,
                    decision,
                    official,
                    session_on=day,
                    outcome=CouncilOutcome.ADOPTED if step == "adopted" else CouncilOutcome.REJECTED,
                    reference=COUNCIL_REFERENCE.format(year=day.year, number=10 + number),
                )
                db.flush()
        if step == "in_implementation":
            day = date(day.year, 9, 20)
        if step == "implemented" and m.expected:
            day = min(m.expected, LAST_IMPLEMENTED)
        with backdated(_at(day)):
            transition(db, site, decision, step, official)
        if step == "adopted" and m.response:
            with backdated(_at(date(day.year, 7, 8))):
                update_followup(
                    db,
                    site,
                    decision,
                    official,
                    response=m.response,
                    response_on=date(day.year, 7, 8),
                    department=m.department,
                    elected_official=m.official,
                    expected_on=m.expected,
                    status="not_started",
                    progress=0,
                )
    for title, planned, done in m.milestones:
        with backdated(_at(planned or day)):
            add_milestone(db, site, decision, official, title=title, planned_on=planned, done_on=done)
    if m.status != "not_started" or m.progress:
        with backdated(_at(PROGRESS_ON)):
            update_followup(
                db,
                site,
                decision,
                official,
                status=m.status,
                progress=m.progress,
                note=PROGRESS_NOTE,
            )
    if m.comment and decision.followup is not None:
        db.flush()
        comment = post_comment(db, site, member, ContentRef(DECISION_KIND, decision.public_id), m.comment)
        comment.created_at = _at(COMMENTS_ON)
    return decision
