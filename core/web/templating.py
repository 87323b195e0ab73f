"""The Jinja environment: plugin template folders before core's, gettext and Babel filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from markupsafe import Markup

from parvis import formatting, i18n
from parvis.shapes import shapes_of


def template_domain(name: str | None) -> str:
    folder = (name or "").split("/", 1)[0]
    return folder if folder in i18n._domains else i18n.CORE_DOMAIN


@pass_context
def template_gettext(context: Context, message: str) -> str:
    return i18n.dgettext(template_domain(context.name), message)


@pass_context
def template_ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return i18n.dngettext(template_domain(context.name), singular, plural, n)


def progress_percent(done: int | float, total: int | float) -> int:
    if not total:
        return 0
    return max(0, min(100, round(100 * done / total)))


@pass_context
def comments_thread(context: Context, kind: str, key: str) -> Markup:
    """The comments of an object, for its page (``parvis.comments.view``)."""
    from parvis.comments import view

    return view.comments_thread(context, kind, key)


@pass_context
def support_button(context: Context, kind: str, key: str) -> Markup:
    """The count of supports of an object and the button to support it (``parvis.comments.view``)."""
    from parvis.comments import view

    return view.support_button(context, kind, key)


@pass_context
def tr(context: Context, obj: Any, field: str, **options: Any) -> Markup | str:
    """An official's text in the page's language, or the original marked with its ``lang``
    (``parvis.content_translations.view``)."""
    from parvis.content_translations import view

    return view.template_tr(context, obj, field, **options)


@pass_context
def tr_text(context: Context, obj: Any, field: str) -> str:
    """The same as plain text, for attributes and ``<title>``."""
    from parvis.content_translations import view

    return view.template_tr_text(context, obj, field)


@pass_context
def as_typed(context: Context, text: str, **options: Any) -> Markup | str:
    """A copy of an official's text kept apart from its object (a draw's body name, a debate
    space's title), marked with the language officials type in."""
    from parvis.content_translations import view

    return view.template_as_typed(context, text, **options)


@pass_context
def translations_path(context: Context, obj: Any) -> str | None:
    """The path of an object's translations page, None if its kind is not translatable."""
    from parvis.content_translations import view

    return view.template_translations_path(context, obj)


_environments: dict[tuple[int, bool], Environment] = {}


def site_environment(site: Any, *, plain_text: bool = False) -> Environment:
    """``build_environment`` for a site's template folders, built once per site (and kind) for the
    work done outside requests: mail (``plain_text``) and printed pages."""
    key = (id(site), plain_text)
    if key not in _environments:
        _environments[key] = build_environment(site.template_dirs, plain_text=plain_text)
    return _environments[key]


def build_environment(template_dirs: list[Path], *, plain_text: bool = False) -> Environment:
    """The site's templates; ``plain_text``: for mail's ``.txt`` templates, which are not HTML, so
    nothing is escaped (an apostrophe stays an apostrophe; the HTML part is escaped from the text)."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs]),
        autoescape=False if plain_text else select_autoescape(default=True, default_for_string=True),  # noqa: S701 - plain-text mail only
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=_finalize,
    )
    # `_`, `gettext`, `ngettext` and {% trans %} translate in the domain of the template's folder
    # (`budget/idea.html` -> budget), so a plugin's pages use its own wording.
    env.globals.update(
        _=template_gettext,
        gettext=template_gettext,
        ngettext=template_ngettext,
        N_=i18n.N_,
        # One of the site's words alone: {{ word("district", "Pl") }} (parvis.words).
        word=i18n.word,
        language_name=i18n.language_name,
        progress_percent=progress_percent,
        labelled=formatting.labelled,
        # The colon (and space) that joins a label to what follows markup: "<a>…</a>{{ colon_sign() }}…".
        colon_sign=lambda: formatting.colon(""),
        # An object's conversation and supports: {{ comments_thread("budget.idea", idea.public_id) }}.
        comments_thread=comments_thread,
        support_button=support_button,
        # Officials' texts in the page's language: {{ tr(call, "title") }} (parvis.content_translations).
        tr=tr,
        tr_text=tr_text,
        as_typed=as_typed,
        translations_path=translations_path,
        # The site's district and neighbourhood shapes (macros/shapes.html): {{ shapes_of(site) }}.
        shapes_of=shapes_of,
    )
    env.filters.update(
        date=formatting.format_date,
        datetime=formatting.format_datetime,
        time=formatting.format_time,
        number=formatting.format_number,
        percent=formatting.format_percent,
        money=formatting.format_money,
        nl2br=_nl2br,
        # {{ label|colon }}{{ value }}: "Prénom : …", "名称：…", "Name: …" (parvis.formatting).
        colon=formatting.colon,
        punctuate=formatting.punctuate,
    )
    return env


def _finalize(value: Any) -> Any:
    """Every printed text follows its language's typography (``formatting.punctuate``): the
    catalogs' messages and the texts officials typed alike. Markup is left as it is."""
    if type(value) is str:
        return formatting.punctuate(value)
    return value


def _nl2br(text: Any) -> Markup:
    escaped = Markup.escape(formatting.punctuate(str(text or "")))
    return Markup("<br>\n").join(escaped.split("\n"))
