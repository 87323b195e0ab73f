"""Public pages: ``/{lang}/pages/{slug}``, and what the menu and the footer link to."""

from __future__ import annotations

from typing import Any

from babel import Locale
from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.i18n import _
from parvis.pages import defaults, services, statement
from parvis.pages.models import Page, PageKind, PageStatus
from parvis.site import Site
from parvis.web.context import state_of
from parvis.web.guards import public
from parvis.web.navigation import MenuItem
from parvis.web.render import page as render_page
from parvis.web.render import redirect, url
from parvis.web.types import DB, AnyRequest, FromPath


def published(db: DB, site: Site, slug: str) -> Page | None:
    """The published page at ``slug``, or the built-in default while the site has not stored it."""
    page = services.page_by_slug(db, slug)
    if page is None:
        return defaults.built_in(site, slug)
    return page if page.status is PageStatus.PUBLISHED else None


def page_context(shown: services.Shown, locale: str) -> dict[str, Any]:
    """What ``pages/page.html`` needs beside the page: names and facts in the visitor's language."""
    return {
        "shown": shown,
        "shown_language_name": Locale.parse(shown.language).get_display_name(locale) or shown.language,
        "statement_level": statement.level_label(shown.statement),
        "statement_date": statement.audit_day(shown.statement),
    }


def menu_items(request: AnyRequest) -> list[MenuItem]:
    """Links to the published pages placed in the menu or the footer (and to the default pages
    the site has not stored yet), titled in the visitor's language where the page has it."""
    state = state_of(request)
    # (position, slug, title, its language if not the visitor's, compliance level, menu, footer)
    links: list[tuple[int, str, str, str | None, str | None, bool, bool]] = []
    for page in services.linked_pages(state.db):
        title, _body, _fields, language = services.text_in(page, state.locale)
        level = statement.level_label(page.published_statement or {})
        lang = None if language == state.locale else language
        accessibility = page.kind is PageKind.ACCESSIBILITY
        links.append(
            (
                page.position,
                page.slug,
                title,
                lang,
                level if accessibility else None,
                page.in_menu,
                page.in_footer,
            )
        )
    for default in defaults.missing(state.db):
        default_level = statement.level_label({}) if default.kind is PageKind.ACCESSIBILITY else None
        links.append(
            (default.position, default.slug, default.title(), None, default_level, default.in_menu, True)
        )
    items = []
    for position, slug, name, name_lang, compliance, in_menu, in_footer in sorted(links, key=lambda x: x[:2]):
        href = url(request, f"/pages/{slug}")
        if in_menu:
            items.append(MenuItem(name, href, order=100 + position, lang=name_lang))
        if in_footer:
            label = _("Accessibility: {level}").format(level=compliance) if compliance else name
            footer_lang = None if compliance else name_lang
            items.append(MenuItem(label, href, order=position, area="footer", lang=footer_lang))
    return items


class PagesController(Controller):
    path = "/pages"

    @get("/{slug:str}", guards=[public], name="page")
    def show(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        state = state_of(request)
        page = published(db, state.site, slug)
        if page is None:
            raise NotFoundException()
        shown = services.show(page, state.locale)
        return render_page(
            request, "pages/page.html", preview=False, title=shown.title, **page_context(shown, state.locale)
        )


class AccessibilityController(Controller):
    """The address of the former accessibility page leads to the statement."""

    path = "/accessibility"

    @get("/", guards=[public], name="accessibility")
    def accessibility(self, request: AnyRequest) -> Redirect:
        return redirect(request, f"/pages/{defaults.ACCESSIBILITY}")
