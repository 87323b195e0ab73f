"""Residents' contributions in core's comments: anyone signed in discusses a published
contribution on its own thread page (the programme's page lists many); the officials of its
district, or the site's, give the official answer."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from parvis.api import OFFICIAL, Actor, Site, hookimpl
from parvis.api.comments import Commenting
from parvis.api.content import ContentItem
from parvis.plugins.neighbourhood_councils.content import CONTRIBUTION


def may_comment(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    return None  # published (public) contributions only: core asks this for public items alone


def may_answer(db: Session, site: Site, actor: Actor, item: ContentItem) -> bool:
    return actor.has_role(OFFICIAL, district=item.district)


@hookimpl
def register_commenting() -> list[Any]:
    return [Commenting(CONTRIBUTION, may_comment, may_answer, on_page=False)]
