"""The budget's content kinds: ideas and projects, for comments, moderation, notifications."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Account, Site, hookimpl, lazy_gettext
from parvis.api.content import ContentItem, ContentKind, ContentRef
from parvis.api.moderation import is_hidden
from parvis.api.photos import deleted_with, photos_of
from parvis.api.search import documents_of
from parvis.plugins.budget.models import Campaign, Idea, Project

IDEA = "budget.idea"
PROJECT = "budget.project"

deleted_with(Idea, IDEA)  # an idea's photos go with it (core's photo store has no foreign key)
deleted_with(Project, PROJECT)


def _account_of(db: Session, person_id: int | None) -> int | None:
    if person_id is None:
        return None
    return db.scalar(select(Account.id).where(Account.person_id == person_id))


def load_idea(db: Session, site: Site, key: str) -> ContentItem | None:
    found = db.execute(
        select(Idea, Campaign.slug)
        .join(Campaign, Campaign.id == Idea.campaign_id)
        .where(Idea.public_id == key)
    ).first()
    if found is None:
        return None
    idea, slug = found
    ref = ContentRef(IDEA, key)
    photo = next(iter(photos_of(db, ref)), None)  # shown to moderators with the text
    return ContentItem(
        ref=ref,
        title=idea.title,
        path=f"/budget/{slug}/ideas/{key}",
        text=idea.description,
        author_account_id=_account_of(db, idea.author_person_id),
        district=idea.district,
        published_at=idea.created_at,
        public=not is_hidden(db, ref),
        image_path=photo.path if photo else None,
        image_alt=photo.alt if photo else "",
    )


def load_project(db: Session, site: Site, key: str) -> ContentItem | None:
    found = db.execute(
        select(Project, Campaign.slug)
        .join(Campaign, Campaign.id == Project.campaign_id)
        .where(Project.public_id == key)
    ).first()
    if found is None:
        return None
    project, slug = found
    return ContentItem(
        ref=ContentRef(PROJECT, key),
        title=project.title,
        path=f"/budget/{slug}/projects/{key}",
        text=project.description,
        published_at=project.created_at,
    )


@hookimpl
def register_content_kinds() -> list[Any]:
    return [
        ContentKind(IDEA, lazy_gettext("Budget idea"), load_idea),
        ContentKind(PROJECT, lazy_gettext("Budget project"), load_project),
    ]


@hookimpl
def search_documents(db: Session, site: Site) -> list[Any]:
    """Every idea and project, through their kinds' ``load`` (what ``reindex`` does for one)."""
    return [
        *documents_of(db, site, IDEA, db.scalars(select(Idea.public_id))),
        *documents_of(db, site, PROJECT, db.scalars(select(Project.public_id))),
    ]
