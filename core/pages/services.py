"""The rules of static pages: create, edit each language's draft, place, publish, and show.

Officials edit drafts; visitors see the published copies (``parvis.pages.models``). Every change
is written to the page's history with the account that made it and, for an edit, the text as it
was before. Services flush but never commit (the request's unit of work does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from parvis.i18n import _
from parvis.identity import Account
from parvis.pages import statement
from parvis.pages.models import Page, PageKind, PageRevision, PageStatus, PageVersion, RevisionKind
from parvis.pages.text import render
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED = {"new", "defaults"}  # paths of the back office beside /admin/pages/{slug}


@dataclass(slots=True)
class Text:
    """What an official sends for one language: the draft's title, body and statement texts."""

    title: str
    body: str
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.title or self.body or any(self.fields.values()))


@dataclass(slots=True)
class Shown:
    """A page as a visitor reads it in one language (or an official previews it)."""

    page: Page
    title: str
    html: Markup
    language: str  # the language of the text shown: the visitor's, or the original's
    translated: bool  # False: the visitor's language has no text, the original is shown
    fields: dict[str, Any] = field(default_factory=dict)  # the statement's texts (rendered)
    statement: dict[str, Any] = field(default_factory=dict)


def page_by_slug(db: Session, slug: str) -> Page | None:
    return db.scalar(select(Page).where(Page.slug == slug).options(selectinload(Page.versions)))


def check_slug(db: Session, slug: str) -> str:
    slug = slug.strip().lower()
    if not SLUG.fullmatch(slug) or len(slug) > 80 or slug in RESERVED:
        raise Refused(
            _("Use lower-case letters without accents, digits and hyphens, for example legal-notice."),
            field="slug",
        )
    if db.scalar(select(Page.id).where(Page.slug == slug)) is not None:
        raise Refused(_("Another page already has this address."), field="slug")
    return slug


def _revision(
    db: Session, site: Site, page: Page, kind: RevisionKind, editor: Account | None, **previous: Any
) -> None:
    editor_id = editor.id if editor else None
    db.add(PageRevision(page=page, kind=kind, editor_id=editor_id, at=site.now(), **previous))


def create_page(
    db: Session,
    site: Site,
    *,
    slug: str,
    language: str,
    title: str,
    editor: Account | None,
    kind: PageKind = PageKind.TEXT,
    body: str = "",
) -> Page:
    """A new draft page with its first language's title (and text)."""
    page = Page(slug=check_slug(db, slug), kind=kind, original_language=language)
    page.versions.append(PageVersion(language=language, title=title.strip(), body=body))
    if kind is PageKind.ACCESSIBILITY:
        page.statement = statement.neutral_values({})
    db.add(page)
    _revision(db, site, page, RevisionKind.CREATE, editor, language=language)
    db.flush()
    return page


def save_texts(
    db: Session, site: Site, page: Page, texts: dict[str, Text], editor: Account | None
) -> list[str]:
    """Save the drafts of each language; the languages whose text changed (each one in the history).

    A language needs a title as soon as it has any text; the original language always does.
    """
    for language, text in texts.items():
        if language == page.original_language and not text.title:
            raise Refused(_("The page needs a title in its original language."), field=f"title_{language}")
        if not text.title and not text.empty:
            raise Refused(_("Give this language a title too, or leave it empty."), field=f"title_{language}")
    changed = []
    for language, text in texts.items():
        version = page.version(language)
        if version is None:
            if text.empty:
                continue
            version = PageVersion(language=language)
            page.versions.append(version)
        if (version.title, version.body, version.fields or {}) == (text.title, text.body, text.fields):
            continue
        _revision(
            db,
            site,
            page,
            RevisionKind.EDIT,
            editor,
            language=language,
            previous_title=version.title,
            previous_body=version.body,
            previous_fields=dict(version.fields or {}),
        )
        version.title, version.body, version.fields = text.title, text.body, dict(text.fields)
        changed.append(language)
    db.flush()
    return changed


def save_statement(
    db: Session, site: Site, page: Page, values: dict[str, Any], editor: Account | None
) -> bool:
    """The accessibility statement's language-neutral facts (level, rate, audit date...)."""
    facts = statement.neutral_values(values)
    if facts == (page.statement or {}):
        return False
    _revision(db, site, page, RevisionKind.SETTINGS, editor, previous_fields=dict(page.statement or {}))
    page.statement = facts
    db.flush()
    return True


