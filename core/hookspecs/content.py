"""Hooks of content kinds (parvis.content): what comments, supports, moderation, notifications and
search may point at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from parvis.content import ContentKind
    from parvis.content_translations.registry import TranslatableKind
    from parvis.search import SearchDocument
    from parvis.site import Site


@hookspec
def register_content_kinds(site: Site) -> Sequence[ContentKind]:
    """Declare the kinds of public objects core's conversation services may point at:
    ``parvis.api.content.ContentKind(name, label, load)``.

    ``name`` is global: prefix it with the plugin's name (``"budget.idea"``). ``load(db, site,
    key)`` answers a ``ContentItem`` (title, language-neutral path, plain text, author, district,
    date, public) or None; ``ContentKind.of_model(name, label, Model, path=..., ...)`` writes it
    for a model's rows found by ``public_id``.
    """


@hookspec
def search_documents(db: Session, site: Site) -> Iterable[SearchDocument]:
    """Answer (or yield) every public object of the plugin the site search should find:
    ``parvis.api.search.SearchDocument(ref, title, path, text, language, district, date)``, one per
    object of a declared content kind (``SearchDocument.from_item(item)``, or
    ``parvis.api.search.documents_of(db, site, kind, keys)`` to build them with the kind's
    ``load``). Called by the full rebuild of the index (the hourly ``search.rebuild`` job) and by
    ``reindex(db, site, "kind")``; after changing one object, call
    ``parvis.api.search.reindex(db, site, ref)`` instead of waiting for the rebuild.
    """


@hookspec
def register_translatable_kinds(site: Site) -> Sequence[TranslatableKind]:
    """Declare the kinds of objects whose texts officials translate into the site's other
    languages: ``parvis.api.content_translations.TranslatableKind(name, label, model, fields,
    action, edit_path, resource=..., multiline=...)``, or ``TranslatableKind.titled(name, label,
    model, action=..., edit_path=...)`` for the usual title and description.

    ``name`` is global: prefix it with the plugin's name (``"budget.campaign"``). ``fields`` maps
    each translatable attribute to its label; ``action`` is the permission that edits an object,
    checked on ``resource(obj)`` (the object by default), which also guards its translations page
    (``/admin/translations/<name>/<id>``); ``edit_path(obj)`` is its edit page's path without the
    language. Pages then show the texts with ``{{ tr(obj, "title") }}``.
    """
