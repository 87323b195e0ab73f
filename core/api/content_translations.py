"""Translations of officials' texts for plugins: let a kind of object (a campaign, a mission) have
its names, titles and descriptions in every site language.

Declare each kind once with ``register_translatable_kinds`` (``TranslatableKind(name, label,
model, fields, action, edit_path, ...)``); core then offers the object's translations page
(``translations_path(obj)``, to link from its edit page) and the list of what needs translating.
Templates show a text with ``{{ tr(obj, "title") }}`` (``lines=True`` for paragraphs,
``truncate=200``, ``note=False``), ``{{ tr_text(obj, "name") }}`` as plain text; Python code with
``translated(request, obj, field)`` (plain) or ``marked(request, obj, field)`` (markup with the
original's ``lang``). ``preload(request, objects)`` loads a list's translations in one query per
kind for objects the request's session does not hold; ``preload_ids`` and ``marked_by_id`` do the
same for rows that are not models (a search's rows: kind name, id and original text). See
docs/plugins.md ("Translated content").
"""

from __future__ import annotations

from parvis.content_translations.registry import (
    TranslatableKind,
    original_language,
    other_languages,
    translatable_kinds,
)
from parvis.content_translations.service import fingerprint, in_language
from parvis.content_translations.view import marked, marked_by_id, preload, preload_ids, translated
from parvis.content_translations.web import path_of as translations_path

__all__ = [
    "TranslatableKind",
    "fingerprint",
    "in_language",
    "marked",
    "marked_by_id",
    "original_language",
    "other_languages",
    "preload",
    "preload_ids",
    "translatable_kinds",
    "translated",
    "translations_path",
]
