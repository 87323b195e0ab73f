"""Demo data of the participatory budget (fictitious): a past campaign with its ideas, projects
in several districts, online and paper ballots, published results and realisation under way;
and the current campaign, whose vote is open (its counts stay hidden).

The content is written for Paris (``demo_content``). On another city's configuration it goes to
the configured districts by position, in wording without Paris's places, with ballot boxes named
after the districts and points from each district's coordinates (or around the map's centre);
ballots follow the site's counting rule (grades or approval)."""

from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import OFFICIAL, _, load_actor, site_timezone
from parvis.api.decisions import Decision, FollowUpStatus, add_milestone, update_followup
from parvis.plugins.budget import demo_content as content
from parvis.plugins.budget.ballot_rules import rule_named
from parvis.plugins.budget.models import (
    CITY,
    Ballot,
    BoxKind,
    Campaign,
    PhaseKind,
    Scope,
    VoterRecord,
)
from parvis.plugins.budget.services import (
    campaigns,
    ideas,
    paper,
    participants,
    projects,
    receipts,
    results,
    review,
)
from parvis.plugins.budget.services.voting import pack


def _starts(campaign: Campaign, kind: PhaseKind) -> datetime:
    """When a phase of a demo campaign starts (demo campaigns have every phase)."""
    phase = campaign.phase(kind)
    assert phase is not None
    return phase.starts_at


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=site_timezone()).astimezone(UTC)


def _phases(today: date, vote_start: int) -> dict[PhaseKind, tuple[datetime, datetime]]:
    """Phases with the vote starting ``vote_start`` days from today (negative: in the past)."""
    return {
        PhaseKind(kind): (
            _at(today + timedelta(days=vote_start + start)),
            _at(today + timedelta(days=vote_start + start + days)),
        )
        for kind, start, days in content.PHASE_PLAN
    }


class Places:
    """Where the Paris content goes on this site, and its wording there."""

    def __init__(self, demo: Any) -> None:
        self.demo = demo
        self.districts, self.native = demo.districts_for(list(content.DISTRICT_PROJECTS))

    def level(self, paris_code: str | None) -> str | None:
        """The site's district for content written for ``paris_code`` (CITY stays CITY)."""
        if paris_code is None or paris_code == CITY:
            return CITY
        return self.districts.get(paris_code)

    def text(self, title: str, description: str) -> tuple[str, str]:
        if self.native or title not in content.ELSEWHERE:
            return title, description
        other, other_description = content.ELSEWHERE[title]
        return other, other_description or description

    def reason(self, reason: str) -> str:
        return reason if self.native else content.REASONS_ELSEWHERE.get(reason, reason)

    def district_name(self, code: str) -> str:
        found = self.demo.site.config.district(code)
        return found.name if found else code

    def boxes(self) -> list[tuple[str, str, str, str, list[tuple[str, int, int]]]]:
        if self.native:
            return content.BOXES
        found = []
        for name, kind, paris_code, place, stops in content.BOXES_ELSEWHERE:
            district = self.level(paris_code)
            if district is None:
                continue
            label = self.district_name(district)
            found.append(
                (
                    name.format(district=label),
                    kind,
                    district,
                    place,
                    [(stop.format(district=label), offset, hours) for stop, offset, hours in stops],
                )
            )
        return found


def seed(db: Session, demo: Any) -> None:
    site = demo.site
    rng: random.Random = demo.rng
    demo.progress(_("Participatory budget"))
    places = Places(demo)
    official = demo.accounts.get("official")
    second = demo.account(
        "official2",
        demo.person(given_name=content.SECOND_OFFICIAL[0], family_name=content.SECOND_OFFICIAL[1], age=44),
        OFFICIAL,
    )
    db.add(second)
    db.flush()
    officials = (
        [load_actor(db, official), load_actor(db, second)] if official else [load_actor(db, second)] * 2
    )

    past = _campaign(db, site, demo, places, year=demo.today.year - 1, vote_start=-320)
    _fill(db, site, demo, past, places, official=officials[0], rng=rng)
    _vote_online(db, site, demo, past, rng=rng, voters=content.PAST_VOTERS)
    if not rule_named(site, past.rule).needs_ballots:  # Equal Shares cannot count paper tallies
        _vote_on_paper(db, site, past, places, officials=officials, rng=rng)
    results.publish(db, site, past, actor=officials[0])
    _realise(db, site, past, officials[0], rng)

    current = _campaign(db, site, demo, places, year=demo.today.year, vote_start=-5)
    _fill(db, site, demo, current, places, official=officials[0], rng=rng)
    _vote_online(db, site, demo, current, rng=rng, voters=content.CURRENT_VOTERS)
    _boxes(db, site, current, places)
    db.flush()


def _campaign(db: Session, site: Any, demo: Any, places: Places, *, year: int, vote_start: int) -> Campaign:
    who, where = content.CAMPAIGN_WHO if places.native else content.CAMPAIGN_WHO_ELSEWHERE
    return campaigns.create_campaign(
        db,
        site,
        slug=str(year),
        year=year,
        title=content.CAMPAIGN_TITLE.format(year=year),
        description=content.CAMPAIGN_DESCRIPTION.format(who=who, where=where),
        total=content.CAMPAIGN_TOTAL_EUROS * 100,
        phases=_phases(demo.today, vote_start),
    )


