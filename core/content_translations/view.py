"""Showing officials' texts in the page's language: ``{{ tr(obj, "title") }}``.

The translations of a page are loaded once per kind and language: the first ``tr`` of a kind
loads those of every object of that kind the request's session holds (a list page has loaded
them all), so a list of a hundred objects costs one query, not a hundred. ``preload`` does the
same explicitly for objects of another session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from babel import Locale
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from parvis import formatting
from parvis.i18n import _
from parvis.site import Site

from . import service
from .registry import TranslatableKind, kind_of_model, original_language, translatable_kinds

SCOPE_KEY = "parvis_content_translations"


class PageTranslations:
    """The translations one request has loaded, by (kind, language) then (object id, field)."""

    def __init__(self, db: Session | None, site: Site) -> None:
        self.db = db
        self.site = site
        self.texts: dict[tuple[str, str], dict[tuple[int, str], str]] = {}
        self.loaded: dict[tuple[str, str], set[int]] = {}
        self.origins: dict[str, dict[int, str]] = {}
        self.origins_loaded: dict[str, set[int]] = {}

    def preload(self, kind: TranslatableKind, ids: Iterable[int], language: str) -> None:
        key = (kind.name, language)
        loaded = self.loaded.setdefault(key, set())
        wanted = {i for i in ids if i is not None} - loaded
        if not wanted or self.db is None:
            return
        texts = self.texts.setdefault(key, {})
        for row in service.load(self.db, kind.name, wanted, [language]):
            texts[(row.object_id, row.field)] = row.text
        loaded |= wanted

    def preload_origins(self, kind: TranslatableKind, ids: Iterable[int]) -> None:
        loaded = self.origins_loaded.setdefault(kind.name, set())
        wanted = {i for i in ids if i is not None} - loaded
        if not wanted or self.db is None:
            return
        self.origins.setdefault(kind.name, {}).update(service.originals(self.db, kind.name, wanted))
        loaded |= wanted

    def _held(self, kind: TranslatableKind) -> list[int]:
        # Read from the identity keys, not the objects: an expired object would load itself.
        if self.db is None:
            return []
        return [key[1][0] for key in list(self.db.identity_map.keys()) if issubclass(key[0], kind.model)]

    def text(self, kind: TranslatableKind, obj: Any, field: str, language: str) -> str | None:
        key = (kind.name, language)
        if obj.id not in self.loaded.get(key, ()):
            self.preload(kind, [obj.id, *self._held(kind)], language)
        return self.texts.get(key, {}).get((obj.id, field))

    def origin(self, kind: TranslatableKind, obj: Any) -> str:
        """The language ``obj``'s originals are in (loaded with those of the objects the session
        holds, in one query per kind)."""
        if obj.id not in self.origins_loaded.get(kind.name, ()):
            self.preload_origins(kind, [obj.id, *self._held(kind)])
        return self.origins.get(kind.name, {}).get(obj.id) or original_language(self.site)


def page_translations(request: Any) -> PageTranslations:
    """The request's cache (made on first use)."""
    from parvis.web.context import state_of

    scope_state = request.scope["state"]
    found = scope_state.get(SCOPE_KEY)
    if found is None:
        state = state_of(request)
        found = scope_state[SCOPE_KEY] = PageTranslations(state.db, state.site)
    return found


def _language(request: Any) -> str:
    from parvis.web.context import state_of

    return state_of(request).locale


def lookup(request: Any, obj: Any, field: str) -> tuple[str, str]:
    """(text, its language): the version in the request's language, else the original."""
    from parvis.web.context import state_of

    original = str(getattr(obj, field, "") or "")
    kind = kind_of_model(state_of(request).site, type(obj)) if obj is not None else None
    if kind is None or field not in kind.fields:
        return original, original_language(state_of(request).site)
    return lookup_by_id(request, kind.name, obj.id, field, original)


def lookup_by_id(
    request: Any, kind_name: str, object_id: int | None, field: str, original: str
) -> tuple[str, str]:
    """The same for an object known by its kind's name and id (a search row, not a model)."""
    from parvis.web.context import state_of

    site = state_of(request).site
    language = _language(request)
    kind = translatable_kinds(site).get(kind_name)
    if kind is None or object_id is None:
        return original, original_language(site)
    cache, ref = page_translations(request), _Ref(object_id)
    source = cache.origin(kind, ref)
    if language == source:
        return original, source
    found = cache.text(kind, ref, field, language)
    return (found, language) if found else (original, source)


class _Ref:
    __slots__ = ("id",)

    def __init__(self, object_id: int) -> None:
        self.id = object_id


def translated(request: Any, obj: Any, field: str) -> str:
    """Plain text in the request's language, or the original (a page's ``<title>``, a label)."""
    return lookup(request, obj, field)[0]


