"""Results: online and paper counts combined, ranked and allocated by the campaign's rule, then
published as a snapshot that every results page and export reads.

Nothing here runs while the vote is open: ``compute`` refuses, so no tally can leak early.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.api import Actor, _, utcnow
from parvis.plugins.budget.ballot_rules import campaign_rule, column_figures, freeze_rule
from parvis.plugins.budget.errors import BudgetRefused, ResultsNotPublished
from parvis.plugins.budget.lifecycle import PROJECT, set_state
from parvis.plugins.budget.models import (
    Campaign,
    Project,
    ResultBallot,
    ResultProject,
)
from parvis.plugins.budget.rules import Allocation, Envelope, Votes
from parvis.plugins.budget.rules import Project as RuleProject
from parvis.plugins.budget.services import paper, realisation, tally
from parvis.plugins.budget.services.campaigns import vote_closed
from parvis.plugins.budget.services.projects import ballot_levels, ballot_projects

if TYPE_CHECKING:
    from parvis.api import Site


@dataclass(slots=True)
class LevelResult:
    """The outcome of one ballot before it is stored."""

    level: str
    projects: list[Project]
    online: npt.NDArray[np.int64]
    paper: npt.NDArray[np.int64]
    online_ballots: int
    paper_ballots: int
    ranks: list[int]
    allocation: Allocation
    figures: list[dict[str, object]]

    @property
    def totals(self) -> list[list[int]]:
        return (self.online + self.paper).tolist()


def envelope_of(campaign: Campaign, level: str) -> Envelope:
    row = campaign.envelope(level)
    if row is None:
        return Envelope(0)
    return Envelope(row.amount, qpop_minimum=row.qpop_minimum, qpop_bonus=row.qpop_bonus)


def compute_level(db: Session, site: Site, campaign: Campaign, level: str) -> LevelResult:
    rule = campaign_rule(site, campaign)
    projects = ballot_projects(db, campaign, level)
    matrix = tally.ballot_matrix(db, campaign.id, level, len(projects))
    online = tally.count(matrix, campaign.n_grades)
    paper_counts, paper_ballots = paper.paper_tallies(db, campaign, level, projects)
    if rule.needs_ballots and paper_ballots:
        raise BudgetRefused(
            _(
                "The rule '{rule}' needs individual ballots: paper counts per box cannot be used with it."
            ).format(rule=rule.name)
        )
    totals = (online + paper_counts).tolist()
    ranks = rule.ballot.rank(totals) if projects else []
    votes = Votes(tallies=totals, approvals=(matrix >= 1) if rule.needs_ballots else None)
    rule_projects = [RuleProject(cost=p.cost or 0, qpop=p.qpop) for p in projects]
    try:
        allocation = rule.allocate(rule_projects, votes, envelope_of(campaign, level))
    except ValueError as error:
        raise BudgetRefused(str(error)) from None
    return LevelResult(
        level=level,
        projects=projects,
        online=online,
        paper=paper_counts,
        online_ballots=int(matrix.shape[0]),
        paper_ballots=paper_ballots,
        ranks=list(ranks),
        allocation=allocation,
        figures=[column_figures(rule, tally) for tally in totals],
    )


def compute(db: Session, site: Site, campaign: Campaign, *, now: datetime | None = None) -> list[LevelResult]:
    """Every ballot's result. Refused while the vote is open."""
    if not vote_closed(campaign, now):
        raise ResultsNotPublished(_("Results are counted once the vote has closed."))
    return [compute_level(db, site, campaign, level) for level in ballot_levels(db, site, campaign)]


def publish(
    db: Session, site: Site, campaign: Campaign, *, actor: Actor | None = None, now: datetime | None = None
) -> list[LevelResult]:
    """Count, store the snapshot, mark winners; refused until every paper box's entries agree."""
    if campaign.results_published_at is not None:
        raise BudgetRefused(_("The results are already published."))
    if not vote_closed(campaign, now):
        raise ResultsNotPublished(_("Results are counted once the vote has closed."))
    unresolved = paper.unresolved_boxes(db, campaign)
    if unresolved:
        raise BudgetRefused(
            _("{count} ballot boxes still need two matching entries: {names}.").format(
                count=len(unresolved), names=", ".join(box.name for box, _state in unresolved)
            )
        )
    tally.scramble(db)
    freeze_rule(site, campaign)
    results = compute(db, site, campaign, now=now)
    db.execute(delete(ResultProject).where(ResultProject.campaign_id == campaign.id))
    db.execute(delete(ResultBallot).where(ResultBallot.campaign_id == campaign.id))
    for result in results:
        envelope = envelope_of(campaign, result.level)
        db.add(
            ResultBallot(
                campaign_id=campaign.id,
                level=result.level,
                rule=campaign.rule,
                online_ballots=result.online_ballots,
                paper_ballots=result.paper_ballots,
                amount=envelope.amount,
                qpop_minimum=envelope.qpop_minimum,
                qpop_bonus=envelope.qpop_bonus,
                spent=result.allocation.spent,
                qpop_spent=result.allocation.qpop_spent,
                qpop_minimum_met=result.allocation.qpop_minimum_met,
            )
        )
        order = {j: n for n, j in enumerate(result.allocation.selected, start=1)}
        for j, project in enumerate(result.projects):
            selected = j in order
            set_state(db, PROJECT, project, "selected" if selected else "not_selected", actor)
            db.add(
                ResultProject(
                    project_id=project.id,
                    campaign_id=campaign.id,
                    level=result.level,
                    rank=result.ranks[j],
                    selected=selected,
                    selection_order=order.get(j),
                    online=[int(x) for x in result.online[j]],
                    paper=[int(x) for x in result.paper[j]],
                    figures=result.figures[j],
                )
            )
    campaign.results_published_at = now or utcnow()
    db.flush()
    realisation.track_winners(db, site, campaign, actor)
    return results


def published(db: Session, campaign: Campaign) -> tuple[list[ResultBallot], list[ResultProject]]:
    """The published snapshot; ``ResultsNotPublished`` before publication (while the vote is open too)."""
    if campaign.results_published_at is None:
        raise ResultsNotPublished(_("Results are published after the vote closes."))
    ballots = list(db.scalars(select(ResultBallot).where(ResultBallot.campaign_id == campaign.id)))
    projects = list(
        db.scalars(
            select(ResultProject)
            .join(Project, Project.id == ResultProject.project_id)
            .where(ResultProject.campaign_id == campaign.id)
            .order_by(ResultProject.level, ResultProject.rank, Project.ballot_position)
        )
    )
    return ballots, projects
