"""Missions in core's comments: people ask questions on a mission's page while it is open; the
site's officials answer officially."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Actor, Site, _, hookimpl
from parvis.api.comments import Commenting
from parvis.api.content import ContentItem
from parvis.plugins.volunteers.content import MISSION
from parvis.plugins.volunteers.models import Mission


def may_comment(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    mission = db.scalar(select(Mission).where(Mission.public_id == item.ref.key))
    if mission is None or not mission.is_open:
        return _("Questions are closed: this mission is no longer open.")
    return None


@hookimpl
def register_commenting() -> list[Any]:
    return [Commenting(MISSION, may_comment)]
