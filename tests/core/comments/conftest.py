"""A lab plugin for the comments' tests: a content kind "lab.note" held in a dict, open to
comments unless its key says "closed", to supports unless it says "nosupport"."""

from __future__ import annotations

import types

import pytest

from parvis.api import OFFICIAL, hookimpl
from parvis.api.comments import Commenting, DebateSpace, Space, Supporting
from parvis.api.content import ContentItem, ContentKind, ContentRef

NOTE = "lab.note"


def load_note(db, site, key):
    if key.startswith("missing"):
        return None
    return ContentItem(
        ref=ContentRef(NOTE, key), title=f"Note {key}", path=f"/notes/{key}", public=key != "hidden"
    )


def may_comment(db, site, actor, item):
    return "Closed for comments." if "closed" in item.ref.key else None


def may_support(db, site, actor, item):
    return "Supports are closed." if "nosupport" in item.ref.key else None


def load_space(db, site, key):
    return None if key.startswith("missing") else Space("lab.space", key, f"Space {key}", f"/spaces/{key}")


def may_open(db, site, actor, space):
    return actor.has_role(OFFICIAL)


LAB = types.SimpleNamespace(
    register_debate_spaces=hookimpl(lambda site: [DebateSpace("lab.space", "Space", load_space, may_open)]),
    register_content_kinds=hookimpl(lambda site: [ContentKind(NOTE, "Note", load_note)]),
    register_commenting=hookimpl(lambda site: [Commenting(NOTE, may_comment)]),
    register_supports=hookimpl(lambda site: [Supporting(NOTE, may_support)]),
)


@pytest.fixture
def parvis_extra_plugins():
    return [("lab", LAB)]


@pytest.fixture
def note():
    return ContentRef(NOTE, "n1")
