"""Co-construction: workshops merge admissible ideas into projects (keeping the link), officials
cost them, flag Qpop projects and put them on the ballots in a fixed order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import _
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.lifecycle import IDEA, PROJECT, set_state
from parvis.plugins.budget.models import (
    CITY,
    Campaign,
    Idea,
    IdeaStatus,
    Project,
    ProjectIdea,
    ProjectStatus,
    Workshop,
)
from parvis.plugins.budget.services.campaigns import ensure_rules_editable, levels

if TYPE_CHECKING:
    from parvis.api import Site


def _check_level(site: Site, level: str) -> None:
    if level != CITY and site.config.district(level) is None:
        raise BudgetRefused(_("Choose among the options shown."), "level")


def create_workshop(
    db: Session,
    site: Site,
    campaign: Campaign,
    *,
    title: str,
    level: str,
    held_on: date | None = None,
    place: str = "",
    notes: str = "",
) -> Workshop:
    _check_level(site, level)
    workshop = Workshop(
        campaign_id=campaign.id, title=title, level=level, held_on=held_on, place=place, notes=notes
    )
    db.add(workshop)
    db.flush()
    return workshop


@dataclass(frozen=True, slots=True)
class ProjectInput:
    title: str
    description: str
    level: str
    theme: str
    place: str = ""
    cost: int | None = None
    qpop: bool = False
    latitude: float | None = None
    longitude: float | None = None


def mergeable_ideas(db: Session, campaign: Campaign, level: str | None = None) -> list[Idea]:
    """Admissible ideas not yet in a project (of one level, if given)."""
    stmt = select(Idea).where(Idea.campaign_id == campaign.id, Idea.status == IdeaStatus.ADMISSIBLE)
    if level:
        stmt = stmt.where(Idea.level == level)
    return list(db.scalars(stmt.order_by(Idea.title)))


def create_project(
    db: Session,
    site: Site,
    campaign: Campaign,
    data: ProjectInput,
    *,
    ideas: Sequence[Idea] = (),
    workshop: Workshop | None = None,
) -> Project:
    """A project merging admissible ideas (each idea joins one project only: a unique key)."""
    _check_level(site, data.level)
    for idea in ideas:
        if idea.campaign_id != campaign.id or idea.status != IdeaStatus.ADMISSIBLE:
            raise BudgetRefused(_("Only admissible ideas not yet in a project can be merged."), "ideas")
    project = Project(
        campaign_id=campaign.id,
        workshop_id=workshop.id if workshop else None,
        title=data.title,
        description=data.description,
        level=data.level,
        theme=data.theme,
        place=data.place,
        latitude=data.latitude,
        longitude=data.longitude,
        cost=data.cost,
        qpop=data.qpop,
    )
    db.add(project)
    db.flush()
    for idea in ideas:
        db.add(ProjectIdea(project_id=project.id, idea_id=idea.id))
        set_state(db, IDEA, idea, "merge", None)
    db.flush()
    return project


def update_project(db: Session, site: Site, project: Project, data: ProjectInput) -> None:
    """Edit a project; what the ballot shows (level, cost, Qpop) is frozen once voting started."""
    _check_level(site, data.level)
    frozen = project.status == ProjectStatus.ON_BALLOT and (
        data.level != project.level or data.cost != project.cost or data.qpop != project.qpop
    )
    if frozen:
        ensure_rules_editable(db, _campaign(db, project))
    if project.status == ProjectStatus.ON_BALLOT and data.level != project.level:
        raise BudgetRefused(_("Take the project off the ballot before changing its level."), "level")
    project.title, project.description, project.theme = data.title, data.description, data.theme
    project.place, project.level, project.cost, project.qpop = data.place, data.level, data.cost, data.qpop
    project.latitude, project.longitude = data.latitude, data.longitude


def _campaign(db: Session, project: Project) -> Campaign:
    campaign = db.get(Campaign, project.campaign_id)
    assert campaign is not None
    return campaign


def put_on_ballot(db: Session, project: Project) -> None:
    """Add a costed project at the end of its ballot (the position is its column in every ballot)."""
    ensure_rules_editable(db, _campaign(db, project))
    if project.cost is None:
        raise BudgetRefused(_("Cost the project before putting it on the ballot."))
    if project.status == ProjectStatus.ON_BALLOT:
        return
    last = db.scalar(
        select(func.max(Project.ballot_position)).where(
            Project.campaign_id == project.campaign_id, Project.level == project.level
        )
    )
    project.ballot_position = 0 if last is None else last + 1
    set_state(db, PROJECT, project, "put_on_ballot", None)
    db.flush()


def take_off_ballot(db: Session, project: Project, *, not_feasible: bool = False) -> None:
    """Remove a project from its ballot; the following projects move up one position."""
    ensure_rules_editable(db, _campaign(db, project))
    if project.status == ProjectStatus.ON_BALLOT:
        position = project.ballot_position
        project.ballot_position = None
        db.flush()
        later = db.scalars(
            select(Project)
            .where(
                Project.campaign_id == project.campaign_id,
                Project.level == project.level,
                Project.ballot_position > position,
            )
            .order_by(Project.ballot_position)
        )
        for other in later:
            other.ballot_position = (other.ballot_position or 0) - 1
            db.flush()
    set_state(db, PROJECT, project, "not_feasible" if not_feasible else "take_off_ballot", None)
    db.flush()


def ballot_projects(db: Session, campaign: Campaign, level: str) -> list[Project]:
    """The projects of one ballot, in ballot order."""
    return list(
        db.scalars(
            select(Project)
            .where(
                Project.campaign_id == campaign.id,
                Project.level == level,
                Project.ballot_position.is_not(None),
            )
            .order_by(Project.ballot_position)
        )
    )


def ballot_keys(db: Session, campaign: Campaign, level: str) -> list[Any]:
    """The ballot's projects as light rows (id, public_id, cost, qpop), in ballot order: what
    casting needs (a ballot check may look at costs)."""
    return list(
        db.execute(
            select(Project.id, Project.public_id, Project.cost, Project.qpop)
            .where(
                Project.campaign_id == campaign.id,
                Project.level == level,
                Project.ballot_position.is_not(None),
            )
            .order_by(Project.ballot_position)
        )
    )


def ballot_levels(db: Session, site: Site, campaign: Campaign) -> list[str]:
    """The levels that have at least one project on the ballot, in the configuration's order."""
    found = set(
        db.scalars(
            select(Project.level)
            .where(Project.campaign_id == campaign.id, Project.ballot_position.is_not(None))
            .distinct()
        )
    )
    return [level for level in levels(site) if level in found]


def project_by_public_id(db: Session, campaign: Campaign, public_id: str) -> Project | None:
    return db.scalar(
        select(Project).where(Project.campaign_id == campaign.id, Project.public_id == public_id)
    )


def campaign_projects(db: Session, campaign: Campaign, level: str | None = None) -> list[Project]:
    stmt = select(Project).where(Project.campaign_id == campaign.id)
    if level:
        stmt = stmt.where(Project.level == level)
    return list(db.scalars(stmt.order_by(Project.level, Project.ballot_position, Project.title)))
