"""Campaign sign-up (role, arrondissement, age, ethics charter) and team formation.

Teams: for each district, the number of teams is the one whose sizes break the configured
bounds (4-5 by default) the least, preferring larger teams on a tie; it is then limited by the
number of team leaders, so that every team has one. Leaders are placed first, then everyone
else goes to the smallest team, in sign-up order. The result is only a proposal: the organiser
moves people between teams before saving, and the page lists what still breaks the rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import Account, Refused, _, local, rows_affected, utcnow
from parvis.plugins.volunteers.models import CampaignRole, CampaignSignup, CampaignTeam, VolunteerCampaign

if TYPE_CHECKING:
    from parvis.api import Site


class CampaignError(Refused):
    """A campaign sign-up that cannot be made; the message is translated for the visitor."""


def sign_up(
    db: Session,
    site: Site,
    campaign: VolunteerCampaign,
    account: Account,
    *,
    role: CampaignRole,
    district: str,
    charter_accepted: bool,
    now: datetime | None = None,
) -> CampaignSignup:
    now = now or utcnow()
    if not campaign.registration_open or campaign.starts_at <= now:
        raise CampaignError(_("Registration for this campaign is closed."))
    if not charter_accepted:
        raise CampaignError(
            _("Please read and accept the ethics charter to take part."), "charter", status_code=400
        )
    if site.config.district(district) is None:
        raise CampaignError(_("Choose {site.district:a} among those listed."), "district", status_code=400)
    person = account.person
    age = person.age_on(local(campaign.starts_at).date()) if person else None
    if age is None:
        raise CampaignError(
            _(
                "This campaign is open from the age of {age}: add your date of birth to your account first."
            ).format(age=campaign.min_age)
        )
    if age < campaign.min_age:
        raise CampaignError(_("This campaign is open from the age of {age}.").format(age=campaign.min_age))
    if db.scalar(
        select(CampaignSignup.id).where(
            CampaignSignup.campaign_id == campaign.id, CampaignSignup.account_id == account.id
        )
    ):
        raise CampaignError(_("You are already signed up for this campaign."))
    entry = CampaignSignup(
        campaign_id=campaign.id, account_id=account.id, role=role, district=district, charter_accepted_at=now
    )
    db.add(entry)
    try:
        db.flush()
    except IntegrityError:  # signed up at the same moment in another request: this one rolls back
        raise CampaignError(_("You are already signed up for this campaign.")) from None
    return entry


def withdraw(db: Session, campaign: VolunteerCampaign, account: Account) -> bool:
    gone = rows_affected(
        db.execute(
            delete(CampaignSignup)
            .where(CampaignSignup.campaign_id == campaign.id, CampaignSignup.account_id == account.id)
            .execution_options(synchronize_session=False)
        )
    )
    return bool(gone)


# -- teams --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    signup_id: int
    leader: bool
    district: str


@dataclass(slots=True)
class ProposedTeam:
    district: str
    members: list[Person] = field(default_factory=list)

    @property
    def leaders(self) -> int:
        return sum(1 for p in self.members if p.leader)


def _team_count(n: int, low: int, high: int) -> int:
    def cost(t: int) -> tuple[int, int]:
        small, large = n // t, -(-n // t)
        return max(0, large - high) + max(0, low - small), t  # fewer teams (larger ones) on a tie

    return min(range(1, n + 1), key=cost)


def propose_teams(people: list[Person], low: int, high: int) -> list[ProposedTeam]:
    by_district: dict[str, list[Person]] = defaultdict(list)
    for person in sorted(people, key=lambda p: p.signup_id):
        by_district[person.district].append(person)
    teams: list[ProposedTeam] = []
    for district in sorted(by_district, key=lambda d: (len(d), d)):
        group = by_district[district]
        leaders = [p for p in group if p.leader]
        others = [p for p in group if not p.leader]
        count = _team_count(len(group), low, high)
        if leaders:
            count = min(count, len(leaders))
        district_teams = [ProposedTeam(district) for _ in range(count)]
        for team, leader in zip(district_teams, leaders, strict=False):
            team.members.append(leader)
        for person in leaders[count:] + others:
            min(district_teams, key=lambda t: len(t.members)).members.append(person)
        teams.extend(district_teams)
    return teams


def team_problems(teams: list[ProposedTeam], low: int, high: int) -> list[str]:
    problems = []
    for number, team in enumerate(teams, start=1):
        if not team.leaders:
            problems.append(_("Team {number} has no team leader.").format(number=number))
        if not low <= len(team.members) <= high:
            problems.append(
                _("Team {number} has {count} people (expected {low} to {high}).").format(
                    number=number, count=len(team.members), low=low, high=high
                )
            )
    return problems


def form_teams(db: Session, campaign: VolunteerCampaign) -> list[CampaignTeam]:
    """Replace the campaign's teams with a new proposal and save it."""
    signups = db.scalars(select(CampaignSignup).where(CampaignSignup.campaign_id == campaign.id)).all()
    people = [Person(s.id, s.role == CampaignRole.TEAM_LEADER, s.district) for s in signups]
    proposal = propose_teams(people, campaign.team_min_size, campaign.team_max_size)
    clear_teams(db, campaign)
    saved = []
    for number, proposed in enumerate(proposal, start=1):
        team = CampaignTeam(campaign_id=campaign.id, number=number, district=proposed.district)
        db.add(team)
        db.flush()
        ids = [p.signup_id for p in proposed.members]
        db.execute(
            update(CampaignSignup)
            .where(CampaignSignup.id.in_(ids))
            .values(team_id=team.id)
            .execution_options(synchronize_session=False)
        )
        saved.append(team)
    db.expire_all()
    return saved


