"""Workflows are data: the built-in ones are valid, broken ones are refused with the key at fault."""

import re
import tomllib

import msgspec
import pytest

from parvis.config import ConfigError
from parvis.decisions import labels
from parvis.decisions.registry import registry
from parvis.decisions.workflow import BUILTIN_FILE, State, Transition, Workflow, builtin_workflows, problems
from parvis.i18n import use_locale


def small(**changes) -> Workflow:
    workflow = Workflow(
        name="small",
        initial="draft",
        states=[State("draft", "Draft", editable=True), State("done", "Done", public=True, final=True)],
        transitions=[Transition(["draft"], "done", ["official"], "Finish")],
    )
    return msgspec.structs.replace(workflow, **changes)


def test_builtin_workflows_are_valid_and_follow_the_issue():
    workflows = builtin_workflows()
    council = workflows["council"]
    assert problems(council) == []
    assert [s.name for s in council.states] == [
        "draft",
        "validated",
        "submitted",
        "adopted",
        "rejected",
        "withdrawn",
        "in_implementation",
        "implemented",
        "abandoned",
    ]
    assert council.next_states("submitted") == ["adopted", "rejected", "withdrawn"]
    assert council.states_where("followup") == ["adopted", "in_implementation", "implemented", "abandoned"]
    assert council.state("draft").editable
    assert council.state("draft").votable
    assert not council.state("draft").public
    assert problems(workflows["opinion"]) == []


def test_every_builtin_label_is_extracted_for_translation():
    data = tomllib.loads(BUILTIN_FILE.read_text(encoding="utf-8"))
    used = {w["label"] for w in data.values()}
    for workflow in data.values():
        used |= {s["label"] for s in workflow["states"]} | {t["label"] for t in workflow["transitions"]}
    assert used <= set(labels.WORKFLOW_LABELS)


@pytest.mark.parametrize(
    ("changes", "key", "reason"),
    [
        ({"initial": "nowhere"}, "initial", "unknown state 'nowhere'"),
        (
            {"transitions": [Transition(["draft"], "gone", ["official"])]},
            "transitions[0].to",
            "unknown state 'gone'",
        ),
        (
            {"transitions": [Transition(["draft"], "done", ["mayor"])]},
            "transitions[0].roles",
            "unknown role 'mayor'",
        ),
        (
            {"transitions": [Transition(["draft"], "done", ["official"], requires=["luck"])]},
            "transitions[0].requires",
            "unknown condition 'luck'",
        ),
        (
            {
                "states": [
                    State("draft", "Draft"),
                    State("done", "Done", final=True),
                    State("limbo", "Limbo", final=True),
                ]
            },
            "states",
            "unreachable from 'draft': limbo",
        ),
        ({"states": [State("draft", "Draft"), State("done", "Done")]}, "states[1]", "dead end"),
        (
            {
                "transitions": [
                    Transition(["draft"], "done", ["official"]),
                    Transition(["draft"], "done", ["member"]),
                ]
            },
            "transitions[1].from",
            "declared twice",
        ),
        ({"states": []}, "states", "at least one state"),
    ],
)
def test_broken_workflows_are_described_precisely(changes, key, reason):
    found = problems(small(**changes))
    assert found, "the workflow should be refused"
    assert found[0][0] == key
    assert reason in found[0][1]


def test_a_final_state_cannot_be_left():
    workflow = small(transitions=[Transition(["draft"], "done"), Transition(["done"], "draft")])
    assert ("states[1].final", "final state 'done' has transitions leaving it") in problems(workflow)


CITY_WORKFLOW = {
    "label": "Short",
    "initial": "draft",
    "states": [
        {"name": "draft", "label": "Draft", "editable": True},
        {"name": "answered", "label": "Answered", "public": True, "followup": True, "final": True},
    ],
    "transitions": [
        {"from": ["draft"], "to": "answered", "roles": ["member", "official"], "label": "Answer"}
    ],
}


def test_a_city_supplies_its_own_workflow_in_its_configuration(make_site):
    site = make_site(
        [],
        settings={
            "decisions": {"workflows": {"short": CITY_WORKFLOW}, "type_workflows": {"opinion": "short"}}
        },
    )
    declared = registry(site)
    assert declared.workflows["short"].states[1].followup
    assert declared.workflow_for_type("opinion").name == "short"
    assert declared.workflow_for_type("recommendation").name == "council"


def test_a_broken_city_workflow_stops_the_site_with_file_and_key(make_site):
    broken = {**CITY_WORKFLOW, "transitions": [{"from": ["draft"], "to": "answred", "label": "Answer"}]}
    with pytest.raises(ConfigError) as error:
        make_site([], settings={"decisions": {"workflows": {"short": broken}}})
    message = str(error.value)
    assert "paris.toml" in message
    assert "settings.decisions" in message
    assert re.search(r"workflows\.short\.transitions\[0\]\.to: unknown state 'answred'", message)


def test_an_unknown_field_in_a_city_workflow_is_refused(make_site):
    with pytest.raises(ConfigError, match="editible"):
        make_site(
            [],
            settings={
                "decisions": {
                    "workflows": {
                        "x": {**CITY_WORKFLOW, "states": [{"name": "draft", "label": "D", "editible": True}]}
                    }
                }
            },
        )


def test_mapping_a_type_to_an_unknown_workflow_is_refused(make_site):
    """Refused when the site is built: every start-up and `parvis config check` see it."""
    with (
        use_locale("en"),
        pytest.raises(
            ConfigError, match=r"settings\.decisions\.type_workflows\.voeu.*unknown workflow 'nowhere'"
        ),
    ):
        make_site([], settings={"decisions": {"type_workflows": {"voeu": "nowhere"}}})
