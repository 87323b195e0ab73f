"""Content kinds for plugins: let core's services (comments, supports, moderation, notifications,
the site search) point at a plugin's objects.

Declare each kind once with ``register_content_kinds`` (``ContentKind(name, label, load)``, or
``ContentKind.of_model(...)`` for a model's rows: docs/plugins.md, "register_content_kinds");
services store a ``ContentRef`` (kind + key) and read the object back with ``load(db, site, ref)``
as a ``ContentItem``. ``public_item`` is the 404-raising form for public
pages, ``url(item, lang)`` its address in a language. See docs/plugins.md ("Content kinds").
"""

from __future__ import annotations

from parvis.content import (
    KEY_LENGTH,
    KIND_LENGTH,
    ContentItem,
    ContentKind,
    ContentRef,
    kinds,
    load,
    public_item,
    url,
)

__all__ = [
    "KEY_LENGTH",
    "KIND_LENGTH",
    "ContentItem",
    "ContentKind",
    "ContentRef",
    "kinds",
    "load",
    "public_item",
    "url",
]
