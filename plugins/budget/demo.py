"""Demo data of the participatory budget (fictitious): a past campaign with its ideas, projects
in several districts, online and paper ballots, published results and realisation under way;
and the current campaign, whose vote is open (its counts stay hidden)."""

from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parvis.auth import load_actor
from parvis.decisions import followup
from parvis.decisions.models import Decision, FollowUpStatus
from parvis.formatting import site_timezone
from parvis.permissions import OFFICIAL
from parvis.plugins.budget.demo_content import (
    BOXES,
    CITY_PROJECTS,
    DISTRICT_PROJECTS,
    EXTRA_IDEAS,
    REJECTED_IDEAS,
)
from parvis.plugins.budget.models import (
    CITY,
    Ballot,
    BoxKind,
    Campaign,
    PhaseKind,
    Scope,
    VoterRecord,
)
from parvis.plugins.budget.services import campaigns, ideas, paper, projects, receipts, results, review
from parvis.plugins.budget.services.voting import pack

PAST_VOTERS = 500
CURRENT_VOTERS = 120


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=site_timezone()).astimezone(UTC)


def _phases(today: date, vote_start: int) -> dict[PhaseKind, tuple[datetime, datetime]]:
    """Phases with the vote starting ``vote_start`` days from today (negative: in the past)."""
    plan = [
        (PhaseKind.IDEAS, -115, 30),
        (PhaseKind.CO_CONSTRUCTION, -85, 30),
        (PhaseKind.STUDY, -55, 55),
        (PhaseKind.VOTE, 0, 21),
        (PhaseKind.RESULTS, 21, 14),
        (PhaseKind.REALISATION, 35, 5 * 365),
    ]
    return {
        kind: (
            _at(today + timedelta(days=vote_start + start)),
            _at(today + timedelta(days=vote_start + start + days)),
        )
        for kind, start, days in plan
    }


def seed(db: Session, demo: Any) -> None:
    site = demo.site
    rng: random.Random = demo.rng
    demo.progress("participatory budget")
    official = demo.accounts.get("official")
    second = demo.account(
        "official2", demo.person(given_name="Samuel", family_name="Second", age=44), OFFICIAL
    )
    db.add(second)
    db.flush()
    officials = (
        [load_actor(db, official), load_actor(db, second)] if official else [load_actor(db, second)] * 2
    )

    past = _campaign(db, site, demo, slug=str(demo.today.year - 1), year=demo.today.year - 1, vote_start=-320)
    _fill(db, site, demo, past, official=officials[0], rng=rng)
    _vote_online(db, site, demo, past, rng=rng, voters=PAST_VOTERS)
    _vote_on_paper(db, site, past, officials, rng)
    results.publish(db, site, past, actor=officials[0])
    _realise(db, site, past, officials[0], rng)

    current = _campaign(db, site, demo, slug=str(demo.today.year), year=demo.today.year, vote_start=-5)
    _fill(db, site, demo, current, official=officials[0], rng=rng)
    _vote_online(db, site, demo, current, rng=rng, voters=CURRENT_VOTERS)
    _boxes(db, site, current)
    db.flush()


def _campaign(db: Session, site: Any, demo: Any, *, slug: str, year: int, vote_start: int) -> Campaign:
    return campaigns.create_campaign(
        db,
        site,
        slug=slug,
        year=year,
        title=f"Budget participatif {year}",
        description=(
            "Les Parisiennes et les Parisiens proposent des projets d'investissement pour leur quartier "
            "ou pour tout Paris, puis votent pour décider lesquels seront réalisés."
        ),
        total=75_000_000_00,
        phases=_phases(demo.today, vote_start),
    )


def _point(site: Any, level: str, rng: random.Random) -> dict[str, float]:
    """A plausible place for the map: near the district's point, anywhere in the city for all-city."""
    config = site.config
    centre = (config.map.center_latitude, config.map.center_longitude)
    lat, lon = config.district_points().get(level, centre)
    spread = 0.006 if level in config.district_points() else 0.03
    return {
        "latitude": round(lat + rng.uniform(-spread, spread), 6),
        "longitude": round(lon + rng.uniform(-1.5 * spread, 1.5 * spread), 6),
    }


def _fill(
    db: Session, site: Any, demo: Any, campaign: Campaign, *, official: Any, rng: random.Random
) -> None:
    """Ideas (some rejected), workshops merging them into projects, projects costed and on ballots."""
    authors = [demo.person(age=rng.randint(9, 80)) for _ in range(25)]
    db.add_all(authors)
    db.flush()
    now = campaign.phase(PhaseKind.IDEAS).starts_at + timedelta(days=3)
    groups: list[tuple[str, list[tuple[str, str, str, int, bool]]]] = [
        (CITY, CITY_PROJECTS),
        *DISTRICT_PROJECTS.items(),
    ]
    for level, items in groups:
        workshop = projects.create_workshop(
            db,
            site,
            campaign,
            title=f"Atelier de co-construction — {level}",
            level=level,
            place="Maison de la vie associative",
        )
        for title, description, theme, euros, qpop in items:
            merged = []
            for variant in range(rng.randint(1, 3)):
                idea = ideas.submit_idea(
                    db,
                    site,
                    campaign,
                    rng.choice(authors),
                    ideas.IdeaInput(
                        title if variant == 0 else f"{title} ({variant + 1})",
                        description,
                        level,
                        theme,
                        place="",
                        collective=rng.choice(
                            ["", "", "Conseil de quartier", "Association des parents d'élèves"]
                        ),
                        show_family_name=rng.random() < 0.3,
                    ),
                    now=now,
                )
                review.review_idea(db, idea, official, failed=[])
                merged.append(idea)
            project = projects.create_project(
                db,
                site,
                campaign,
                projects.ProjectInput(
                    title, description, level, theme, cost=euros * 100, qpop=qpop, **_point(site, level, rng)
                ),
                ideas=merged,
                workshop=workshop,
            )
            projects.put_on_ballot(db, project)
    for title, description, theme, district, failed, reason in REJECTED_IDEAS:
        idea = ideas.submit_idea(
            db,
            site,
            campaign,
            rng.choice(authors),
            ideas.IdeaInput(title, description, district or CITY, theme),
            now=now,
        )
        review.review_idea(db, idea, official, failed=failed, reason=reason)
    for title, description, theme in EXTRA_IDEAS:
        level = rng.choice([CITY, *DISTRICT_PROJECTS])
        idea = ideas.submit_idea(
            db,
            site,
            campaign,
            rng.choice(authors),
            ideas.IdeaInput(title, description, level, theme),
            now=now,
        )
        if rng.random() < 0.5:
            review.review_idea(db, idea, official, failed=[])
    db.flush()


