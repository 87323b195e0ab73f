"""A lab site with one content kind, ``lab.note``, whose items live in a dict (no table): enough to
exercise core's moderation without a plugin. Threshold 2, ``lab.note`` pre-moderated only when a
test asks for the pre-moderated site."""

from types import SimpleNamespace

import pytest

from parvis.api import hookimpl
from parvis.api.content import ContentItem, ContentKind, ContentRef
from parvis.auth import load_actor

NOTES: dict[str, ContentItem] = {}


def _load(db, site, key):
    return NOTES.get(key)


LAB = SimpleNamespace(register_content_kinds=hookimpl(lambda site: [ContentKind("lab.note", "Note", _load)]))


@pytest.fixture
def lab(make_site):
    NOTES.clear()
    chosen = make_site([], extra=(("lab", LAB),), settings={"moderation": {"report_threshold": 2}})
    with chosen.activate() as active:
        yield active


@pytest.fixture
def premoderated_lab(make_site):
    NOTES.clear()
    chosen = make_site(
        [],
        extra=(("lab", LAB),),
        settings={"moderation": {"report_threshold": 2, "premoderated": ["lab.note"]}},
    )
    with chosen.activate() as active:
        yield active


@pytest.fixture
def lab_with(make_site):
    """``lab_with(reports_per_hour=2)``: the lab site with other moderation settings."""

    def factory(**settings):
        NOTES.clear()
        return make_site([], extra=(("lab", LAB),), settings={"moderation": settings})

    return factory


@pytest.fixture
def note():
    """``note(author, district="11")`` adds an item and returns its ref."""

    def factory(author=None, district="11", title="A note"):
        key = f"n{len(NOTES) + 1}"
        ref = ContentRef("lab.note", key)
        NOTES[key] = ContentItem(
            ref=ref,
            title=title,
            path=f"/lab/{key}",
            text="Some text",
            author_account_id=author.id if author is not None else None,
            district=district,
        )
        return ref

    return factory


@pytest.fixture
def actor_of(db):
    def factory(account):
        return load_actor(db, account)

    return factory
