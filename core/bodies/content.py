"""Bodies as a content kind: the site search finds a participatory body by its name and purpose."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.content import ContentKind
from parvis.i18n import lazy_gettext
from parvis.site import Site

BODY = "bodies.body"


def content_kinds() -> list[ContentKind]:
    return [
        ContentKind.of_model(
            BODY,
            lazy_gettext("Participatory body"),
            Body,
            path=lambda body: f"/bodies/{body.slug}",
            title="name",
            public="active",
        )
    ]


def search_documents(db: Session, site: Site) -> Iterator[object]:
    from parvis.search.index import documents_of

    return documents_of(db, site, BODY, db.scalars(select(Body.public_id).where(Body.active)))
