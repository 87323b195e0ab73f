"""Decisions as a content kind (recommendations, vœux, opinions on the follow-up tracker)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from parvis.content import ContentKind
from parvis.decisions.models import Decision
from parvis.decisions.registry import registry
from parvis.i18n import lazy_gettext
from parvis.site import Site

DECISION = "decisions.decision"


def _public(db: Session, site: Site, decision: Decision) -> bool:
    state = registry(site).workflow_of(decision).state(decision.state)
    return state is not None and state.public


def content_kinds() -> list[ContentKind]:
    return [
        ContentKind.of_model(
            DECISION,
            lazy_gettext("Decision"),
            Decision,
            path=lambda decision: f"/decisions/{decision.public_id}",
            text=lambda decision: decision.summary or decision.text,
            author="created_by_id",
            published_at="state_changed_at",
            public=_public,
        )
    ]
