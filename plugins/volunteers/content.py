"""Missions as a content kind, for comments, moderation and notifications."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Site, hookimpl, lazy_gettext
from parvis.api.content import ContentKind, ContentRef
from parvis.api.moderation import is_hidden
from parvis.api.search import documents_of
from parvis.plugins.volunteers.models import MISSION, Mission, MissionStatus

__all__ = ["MISSION", "is_public", "register_content_kinds", "search_documents"]


def is_public(db: Session, mission: Mission) -> bool:
    """Published (open or completed) and not hidden by moderation: what anyone may see."""
    published = mission.is_open or mission.status == MissionStatus.COMPLETED
    return published and not is_hidden(db, ContentRef(MISSION, mission.public_id))


@hookimpl
def register_content_kinds() -> list[Any]:
    return [
        ContentKind.of_model(
            MISSION,
            lazy_gettext("Volunteer mission"),
            Mission,
            path=lambda mission: f"/volunteers/missions/{mission.public_id}",
            district="district",
            author="created_by_id",
            public=lambda db, site, mission: is_public(db, mission),
        )
    ]


@hookimpl
def search_documents(db: Session, site: Site) -> list[Any]:
    """Published and completed missions (their kind's ``public`` says which are shown)."""
    keys = db.scalars(
        select(Mission.public_id).where(
            Mission.status.in_([MissionStatus.PUBLISHED, MissionStatus.COMPLETED])
        )
    )
    return list(documents_of(db, site, MISSION, keys))
