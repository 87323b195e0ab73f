"""Bodies as a content kind: the site search finds a participatory body by its name and purpose."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.content import ContentItem, ContentKind, ContentRef
from parvis.i18n import lazy_gettext
from parvis.site import Site

BODY = "bodies.body"


def load_body(db: Session, site: Site, key: str) -> ContentItem | None:
    body = db.scalar(select(Body).where(Body.public_id == key))
    if body is None:
        return None
    return ContentItem(
        ref=ContentRef(BODY, key),
        title=body.name,
        path=f"/bodies/{body.slug}",
        text=body.description,
        published_at=body.created_at,
        public=body.active,
    )


def content_kinds() -> list[ContentKind]:
    return [ContentKind(BODY, lazy_gettext("Participatory body"), load_body)]


def search_documents(db: Session, site: Site) -> Iterator[object]:
    from parvis.search.index import documents_of

    return documents_of(db, site, BODY, db.scalars(select(Body.public_id).where(Body.active)))