def place(
    db: Session,
    site: Site,
    page: Page,
    *,
    in_menu: bool,
    in_footer: bool,
    position: int,
    editor: Account | None,
) -> bool:
    """Where the page is linked: the header's menu, the footer, and its order there."""
    before = {"in_menu": page.in_menu, "in_footer": page.in_footer, "position": page.position}
    after = {"in_menu": in_menu, "in_footer": in_footer, "position": position}
    if before == after:
        return False
    _revision(db, site, page, RevisionKind.SETTINGS, editor, previous_fields=before)
    page.in_menu, page.in_footer, page.position = in_menu, in_footer, position
    db.flush()
    return True


def unpublished_changes(page: Page) -> bool:
    """Whether a draft differs from what visitors see (always, for a page never published)."""
    if page.status is not PageStatus.PUBLISHED:
        return True
    if page.kind is PageKind.ACCESSIBILITY and (page.statement or {}) != (page.published_statement or {}):
        return True
    return any(
        (v.title, v.body, v.fields or {}) != (v.published_title, v.published_body, v.published_fields or {})
        for v in page.versions
    )


def publish(db: Session, site: Site, page: Page, editor: Account | None) -> None:
    """Visitors now see every language's draft as it is."""
    for version in page.versions:
        version.published_title, version.published_body = version.title, version.body
        version.published_fields = dict(version.fields or {})
    page.published_statement = dict(page.statement or {})
    page.status = PageStatus.PUBLISHED
    page.published_at = site.now()
    _revision(db, site, page, RevisionKind.PUBLISH, editor)
    db.flush()


def unpublish(db: Session, site: Site, page: Page, editor: Account | None) -> None:
    """Visitors no longer see the page (its texts are kept as drafts)."""
    if page.status is not PageStatus.PUBLISHED:
        raise Refused(_("This page is not published."))
    page.status = PageStatus.DRAFT
    _revision(db, site, page, RevisionKind.UNPUBLISH, editor)
    db.flush()


def history(db: Session, page: Page) -> list[PageRevision]:
    return list(
        db.scalars(
            select(PageRevision)
            .where(PageRevision.page_id == page.id)
            .options(selectinload(PageRevision.editor))
            .order_by(PageRevision.at.desc(), PageRevision.id.desc())
        )
    )


def all_pages(db: Session) -> list[Page]:
    return list(
        db.scalars(select(Page).options(selectinload(Page.versions)).order_by(Page.position, Page.slug))
    )


def linked_pages(db: Session) -> list[Page]:
    """Published pages placed in the menu or the footer, in their order."""
    return list(
        db.scalars(
            select(Page)
            .where(Page.status == PageStatus.PUBLISHED, Page.in_menu | Page.in_footer)
            .options(selectinload(Page.versions))
            .order_by(Page.position, Page.slug)
        )
    )


def text_in(page: Page, language: str, *, draft: bool = False) -> tuple[str, str, dict[str, Any], str]:
    """(title, body, statement texts, language) of the page in ``language``: the published copy,
    or the draft for a preview; where that language has no text, the original language's."""

    def text_of(version: PageVersion | None) -> tuple[str, str, dict[str, Any]] | None:
        if version is None:
            return None
        if draft:
            title, body, fields = version.title, version.body, version.fields
        else:
            title, body, fields = version.published_title, version.published_body, version.published_fields
        return (title, body, dict(fields or {})) if title else None

    for candidate in (language, page.original_language, *(v.language for v in page.versions)):
        found = text_of(page.version(candidate))
        if found is not None:
            return (*found, candidate)
    return page.slug, "", {}, page.original_language  # a draft without any title yet


def show(page: Page, language: str, *, draft: bool = False) -> Shown:
    """The page as a visitor reads it in ``language`` (``text_in``), its text rendered and
    sanitised; ``translated`` is False when another language's text stands in."""
    title, body, fields, shown_language = text_in(page, language, draft=draft)
    rendered = {
        name: (value if name in ("audited_by", "audited_pages") else render(value))
        for name, value in fields.items()
    }
    return Shown(
        page=page,
        title=title,
        html=render(body),
        language=shown_language,
        translated=shown_language == language,
        fields=rendered,
        statement=dict((page.statement if draft else page.published_statement) or {}),
    )
