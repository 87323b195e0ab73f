"""Pages as a content kind and as site-search documents: one document per page and language
(key ``<page id>:<language>``: a slug may be longer than a key), its published text in that
language, as plain text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.content import ContentItem, ContentKind, ContentRef
from parvis.i18n import lazy_gettext
from parvis.pages.models import Page, PageStatus, PageVersion
from parvis.pages.text import render
from parvis.search.documents import SearchDocument
from parvis.site import Site

PAGE = "pages.page"
_TAG = re.compile(r"<[^>]+>")


def _item(page: Page, version: PageVersion) -> ContentItem:
    text = html.unescape(_TAG.sub(" ", str(render(version.published_body))))
    return ContentItem(
        ref=ContentRef(PAGE, f"{page.id}:{version.language}"),
        title=version.published_title,
        path=f"/pages/{page.slug}",
        text=" ".join(text.split()),
        published_at=page.published_at,
        public=page.status is PageStatus.PUBLISHED and bool(version.published_title),
        language=version.language,
    )


def load_page(db: Session, site: Site, key: str) -> ContentItem | None:
    page_id, _sep, language = key.partition(":")
    page = db.get(Page, int(page_id)) if page_id.isdigit() else None
    version = page.version(language) if page is not None else None
    return _item(page, version) if page is not None and version is not None else None


def content_kinds() -> list[ContentKind]:
    return [ContentKind(PAGE, lazy_gettext("Page"), load_page)]


def search_documents(db: Session, site: Site) -> Iterator[SearchDocument]:
    published = select(Page).where(Page.status == PageStatus.PUBLISHED)
    for page in db.scalars(published):
        for version in page.versions:
            item = _item(page, version)
            if item.public:
                yield SearchDocument.from_item(item)
