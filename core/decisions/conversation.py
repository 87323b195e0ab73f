"""Decisions in core's comments: the follow-up of a recommendation, vœu or opinion is discussed
by those who may comment on it (the action ``decisions.comment``: its body's members and
officials, and whoever sat in the term that produced it), once the follow-up has started. The
body's officials (and the site's) give the official answer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.content import ContentItem
from parvis.decisions.content import DECISION
from parvis.decisions.followup import tracks_followup
from parvis.decisions.models import Decision
from parvis.i18n import _
from parvis.permissions import OFFICIAL
from parvis.site import Site


def _decision(db: Session, item: ContentItem) -> Decision | None:
    return db.scalar(select(Decision).where(Decision.public_id == item.ref.key))


def may_comment(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    decision = _decision(db, item)
    if decision is None or not tracks_followup(site, decision):
        return _("Comments open once the decision has been adopted or sent to the City.")
    if not site.hook.permission_allowed(
        site=site, actor=actor, action="decisions.comment", resource=decision
    ):
        return _("Only the members of the body that made this decision comment on its follow-up.")
    return None


def may_answer(db: Session, site: Site, actor: Actor, item: ContentItem) -> bool:
    decision = _decision(db, item)
    return decision is not None and actor.has_role(OFFICIAL, decision.body_id)


def commenting() -> list[Any]:
    from parvis.comments.registry import Commenting

    return [Commenting(DECISION, may_comment, may_answer)]
