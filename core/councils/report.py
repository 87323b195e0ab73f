"""The annual report of a council: the year's referrals, hearings, outputs and its vœu with the
City's follow-up. The report page and any export read the same ``AnnualReport``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from parvis.bodies.models import Body, Meeting
from parvis.councils import hearings as hearing_service
from parvis.councils.models import HearingGuest, Referral
from parvis.councils.referrals import referrals
from parvis.councils.spec import council_for
from parvis.councils.voeu import VOEU, filed_voeux
from parvis.decisions.models import Decision, FollowUpEvent
from parvis.decisions.registry import registry
from parvis.formatting import site_timezone
from parvis.site import Site


@dataclass(slots=True)
class AnnualReport:
    body: Body
    year: int
    referrals: list[Referral]
    hearings: list[Meeting]
    guests: dict[int, list[HearingGuest]]
    outputs: list[Decision]  # opinions, proposals, recommendations made public during the year
    voeux: list[Decision]  # the vœu(x) filed with the City Council during the year
    published_on: dict[int, date] = field(default_factory=dict)  # {decision id: day made public}

    @property
    def empty(self) -> bool:
        return not (self.referrals or self.hearings or self.outputs or self.voeux)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    zone = site_timezone()
    return datetime.combine(date(year, 1, 1), time(), zone), datetime.combine(
        date(year + 1, 1, 1), time(), zone
    )


def made_public(db: Session, site: Site, body: Body) -> dict[int, datetime]:
    """{decision id: when it first entered a public state of its workflow} for a body's decisions."""
    declared = registry(site)
    decisions = {d.id: d for d in db.scalars(select(Decision).where(Decision.body_id == body.id))}
    if not decisions:
        return {}
    events = db.execute(
        select(FollowUpEvent.decision_id, FollowUpEvent.at, FollowUpEvent.changes)
        .where(FollowUpEvent.decision_id.in_(list(decisions)), FollowUpEvent.kind == "transition")
        .order_by(FollowUpEvent.at, FollowUpEvent.id)
    )
    first: dict[int, datetime] = {}
    for decision_id, at, changes in events:
        if decision_id in first:
            continue
        target = (changes or {}).get("state", [None, None])[1]
        workflow = declared.workflows.get(decisions[decision_id].workflow)
        state = workflow.state(target) if workflow and target else None
        if state is not None and state.public:
            first[decision_id] = at
    return first


def build(db: Session, site: Site, body: Body, year: int, *, insider: bool = False) -> AnnualReport:
    """The report of ``year``; ``insider`` (members, officials) also lists non-public hearings."""
    start, end = year_bounds(year)
    public_at = {i: at for i, at in made_public(db, site, body).items() if start <= at < end}
    outputs = list(
        db.scalars(
            select(Decision)
            .where(Decision.id.in_(list(public_at)), Decision.type != VOEU)
            .order_by(Decision.type, Decision.title)
        )
    )
    council = council_for(site, body.kind)
    filed_state = council.settings(site).voeu_filed_state if council else "submitted"
    voeux = filed_voeux(db, body.id, filed_state, year)
    if voeux:
        voeux = list(
            db.scalars(
                select(Decision)
                .options(selectinload(Decision.followup), selectinload(Decision.milestones))
                .where(Decision.id.in_([d.id for d in voeux]))
                .order_by(Decision.id)
            )
        )
    held = hearing_service.hearings(db, body, include_private=insider, start=start, end=end)
    held.reverse()  # in the order they took place
    return AnnualReport(
        body=body,
        year=year,
        referrals=list(reversed(referrals(db, body, year=year))),
        hearings=held,
        guests=hearing_service.guests_of(db, held),
        outputs=outputs,
        voeux=voeux,
        published_on={i: at.astimezone(site_timezone()).date() for i, at in public_at.items()},
    )
