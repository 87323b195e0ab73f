"""Decisions as a content kind (recommendations, vœux, opinions on the follow-up tracker)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.content import ContentItem, ContentKind, ContentRef
from parvis.decisions.models import Decision
from parvis.decisions.registry import registry
from parvis.i18n import lazy_gettext
from parvis.site import Site

DECISION = "decisions.decision"


def load_decision(db: Session, site: Site, key: str) -> ContentItem | None:
    decision = db.scalar(select(Decision).where(Decision.public_id == key))
    if decision is None:
        return None
    state = registry(site).workflow_of(decision).state(decision.state)
    return ContentItem(
        ref=ContentRef(DECISION, key),
        title=decision.title,
        path=f"/decisions/{key}",
        text=decision.summary or decision.text,
        author_account_id=decision.created_by_id,
        published_at=decision.state_changed_at,
        public=state is not None and state.public,
    )


def content_kinds() -> list[ContentKind]:
    return [ContentKind(DECISION, lazy_gettext("Decision"), load_decision)]