def _shorten(text: str, length: int | None) -> str:
    if length is None or len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def in_language_note(source: str, language: str) -> str:
    """ "(in French)", "(en français)", "（フランス語）": the note after an untranslated text."""
    name = Locale.parse(source).get_display_name(language) or source
    return _("(in {language})").format(language=name)


def marked(
    request: Any,
    obj: Any,
    field: str,
    *,
    lines: bool = False,
    truncate: int | None = None,
    note: bool = True,
) -> Markup:
    """Escaped text in the page's language, or the original inside ``<span lang="fr">`` followed by
    a small "(in French)" note (``note=False`` leaves it out: breadcrumbs, repeated names).
    ``lines=True`` keeps line breaks (``<br>``), ``truncate`` shortens to that many characters."""
    text, language = lookup(request, obj, field)
    return _markup(request, text, language, lines=lines, truncate=truncate, note=note)


def marked_by_id(
    request: Any, kind_name: str, object_id: int | None, field: str, original: str, **options: Any
) -> Markup:
    """``marked`` for an object known by its kind's name and id (a search row, not a model)."""
    text, language = lookup_by_id(request, kind_name, object_id, field, original)
    return _markup(request, text, language, **options)


def _markup(
    request: Any,
    text: str,
    language: str,
    *,
    lines: bool = False,
    truncate: int | None = None,
    note: bool = True,
) -> Markup:
    body = escape(formatting.punctuate(_shorten(text, truncate), language))
    if lines:
        body = Markup("<br>\n").join(body.split("\n"))
    page_language = _language(request)
    if language == page_language or not text:
        return body
    wrapped = Markup('<span lang="{}">{}</span>').format(language, body)
    if not note:
        return wrapped
    return wrapped + Markup(' <small class="translation-note">{}</small>').format(
        in_language_note(language, page_language)
    )


@pass_context
def template_tr(context: Context, obj: Any, field: str, **options: Any) -> Markup | str:
    """``{{ tr(obj, "title") }}``; outside a request (a mail, a printed page), the original,
    escaped unless the template is plain text."""
    request = context.get("request")
    if request is None or "parvis" not in request.scope.get("state", {}):
        original = str(getattr(obj, field, "") or "")
        return escape(original) if context.eval_ctx.autoescape else original
    return marked(request, obj, field, **options)


def template_as_typed(context: Context, text: str, **options: Any) -> Markup | str:
    """``{{ as_typed(entry.body_name) }}``: ``text`` in the site's original language, marked as
    ``tr`` marks an original (outside a request: escaped, unmarked)."""
    request = context.get("request")
    if request is None or "parvis" not in request.scope.get("state", {}):
        return escape(text) if context.eval_ctx.autoescape else text
    from parvis.web.context import state_of

    return _markup(request, text, original_language(state_of(request).site), **options)


@pass_context
def template_tr_text(context: Context, obj: Any, field: str) -> str:
    """``{{ tr_text(obj, "name") }}``: plain text, for attributes and ``<title>``."""
    request = context.get("request")
    if request is None or "parvis" not in request.scope.get("state", {}):
        return str(getattr(obj, field, "") or "")
    return translated(request, obj, field)


def preload(request: Any, objects: Iterable[Any]) -> None:
    """Load the translations of ``objects`` (of any declared kinds) in the request's language in
    one query per kind: for objects that are not in the request's session."""
    from parvis.web.context import state_of

    state = state_of(request)
    cache = page_translations(request)
    by_kind: dict[str, tuple[TranslatableKind, list[int]]] = {}
    for obj in objects:
        kind = kind_of_model(state.site, type(obj))
        if kind is not None:
            by_kind.setdefault(kind.name, (kind, []))[1].append(obj.id)
    for kind, ids in by_kind.values():
        cache.preload_origins(kind, ids)
        cache.preload(kind, ids, state.locale)


@pass_context
def template_translations_path(context: Context, obj: Any) -> str | None:
    """``{{ translations_path(body) }}``: the path of its translations page (for its edit page's
    link), None when its kind is not translatable or the site has one language."""
    from parvis.web.context import state_of

    from .registry import other_languages
    from .web import path_of

    request = context.get("request")
    if request is None or obj is None:
        return None
    site = state_of(request).site
    kind = kind_of_model(site, type(obj))
    if kind is None or not other_languages(site):
        return None
    return path_of(kind, obj)


def preload_ids(request: Any, kind_name: str, ids: Iterable[int]) -> None:
    """``preload`` for objects known by their kind's name and ids (search rows)."""
    from parvis.web.context import state_of

    state = state_of(request)
    kind = translatable_kinds(state.site).get(kind_name)
    if kind is not None:
        cache, ids = page_translations(request), list(ids)
        cache.preload_origins(kind, ids)
        cache.preload(kind, ids, state.locale)
