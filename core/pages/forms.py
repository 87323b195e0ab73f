"""The back office's forms for pages, built for the site's languages (and the page's kind)."""

from __future__ import annotations

from typing import Any

from parvis.i18n import lazy_gettext
from parvis.pages import statement
from parvis.pages.models import Page, PageKind
from parvis.web.forms import Field, Form

BODY_MAX = 50_000


def new_form(locales: list[str], language_name: Any) -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field(
            "language",
            lazy_gettext("Language it is written in"),
            kind="select",
            choices=lambda: [(code, language_name(code)) for code in locales],
        ),
        Field(
            "slug",
            lazy_gettext("Address"),
            max_length=80,
            help=lazy_gettext(
                "The end of the page's address: lower-case letters, digits and hyphens, for example "
                "legal-notice. It cannot be changed later."
            ),
        ),
    )


def language_fields(page: Page, language: str) -> list[Field]:
    fields = [
        Field(f"title_{language}", lazy_gettext("Title"), required=False, max_length=200),
        Field(
            f"body_{language}",
            lazy_gettext("Text"),
            kind="textarea",
            required=False,
            max_length=BODY_MAX,
            help=lazy_gettext(
                "Markdown: ## for a heading, **bold**, *italics*, [link](https://…), - for a list. "
                "Scripts and styles are removed."
            ),
        ),
    ]
    if page.kind is PageKind.ACCESSIBILITY:
        fields += statement.worded_fields(language)
    return fields


def placement_fields() -> list[Field]:
    return [
        Field("in_menu", lazy_gettext("Link it in the main menu"), kind="checkbox", required=False),
        Field("in_footer", lazy_gettext("Link it in the footer"), kind="checkbox", required=False),
        Field(
            "position",
            lazy_gettext("Order"),
            kind="integer",
            min=0,
            max=1000,
            help=lazy_gettext("Links are listed from the smallest number."),
        ),
    ]


def edit_form(page: Page, locales: list[str]) -> Form:
    fields = [field for language in locales for field in language_fields(page, language)]
    fields += placement_fields()
    if page.kind is PageKind.ACCESSIBILITY:
        fields += statement.neutral_fields()
    return Form(*fields)


def edit_initial(page: Page, locales: list[str]) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "in_menu": page.in_menu,
        "in_footer": page.in_footer,
        "position": page.position,
    }
    for language in locales:
        version = page.version(language)
        if version is None:
            continue
        initial[f"title_{language}"] = version.title
        initial[f"body_{language}"] = version.body
        for name, value in (version.fields or {}).items():
            initial[f"{name}_{language}"] = value
    if page.kind is PageKind.ACCESSIBILITY:
        facts = page.statement or {}
        initial.update({name: facts.get(name) for name in statement.NEUTRAL if facts.get(name) is not None})
    return initial
