"""Realisation of winning projects through core's follow-up tracker (``parvis.decisions``).

Each winning project becomes a decision of the "Participatory budget" body (type
``budget_project``, workflow ``budget_realisation``), so its status, progress and dated
milestones are recorded, historised and published by core exactly like the follow-up of an
Assembly recommendation. The budget adds what the tracker has no place for: photos of the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import N_, Actor, _, hookimpl, lazy_gettext, photos, use_locale
from parvis.api.bodies import Body, BodyKind, Term, add_term, create_body
from parvis.api.content import ContentRef
from parvis.api.decisions import (
    Decision,
    DecisionType,
    FollowUp,
    FollowUpStatus,
    State,
    Transition,
    Workflow,
    create_decision,
)
from parvis.plugins.budget.content import PROJECT
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import Campaign, Project, ProjectStatus

if TYPE_CHECKING:
    from parvis.api import Site
    from parvis.api.photos import Photo

BODY_KIND = "participatory_budget"
DECISION_TYPE = "budget_project"
WORKFLOW_NAME = "budget_realisation"
#: Years a campaign's term stays open for follow-up (projects often take several years).
FOLLOW_UP_YEARS = 6

WORKFLOW = Workflow(
    name=WORKFLOW_NAME,
    label=N_("Realisation of a participatory-budget project"),
    initial="selected",
    states=[
        State("selected", N_("Winning project"), public=True, followup=True),
        State("completed", N_("Completed"), public=True, followup=True, final=True),
        State("abandoned", N_("Abandoned"), public=True, followup=True, final=True),
    ],
    transitions=[
        Transition(sources=["selected"], to="completed", label=N_("Mark as completed")),
        Transition(sources=["selected"], to="abandoned", label=N_("Abandon")),
    ],
)


@hookimpl
def register_body_kinds() -> list[BodyKind]:
    return [
        BodyKind(
            code=BODY_KIND,
            label=lazy_gettext("Participatory budget"),
            plugin="budget",
            description=lazy_gettext(
                "Residents propose projects and vote to decide part of the City's investment budget; "
                "the City reports on how each winning project is carried out."
            ),
            group_kinds=(),
            member_roles=(),
            meeting_kinds=("workshop",),
        )
    ]


@hookimpl
def register_decision_types() -> list[DecisionType]:
    return [
        DecisionType(
            DECISION_TYPE,
            lazy_gettext("Participatory-budget project"),
            lazy_gettext("Participatory-budget projects"),
            WORKFLOW_NAME,
            "budget",
        )
    ]


@hookimpl
def register_workflows() -> list[Workflow]:
    return [WORKFLOW]


def budget_body(db: Session, site: Site) -> Body:
    """The body whose decisions are the winning projects (created on first use)."""
    body = db.scalar(select(Body).where(Body.kind == BODY_KIND).order_by(Body.id).limit(1))
    if body is None:
        with use_locale(site.config.site.default_locale):
            body = create_body(
                db,
                site,
                BODY_KIND,
                _("Participatory budget"),
                _("Projects chosen by residents, and how the City carries them out."),
            )
    return body


def campaign_term(db: Session, body: Body, campaign: Campaign) -> Term:
    term = db.scalar(select(Term).where(Term.body_id == body.id, Term.label == campaign.slug))
    if term is None:
        term = add_term(
            db,
            body,
            campaign.slug,
            date(campaign.year, 1, 1),
            date(campaign.year + FOLLOW_UP_YEARS, 12, 31),
        )
    return term


def track_winners(db: Session, site: Site, campaign: Campaign, actor: Actor | None) -> int:
    """Give every winning project its follow-up decision; return how many were created."""
    winners = list(
        db.scalars(
            select(Project)
            .where(
                Project.campaign_id == campaign.id,
                Project.status == ProjectStatus.SELECTED,
                Project.decision_id.is_(None),
            )
            .order_by(Project.level, Project.ballot_position)
        )
    )
    if not winners:
        return 0
    body = budget_body(db, site)
    term = campaign_term(db, body, campaign)
    for project in winners:
        decision = create_decision(
            db,
            site,
            body=body,
            term=term,
            decision_type=DECISION_TYPE,
            title=project.title[:300],
            actor=actor,
            summary=project.description[:2000],
            topic=project.theme,
            reference=f"{campaign.slug}-{project.public_id}",
        )
        decision.followup = FollowUp(decision_id=decision.id)
        project.decision_id = decision.id
    db.flush()
    return len(winners)


@dataclass(frozen=True, slots=True)
class Realisation:
    project: Project
    decision: Decision | None
    status: FollowUpStatus
    progress: int

    @property
    def completed(self) -> bool:
        return self.status == FollowUpStatus.DONE


def realisations(db: Session, campaign: Campaign) -> list[Realisation]:
    """Every winning project with its follow-up status (not started when none is recorded yet)."""
    rows = db.execute(
        select(Project, Decision, FollowUp)
        .outerjoin(Decision, Decision.id == Project.decision_id)
        .outerjoin(FollowUp, FollowUp.decision_id == Decision.id)
        .where(Project.campaign_id == campaign.id, Project.status == ProjectStatus.SELECTED)
        .order_by(Project.level, Project.ballot_position)
    )
    return [
        Realisation(
            project,
            decision,
            followup.status if followup else FollowUpStatus.NOT_STARTED,
            followup.progress if followup else 0,
        )
        for project, decision, followup in rows
    ]


def public_list(db: Session, request: Any, campaign: Campaign) -> list[Realisation]:
    return realisations(db, campaign)


def add_photo(
    db: Session,
    site: Site,
    project: Project,
    data: bytes,
    *,
    alt: str,
    taken_on: date | None = None,
    account_id: int | None = None,
) -> Photo:
    """A photo of a winning project's realisation, in core's photo store."""
    if project.status != ProjectStatus.SELECTED:
        raise BudgetRefused(_("Only winning projects have a realisation to illustrate."))
    return photos.add_photo(
        db,
        site,
        ContentRef(PROJECT, project.public_id),
        data,
        alt=alt,
        max_bytes=site.settings("budget").max_photo_bytes,
        uploaded_by_id=account_id,
        taken_on=taken_on,
        alt_field="description",
    )
