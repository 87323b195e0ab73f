"""Demo data every council has: a body with last year's, this year's and next year's terms, an
open call, referrals, hearings with guests and minutes, outputs, last year's vœu adopted with its
follow-up and this year's vœu filed. Each plugin gives its content as a ``DemoContent`` in its
``demo_content.py`` (dates relative to today, so the demo stays current) and seats members and
applicants its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.bodies import services as bodies
from parvis.bodies.models import Body, Term
from parvis.councils import applications as apps
from parvis.councils import hearings, referrals
from parvis.councils.models import Call
from parvis.councils.spec import Council
from parvis.decisions import history
from parvis.decisions.authoring import create_decision
from parvis.decisions.followup import add_milestone, update_followup
from parvis.decisions.models import CouncilOutcome, Decision, Majority, PlenaryVote
from parvis.decisions.transitions import transition
from parvis.decisions.votes import record_council_vote
from parvis.demo import DemoContext
from parvis.permissions import OFFICIAL


@dataclass(frozen=True, slots=True)
class DemoReferral:
    origin: str
    title: str
    days_ago: int
    status: str = "received"
    description: str = ""


@dataclass(frozen=True, slots=True)
class DemoHearing:
    title: str
    days_ago: int  # negative: upcoming
    guests: tuple[tuple[str, str, str], ...]  # (name, organisation, topic)
    place: str = ""
    minutes: str = ""


@dataclass(frozen=True, slots=True)
class DemoOutput:
    type: str
    title: str
    summary: str
    days_ago: int
    path: tuple[str, ...]  # the workflow states it went through


@dataclass(frozen=True, slots=True)
class DemoVoeu:
    title: str
    summary: str
    response: str = ""
    department: str = ""
    progress: int = 0
    milestones: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoContent:
    """A council's demo content, written in its plugin's ``demo_content.py``."""

    name: str
    description: str
    call: str
    referrals: tuple[DemoReferral, ...]
    hearings: tuple[DemoHearing, ...]
    outputs: tuple[DemoOutput, ...]
    voeu: DemoVoeu  # filed this year with the City Council
    previous_voeu: DemoVoeu  # filed last year, adopted, being implemented


@dataclass(frozen=True, slots=True)
class DemoCouncil:
    body: Body
    previous: Term
    current: Term
    upcoming: Term
    call: Call


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour), UTC)


def yearly_terms(db: Session, body: Body, today: date) -> tuple[Term, Term, Term]:
    """Last year's, this year's and next year's terms (September to August)."""
    start = today.year if today.month >= 9 else today.year - 1
    return tuple(  # type: ignore[return-value]
        bodies.add_term(db, body, f"{y}-{str(y + 1)[2:]}", date(y, 9, 1), date(y + 1, 8, 31))
        for y in (start - 1, start, start + 1)
    )


def seed_council(
    db: Session, demo: DemoContext, council: Council[Any], content: DemoContent
) -> DemoCouncil | None:
    """The body and its year of work; None when a body of this kind already exists."""
    if db.scalar(select(Body.id).where(Body.kind == council.kind).limit(1)) is not None:
        return None
    demo.progress(content.name)
    site, today = demo.site, demo.today
    official = Actor(demo.accounts.get("official"), frozenset({OFFICIAL}))
    body = bodies.create_body(db, site, council.kind, content.name, content.description)
    previous, current, upcoming = yearly_terms(db, body, today)
    call = apps.create_call(
        db,
        body,
        upcoming,
        title=content.call,
        opens_on=today - timedelta(days=14),
        closes_on=today + timedelta(days=30),
    )
    for r in content.referrals:
        referral = referrals.add_referral(
            db,
            body,
            origin=r.origin,
            title=r.title,
            description=r.description,
            received_on=today - timedelta(days=r.days_ago),
        )
        referrals.update_referral(db, referral, status=r.status)  # through its workflow: history too
    for h in content.hearings:
        starts = at(today - timedelta(days=h.days_ago))
        meeting = hearings.add_hearing(
            db,
            site,
            body,
            title=h.title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place=h.place,
            guests=h.guests,
        )
        meeting.minutes = h.minutes
    scene = Scene(db, site, body, official)
    for output in content.outputs:
        _decision(scene, current, output, today - timedelta(days=output.days_ago))
    # Last calendar year's vœu (adopted, being implemented), then this year's (filed).
    _voeu(scene, previous, content.previous_voeu, date(previous.starts_on.year, 11, 20), adopted=True)
    _voeu(scene, current, content.voeu, max(date(today.year, 1, 1), today - timedelta(days=30)))
    db.flush()
    return DemoCouncil(body, previous, current, upcoming, call)


@dataclass(frozen=True, slots=True)
class Scene:
    """Who and where the demo's decisions are made."""

    db: Session
    site: Any
    body: Body
    official: Actor


def _decision(scene: Scene, term: Term, output: DemoOutput, day: date) -> Decision:
    """A decision replayed through the services at its (invented) date, its plenary vote passed."""
    db, site, official = scene.db, scene.site, scene.official
    with history.backdated(at(day)):
        decision = create_decision(
            db,
            site,
            body=scene.body,
            term=term,
            decision_type=output.type,
            title=output.title,
            summary=output.summary,
            actor=official,
        )
        db.add(
            PlenaryVote(
                decision_id=decision.id,
                secret=False,
                quorum_percent=50,
                majority=Majority.SIMPLE,
                eligible=60,
                opened_at=at(day),
                closed_at=at(day),
                votes_for=41,
                votes_against=5,
                abstentions=4,
                quorum_reached=True,
                passed=True,
            )
        )
        db.flush()
        for step in output.path:
            if step == "adopted":
                record_council_vote(db, decision, official, session_on=day, outcome=CouncilOutcome.ADOPTED)
            transition(db, site, decision, step, official)
    return decision


def _voeu(scene: Scene, term: Term, v: DemoVoeu, day: date, *, adopted: bool = False) -> None:
    path = (
        ("validated", "submitted", "adopted", "in_implementation") if adopted else ("validated", "submitted")
    )
    decision = _decision(scene, term, DemoOutput("voeu", v.title, v.summary, 0, path), day)
    if not adopted:
        return
    later = day + timedelta(days=60)
    with history.backdated(at(later)):
        update_followup(
            scene.db,
            scene.site,
            decision,
            scene.official,
            response=v.response,
            response_on=later,
            department=v.department,
            status="in_progress",
            progress=v.progress,
        )
        for number, title in enumerate(v.milestones):
            done = later + timedelta(days=90 * number)
            planned = {"planned_on": done, "done_on": done if number == 0 else None}
            add_milestone(scene.db, scene.site, decision, scene.official, title=title, **planned)