def _fill(
    db: Session, site: Any, demo: Any, campaign: Campaign, places: Places, *, official: Any, rng: Any
) -> None:
    """Ideas (some rejected), workshops merging them into projects, projects costed and on ballots."""
    rule = participants.submit_rule(site)
    # Old enough on the day of the past campaign too (more than a year ago).
    youngest = max(9, (rule.min_age or 0) + 2)
    authors = [demo.eligible_person(rule, youngest=youngest, oldest=80) for _ in range(25)]
    db.add_all(authors)
    db.flush()
    now = _starts(campaign, PhaseKind.IDEAS) + timedelta(days=3)
    groups: list[tuple[str, list[tuple[str, str, str, int, bool]]]] = [(CITY, content.CITY_PROJECTS)]
    for paris_code, items in content.DISTRICT_PROJECTS.items():
        level = places.level(paris_code)
        if level is not None:
            groups.append((level, items))
    for level, items in groups:
        where = content.WORKSHOP_CITY if level == CITY else places.district_name(level)
        workshop = projects.create_workshop(
            db,
            site,
            campaign,
            title=content.WORKSHOP_TITLE.format(where=where),
            level=level,
            place=content.WORKSHOP_PLACE,
        )
        for paris_title, paris_description, theme, euros, qpop in items:
            title, description = places.text(paris_title, paris_description)
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
                        collective=rng.choice(content.COLLECTIVES),
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
                    title,
                    description,
                    level,
                    theme,
                    cost=euros * 100,
                    qpop=qpop,
                    **demo.point(None if level == CITY else level),
                ),
                ideas=merged,
                workshop=workshop,
            )
            projects.put_on_ballot(db, project)
    for paris_title, paris_description, theme, district, failed, reason in content.REJECTED_IDEAS:
        level = places.level(district)
        if level is None:
            continue
        title, description = places.text(paris_title, paris_description)
        idea = ideas.submit_idea(
            db,
            site,
            campaign,
            rng.choice(authors),
            ideas.IdeaInput(title, description, level, theme),
            now=now,
        )
        review.review_idea(db, idea, official, failed=failed, reason=places.reason(reason))
    for title, description, theme in content.EXTRA_IDEAS:
        level = rng.choice([level for level, _items in groups])
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
    cast_on = _starts(campaign, PhaseKind.VOTE).date()
    for person in people:
        chosen = [CITY]
        if districts and rng.random() < 0.8:
            chosen.append(person.district if person.district in districts else rng.choice(districts))
        top = campaign.n_grades - 1  # 3 for Paris's four grades, 1 for approval
        for level in chosen:
            grades = [max(0, min(top, round(top * rng.gauss(appeal[p.id], 1.0) / 3))) for p in ballots[level]]
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


def _boxes(db: Session, site: Any, campaign: Campaign, places: Places) -> list[Any]:
    start = _starts(campaign, PhaseKind.VOTE)
    found = []
    for name, kind, district, place, stops in places.boxes():
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
    db: Session, site: Any, campaign: Campaign, places: Places, *, officials: list[Any], rng: random.Random
) -> None:
    """Each box's count, entered identically by two officials (the double entry agrees)."""
    for box in _boxes(db, site, campaign, places):
        levels = paper.box_levels(db, campaign, box)
        signatures = rng.randint(60, 160)
        city_ballots = signatures - rng.randint(0, 5)
        district_ballots = signatures - rng.randint(0, 12)
        counts: dict[tuple[int, int], int] = {}
        for level, found in levels.items():
            ballots = city_ballots if level == CITY else district_ballots
            for project in found:
                left = ballots
                for grade in range(campaign.n_grades - 1, 0, -1):
                    n = rng.randint(0, left // 2)
                    counts[(project.id, grade)] = n
                    left -= n
        report = paper.ReportInput(signatures, city_ballots, district_ballots, counts)
        for actor in officials[:2]:
            paper.enter_report(db, campaign, box, actor, report, site=site)


def _realise(db: Session, site: Any, campaign: Campaign, official: Any, rng: random.Random) -> None:
    """Some winning projects completed, others under way, with milestones."""
    winners = [p for p in projects.campaign_projects(db, campaign) if p.decision_id]
    for project in winners:
        decision = db.get(Decision, project.decision_id)
        assert decision is not None
        roll = rng.random()
        start = _starts(campaign, PhaseKind.REALISATION).date()
        add_milestone(
            db,
            site,
            decision,
            official,
            title=content.STUDIES_MILESTONE,
            planned_on=start + timedelta(days=60),
            done_on=start + timedelta(days=70),
        )
        if roll < 0.45:
            add_milestone(
                db,
                site,
                decision,
                official,
                title=content.WORKS_MILESTONE,
                planned_on=start + timedelta(days=200),
                done_on=start + timedelta(days=230),
            )
            update_followup(
                db,
                site,
                decision,
                official,
                status=FollowUpStatus.DONE,
                progress=100,
                department=content.DEPARTMENT,
            )
        elif roll < 0.85:
            add_milestone(
                db,
                site,
                decision,
                official,
                title=content.WORKS_MILESTONE,
                planned_on=start + timedelta(days=400),
            )
            update_followup(
                db,
                site,
                decision,
                official,
                status=FollowUpStatus.IN_PROGRESS,
                progress=rng.choice([20, 40, 60]),
            )
    db.flush()