def _vote_online(
    db: Session, site: Any, demo: Any, campaign: Campaign, *, rng: random.Random, voters: int
) -> None:
    """Voters with a taste per project: each ballot is drawn around the project's appeal."""
    levels = projects.ballot_levels(db, site, campaign)
    ballots = {level: projects.ballot_projects(db, campaign, level) for level in levels}
    appeal = {p.id: rng.uniform(0.6, 2.6) for found in ballots.values() for p in found}
    districts = [lvl for lvl in levels if lvl != CITY]
    people = [demo.person(age=rng.randint(16, 85)) for _ in range(voters)]
    db.add_all(people)
    db.flush()
    cast_on = campaign.phase(PhaseKind.VOTE).starts_at.date()
    for person in people:
        chosen = [CITY]
        if rng.random() < 0.8:
            chosen.append(person.district if person.district in districts else rng.choice(districts))
        for level in chosen:
            grades = [max(0, min(3, round(rng.gauss(appeal[p.id], 1.0)))) for p in ballots[level]]
            if rng.random() < 0.1:
                grades[rng.randrange(len(grades))] = 0  # a blank: the worst grade
            db.add(
                VoterRecord(
                    campaign_id=campaign.id,
                    scope=Scope.CITY if level == CITY else Scope.DISTRICT,
                    person_id=person.id,
                )
            )
            db.add(
                Ballot(
                    id=secrets.token_hex(16),
                    campaign_id=campaign.id,
                    level=level,
                    grades=pack(grades),
                    receipt_hash=receipts.digest(receipts.new_code()),
                    cast_on=cast_on + timedelta(days=rng.randint(0, 20)),
                )
            )
    db.flush()


def _boxes(db: Session, site: Any, campaign: Campaign) -> list[Any]:
    start = campaign.phase(PhaseKind.VOTE).starts_at
    found = []
    for name, kind, district, place, stops in BOXES:
        box = paper.create_box(
            db, site, campaign, name=name, kind=BoxKind(kind), district=district, place=place
        )
        for stop_place, offset, hours in stops:
            begins = start + timedelta(days=offset, hours=9)
            paper.add_stop(
                db, box, place=stop_place, starts_at=begins, ends_at=begins + timedelta(hours=hours)
            )
        found.append(box)
    return found


def _vote_on_paper(
    db: Session, site: Any, campaign: Campaign, officials: list[Any], rng: random.Random
) -> None:
    """Each box's count, entered identically by two officials (the double entry agrees)."""
    for box in _boxes(db, site, campaign):
        levels = paper.box_levels(db, campaign, box)
        signatures = rng.randint(60, 160)
        city_ballots = signatures - rng.randint(0, 5)
        district_ballots = signatures - rng.randint(0, 12)
        counts: dict[tuple[int, int], int] = {}
        for level, found in levels.items():
            ballots = city_ballots if level == CITY else district_ballots
            for project in found:
                left = ballots
                for grade in (3, 2, 1):
                    n = rng.randint(0, left // 2)
                    counts[(project.id, grade)] = n
                    left -= n
        report = paper.ReportInput(signatures, city_ballots, district_ballots, counts)
        for actor in officials[:2]:
            paper.enter_report(db, campaign, box, actor, report)


def _realise(db: Session, site: Any, campaign: Campaign, official: Any, rng: random.Random) -> None:
    """Some winning projects completed, others under way, with milestones."""
    winners = [p for p in projects.campaign_projects(db, campaign) if p.decision_id]
    for project in winners:
        decision = db.get(Decision, project.decision_id)
        assert decision is not None
        roll = rng.random()
        start = campaign.phase(PhaseKind.REALISATION).starts_at.date()
        followup.add_milestone(
            db,
            site,
            decision,
            official,
            title="Études et concertation",
            planned_on=start + timedelta(days=60),
            done_on=start + timedelta(days=70),
        )
        if roll < 0.45:
            followup.add_milestone(
                db,
                site,
                decision,
                official,
                title="Travaux",
                planned_on=start + timedelta(days=200),
                done_on=start + timedelta(days=230),
            )
            followup.update_followup(
                db,
                site,
                decision,
                official,
                status=FollowUpStatus.DONE,
                progress=100,
                department="Direction des espaces verts",
            )
        elif roll < 0.85:
            followup.add_milestone(
                db, site, decision, official, title="Travaux", planned_on=start + timedelta(days=400)
            )
            followup.update_followup(
                db,
                site,
                decision,
                official,
                status=FollowUpStatus.IN_PROGRESS,
                progress=rng.choice([20, 40, 60]),
            )
    db.flush()
