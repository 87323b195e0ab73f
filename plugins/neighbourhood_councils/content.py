"""Residents' contributions to a "Beautify your neighbourhood" programme as a content kind.

Contributions are moderated by core (``parvis.api.moderation``): pre-moderated by default
(``[settings.neighbourhood_councils] premoderate_contributions``), reported, hidden or restored in
core's queue, where the officials of their district (``MANAGE``) decide besides the moderators."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Account, Site, _, hookimpl, lazy_gettext
from parvis.api.content import ContentItem, ContentKind, ContentRef
from parvis.api.moderation import is_hidden, visible
from parvis.api.photos import deleted_with, photos_of
from parvis.api.search import documents_of
from parvis.plugins.neighbourhood_councils.models import (
    Contribution,
    Council,
    Programme,
)
from parvis.plugins.neighbourhood_councils.permissions import MANAGE

CONTRIBUTION = "neighbourhood_councils.contribution"
COUNCIL = "neighbourhood_councils.council"
PROGRAMME = "neighbourhood_councils.programme"

# A contribution's photos go with it (core's photo store has no foreign key).
deleted_with(Contribution, CONTRIBUTION)


def load_contribution(db: Session, site: Site, key: str) -> ContentItem | None:
    found = db.execute(
        select(Contribution, Programme)
        .join(Programme, Programme.id == Contribution.programme_id)
        .where(Contribution.public_id == key)
    ).first()
    if found is None:
        return None
    contribution, programme = found
    ref = ContentRef(CONTRIBUTION, key)
    photo = next(iter(photos_of(db, ref)), None)
    author = (
        db.scalar(select(Account.id).where(Account.person_id == contribution.person_id))
        if contribution.person_id is not None
        else None
    )
    return ContentItem(
        ref=ref,
        title=f"{_(contribution.category.label)} — {contribution.place}",
        path=f"/beautify/{programme.slug}#c-{key}",
        text=contribution.description,
        author_account_id=author,
        district=programme.district,
        published_at=contribution.created_at,
        public=not is_hidden(db, ref),
        image_path=photo.path if photo else None,
        image_alt=photo.alt if photo else "",
    )


@hookimpl
def register_content_kinds() -> list[Any]:
    label = lazy_gettext("Contribution to a neighbourhood programme")
    return [
        # The officials of a contribution's district moderate it too, in core's queue.
        ContentKind(CONTRIBUTION, label, load_contribution, moderated_by=MANAGE),
        ContentKind.of_model(
            COUNCIL,
            lazy_gettext("Neighbourhood council"),
            Council,
            path=lambda council: f"/neighbourhood-councils/{council.slug}",
            title="name",
            district="district",
            public="active",
        ),
        ContentKind.of_model(
            PROGRAMME,
            lazy_gettext("Neighbourhood programme"),
            Programme,
            path=lambda programme: f"/beautify/{programme.slug}",
            district="district",
            published_at=None,
        ),
    ]


@hookimpl
def search_documents(db: Session, site: Site) -> list[Any]:
    """Councils, programmes and contributions not hidden by moderation, through their kinds' ``load``."""
    approved = select(Contribution.public_id).where(visible(CONTRIBUTION, Contribution.public_id))
    return [
        *documents_of(db, site, COUNCIL, db.scalars(select(Council.public_id).where(Council.active))),
        *documents_of(db, site, PROGRAMME, db.scalars(select(Programme.public_id))),
        *documents_of(db, site, CONTRIBUTION, db.scalars(approved)),
    ]