def clear_teams(db: Session, campaign: VolunteerCampaign) -> None:
    db.execute(
        update(CampaignSignup)
        .where(CampaignSignup.campaign_id == campaign.id)
        .values(team_id=None)
        .execution_options(synchronize_session=False)
    )
    db.execute(
        delete(CampaignTeam)
        .where(CampaignTeam.campaign_id == campaign.id)
        .execution_options(synchronize_session=False)
    )
    db.expire_all()


def add_team(db: Session, campaign: VolunteerCampaign, district: str) -> CampaignTeam:
    last = db.scalar(
        select(CampaignTeam.number)
        .where(CampaignTeam.campaign_id == campaign.id)
        .order_by(CampaignTeam.number.desc())
    )
    team = CampaignTeam(campaign_id=campaign.id, number=(last or 0) + 1, district=district)
    db.add(team)
    db.flush()
    return team


def move(db: Session, campaign: VolunteerCampaign, assignments: dict[int, int | None]) -> int:
    """Put sign-ups in teams ({signup id: team id or None}); ids of other campaigns are ignored."""
    teams = set(db.scalars(select(CampaignTeam.id).where(CampaignTeam.campaign_id == campaign.id)))
    changed = 0
    for signup in db.scalars(select(CampaignSignup).where(CampaignSignup.campaign_id == campaign.id)):
        if signup.id not in assignments:
            continue
        target = assignments[signup.id]
        if target is not None and target not in teams:
            continue
        if signup.team_id != target:
            signup.team_id = target
            changed += 1
    db.flush()
    return changed


def current_teams(db: Session, campaign: VolunteerCampaign) -> list[ProposedTeam]:
    """The saved teams as ``ProposedTeam`` values, to check them against the rules."""
    teams = db.scalars(
        select(CampaignTeam).where(CampaignTeam.campaign_id == campaign.id).order_by(CampaignTeam.number)
    ).all()
    members: dict[int, list[Person]] = defaultdict(list)
    for s in db.scalars(select(CampaignSignup).where(CampaignSignup.campaign_id == campaign.id)):
        if s.team_id is not None:
            members[s.team_id].append(Person(s.id, s.role == CampaignRole.TEAM_LEADER, s.district))
    return [ProposedTeam(t.district, members[t.id]) for t in teams]
