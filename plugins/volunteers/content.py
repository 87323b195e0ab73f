"""Missions as a content kind, for comments, moderation and notifications."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Site, lazy_gettext
from parvis.api.content import ContentItem, ContentKind, ContentRef
from parvis.api.moderation import is_hidden
from parvis.api.search import documents_of
from parvis.plugins.volunteers.models import MISSION, Mission, MissionStatus

__all__ = ["MISSION", "content_kinds", "is_public", "load_mission", "search_documents"]


def is_public(db: Session, mission: Mission) -> bool:
    """Published (open or completed) and not hidden by moderation: what anyone may see."""
    published = mission.is_open or mission.status == MissionStatus.COMPLETED
    return published and not is_hidden(db, ContentRef(MISSION, mission.public_id))


def load_mission(db: Session, site: Site, key: str) -> ContentItem | None:
    mission = db.scalar(select(Mission).where(Mission.public_id == key))
    if mission is None:
        return None
    return ContentItem(
        ref=ContentRef(MISSION, key),
        title=mission.title,
        path=f"/volunteers/missions/{key}",
        text=mission.description,
        author_account_id=mission.created_by_id,
        district=mission.district,
        published_at=mission.created_at,
        public=is_public(db, mission),
    )


def content_kinds() -> list[Any]:
    return [ContentKind(MISSION, lazy_gettext("Volunteer mission"), load_mission)]


def search_documents(db: Session, site: Site) -> list[Any]:
    """Published and completed missions (``load_mission`` says which are public)."""
    keys = db.scalars(
        select(Mission.public_id).where(
            Mission.status.in_([MissionStatus.PUBLISHED, MissionStatus.COMPLETED])
        )
    )
    return list(documents_of(db, site, MISSION, keys))
