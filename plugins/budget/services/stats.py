"""Campaign statistics like the City's own: ideas, projects voted, money decided, the share for
working-class neighbourhoods (Qpop), participation and completed projects."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api.decisions import FollowUp, FollowUpStatus
from parvis.plugins.budget.models import (
    CITY,
    Campaign,
    Idea,
    Project,
    ProjectStatus,
    ResultBallot,
    Scope,
    VoterRecord,
)


@dataclass(frozen=True, slots=True)
class CampaignStats:
    ideas: int
    projects_on_ballot: int
    projects_selected: int
    projects_selected_qpop: int
    amount_selected: int
    amount_selected_qpop: int
    online_voters: int
    paper_ballots: int
    completed: int

    @property
    def qpop_share(self) -> float:
        return self.amount_selected_qpop / self.amount_selected if self.amount_selected else 0.0

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "qpop_share": round(self.qpop_share, 4)}


def campaign_stats(db: Session, campaign: Campaign) -> CampaignStats:
    ideas = db.scalar(select(func.count()).where(Idea.campaign_id == campaign.id)) or 0
    voted_statuses = (ProjectStatus.ON_BALLOT, ProjectStatus.SELECTED, ProjectStatus.NOT_SELECTED)
    on_ballot = (
        db.scalar(
            select(func.count()).where(Project.campaign_id == campaign.id, Project.status.in_(voted_statuses))
        )
        or 0
    )
    selected = db.execute(
        select(Project.qpop, func.count(), func.coalesce(func.sum(Project.cost), 0))
        .where(Project.campaign_id == campaign.id, Project.status == ProjectStatus.SELECTED)
        .group_by(Project.qpop)
    ).all()
    count = {bool(q): (int(n), int(s or 0)) for q, n, s in selected}
    online = (
        db.scalar(
            select(func.count(func.distinct(VoterRecord.person_id))).where(
                VoterRecord.campaign_id == campaign.id
            )
        )
        or 0
    )
    paper = (
        db.scalar(
            select(func.coalesce(func.sum(ResultBallot.paper_ballots), 0)).where(
                ResultBallot.campaign_id == campaign.id, ResultBallot.level == CITY
            )
        )
        or 0
    )
    completed = (
        db.scalar(
            select(func.count())
            .select_from(Project)
            .join(FollowUp, FollowUp.decision_id == Project.decision_id)
            .where(Project.campaign_id == campaign.id, FollowUp.status == FollowUpStatus.DONE)
        )
        or 0
    )
    return CampaignStats(
        ideas=int(ideas),
        projects_on_ballot=int(on_ballot),
        projects_selected=count.get(True, (0, 0))[0] + count.get(False, (0, 0))[0],
        projects_selected_qpop=count.get(True, (0, 0))[0],
        amount_selected=count.get(True, (0, 0))[1] + count.get(False, (0, 0))[1],
        amount_selected_qpop=count.get(True, (0, 0))[1],
        online_voters=int(online),
        paper_ballots=int(paper),
        completed=int(completed),
    )


def participation(db: Session, campaign: Campaign) -> dict[Scope, int]:
    rows = db.execute(
        select(VoterRecord.scope, func.count())
        .where(VoterRecord.campaign_id == campaign.id)
        .group_by(VoterRecord.scope)
    )
    return {Scope(s): int(n) for s, n in rows}
