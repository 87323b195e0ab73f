"""Content kinds: every built-in kind loads its objects by key, with a path that answers."""

import types

import pytest

from parvis.api import Refused, hookimpl
from parvis.api.content import ContentKind, ContentRef, kinds, load


def test_a_reference_round_trips_through_its_text():
    ref = ContentRef("budget.idea", "ab12")
    assert ContentRef.parse(str(ref)) == ref
    for bad in ("", "budget.idea", ":ab12", "x" * 61 + ":1"):
        with pytest.raises(Refused):
            ContentRef.parse(bad)


def test_built_in_plugins_declare_their_kinds(site):
    assert {
        "budget.idea",
        "budget.project",
        "decisions.decision",
        "volunteers.mission",
        "neighbourhood_councils.contribution",
    } <= set(kinds(site))


def test_an_unknown_kind_or_key_loads_nothing(db, site):
    assert load(db, site, ContentRef("nowhere.thing", "1")) is None
    assert load(db, site, ContentRef("budget.idea", "no-such-idea")) is None


@pytest.mark.hooks("register_content_kinds")
def test_a_plugin_declares_a_kind_and_a_name_twice_is_refused(make_site):
    shelf = ContentKind("lab.shelf", "Shelf", lambda db, site, key: None)
    once = types.SimpleNamespace(register_content_kinds=hookimpl(lambda site: [shelf]))
    assert kinds(make_site([], extra=(("lab", once),)))["lab.shelf"] is shelf
    twice = types.SimpleNamespace(register_content_kinds=hookimpl(lambda site: [shelf, shelf]))
    with pytest.raises(ValueError, match=r"lab\.shelf"):
        kinds(make_site([], extra=(("lab", twice),)))


def test_a_kind_of_model_names_attributes_its_model_has():
    from parvis.bodies.models import Body

    kind = ContentKind.of_model("lab.body", "Body", Body, path=lambda b: "/", title="name", public="active")
    assert kind.name == "lab.body"
    # A typo stops the site when it starts, not when someone first comments on a body.
    with pytest.raises(ValueError, match="nmae"):
        ContentKind.of_model("lab.body", "Body", Body, path=lambda body: "/", title="nmae")
