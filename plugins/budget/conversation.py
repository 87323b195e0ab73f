"""The budget in core's conversation services: comments on ideas (from the submission of ideas
on) and on projects, supports for ideas during the submission of ideas, debates in a campaign."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import OFFICIAL, Actor, Person, Site, _, hookimpl, lazy_gettext
from parvis.api.comments import Commenting, DebateSpace, Space, Supporting
from parvis.api.content import ContentItem
from parvis.plugins.budget.content import IDEA, PROJECT
from parvis.plugins.budget.models import Campaign, Idea, PhaseKind
from parvis.plugins.budget.services.participants import submit_refusals

CAMPAIGN = "budget.campaign"


def _campaign_of(db: Session, model: Any, key: str) -> Campaign | None:
    return db.scalar(
        select(Campaign).join(model, model.campaign_id == Campaign.id).where(model.public_id == key)
    )


def may_comment_idea(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    campaign = _campaign_of(db, Idea, item.ref.key)
    phase = campaign.phase(PhaseKind.IDEAS) if campaign else None
    if phase is None or site.now() < phase.starts_at:
        return _("Comments open with the submission of ideas.")
    return None


def may_comment_project(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    return None


def may_support_idea(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    campaign = _campaign_of(db, Idea, item.ref.key)
    phase = campaign.phase(PhaseKind.IDEAS) if campaign else None
    if phase is None or not phase.is_open(site.now()):
        return _("Ideas can be supported only during the submission of ideas.")
    person = db.get(Person, actor.person_id) if actor.person_id is not None else None
    reasons = submit_refusals(site, person, site.today())
    return reasons[0] if reasons else None


def load_campaign(db: Session, site: Site, key: str) -> Space | None:
    campaign = db.scalar(select(Campaign).where(Campaign.slug == key))
    if campaign is None:
        return None
    return Space(CAMPAIGN, key, campaign.title, f"/budget/{key}")


def campaign_official(db: Session, site: Site, actor: Actor, space: Space) -> bool:
    return actor.has_role(OFFICIAL)


@hookimpl
def register_commenting() -> list[Any]:
    return [Commenting(IDEA, may_comment_idea), Commenting(PROJECT, may_comment_project)]


@hookimpl
def register_supports() -> list[Any]:
    return [Supporting(IDEA, may_support_idea)]


@hookimpl
def register_debate_spaces() -> list[Any]:
    return [DebateSpace(CAMPAIGN, lazy_gettext("Budget campaign"), load_campaign, campaign_official)]


__all__ = ["CAMPAIGN", "register_commenting", "register_debate_spaces", "register_supports"]
