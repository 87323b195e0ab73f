"""Residents' contributions to a "Beautify your neighbourhood" programme as a content kind."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Account, Site, _, lazy_gettext
from parvis.api.content import ContentItem, ContentKind, ContentRef
from parvis.plugins.neighbourhood_councils.models import CATEGORY_LABELS, Contribution, Moderation, Programme

CONTRIBUTION = "neighbourhood_councils.contribution"
PROGRAMME = "neighbourhood_councils.programme"


def load_contribution(db: Session, site: Site, key: str) -> ContentItem | None:
    found = db.execute(
        select(Contribution, Programme)
        .join(Programme, Programme.id == Contribution.programme_id)
        .where(Contribution.public_id == key)
    ).first()
    if found is None:
        return None
    contribution, programme = found
    author = (
        db.scalar(select(Account.id).where(Account.person_id == contribution.person_id))
        if contribution.person_id is not None
        else None
    )
    return ContentItem(
        ref=ContentRef(CONTRIBUTION, key),
        title=f"{_(CATEGORY_LABELS[contribution.category])} — {contribution.place}",
        path=f"/beautify/{programme.slug}#c-{key}",
        text=contribution.description,
        author_account_id=author,
        district=programme.district,
        published_at=contribution.moderated_at or contribution.created_at,
        public=contribution.status == Moderation.APPROVED,
    )


def load_programme(db: Session, site: Site, key: str) -> ContentItem | None:
    programme = db.scalar(select(Programme).where(Programme.public_id == key))
    if programme is None:
        return None
    return ContentItem(
        ref=ContentRef(PROGRAMME, key),
        title=programme.title,
        path=f"/beautify/{programme.slug}",
        text=programme.description,
        district=programme.district,
    )


def content_kinds() -> list[Any]:
    label = lazy_gettext("Contribution to a neighbourhood programme")
    return [
        ContentKind(CONTRIBUTION, label, load_contribution),
        ContentKind(PROGRAMME, lazy_gettext("“Beautify your neighbourhood” programme"), load_programme),
    ]
