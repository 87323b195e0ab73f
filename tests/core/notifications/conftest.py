"""A sample plugin declaring a content kind ("lab.note"), for the notifications tests."""

from __future__ import annotations

import types

import pytest

from parvis.api import hookimpl
from parvis.api.content import ContentItem, ContentKind, ContentRef

AUTHOR: dict[str, int] = {}  # key -> author account id, set by tests


def load_note(db, site, key):
    return ContentItem(
        ref=ContentRef("lab.note", key),
        title=f"Note {key}",
        path=f"/bodies?note={key}",
        author_account_id=AUTHOR.get(key),
        public=not key.startswith("draft"),
    )


LAB = types.SimpleNamespace(
    register_content_kinds=hookimpl(lambda site: [ContentKind("lab.note", "Note", load_note)])
)


@pytest.fixture
def parvis_extra_plugins():
    return [("lab", LAB)]


def note(key: str = "n1") -> ContentRef:
    return ContentRef("lab.note", key)


@pytest.fixture
def lab():
    """``lab.note(key)`` a reference; ``lab.authors[key] = account id`` sets a note's author."""
    AUTHOR.clear()
    return types.SimpleNamespace(note=note, authors=AUTHOR)
