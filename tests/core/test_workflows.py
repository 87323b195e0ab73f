"""The workflow engine as a platform service: a plugin's life cycle and effects, the city's
[workflows] tables, the checks at start-up, history and refusals."""

from __future__ import annotations

import types
from dataclasses import dataclass

import pytest

from parvis import hookimpl
from parvis.api.workflows import (
    Effect,
    LifeCycle,
    Role,
    TransitionRefused,
    available,
    history,
    life_cycles,
    move,
)
from parvis.config import ConfigError
from parvis.testing import paris_config_with

TICKETS = """
[ticket]
label = "Ticket"
initial = "new"

[[ticket.states]]
name = "new"
label = "New"
open = true

[[ticket.states]]
name = "done"
label = "Done"
final = true

[[ticket.transitions]]
name = "close"
from = ["new"]
to = "done"
roles = ["resident"]
label = "Close"
effects = ["lab.stamp"]
"""


@dataclass
class Ticket:
    id: int
    status: str = "new"
    stamped: bool = False


def lab_plugin(tmp_path, text: str = TICKETS):
    path = tmp_path / "lab-workflows.toml"
    path.write_text(text, encoding="utf-8")

    def stamp(made):
        made.subject.stamped = True

    cycle = LifeCycle(
        kind="lab.ticket",
        label="Tickets",
        file=path,
        roles={"resident": Role("Resident", lambda site, actor, ticket: actor.authenticated)},
        flags=("open",),
    )
    return types.SimpleNamespace(
        register_life_cycles=hookimpl(lambda site: [cycle]),
        register_workflow_effects=hookimpl(lambda site: [Effect("lab.stamp", stamp, "Stamp the ticket")]),
    )


@pytest.mark.hooks("register_life_cycles", "register_workflow_effects")
def test_a_plugin_declares_a_life_cycle_whose_moves_run_effects_and_are_recorded(make_site, tmp_path):
    site = make_site([], extra=(("lab", lab_plugin(tmp_path)),))
    declared = life_cycles(site)
    assert declared.workflow("lab.ticket").state("new").open
    assert not declared.workflow("lab.ticket").state("done").open
    ticket = Ticket(id=7)
    with site.session() as db:
        [(step, reason)] = available(db, site, "lab.ticket", ticket, None)
        assert (step.key, reason) == ("close", None)
        move(db, site, "lab.ticket", ticket, "close", actor=None, comment=" done ")
        assert (ticket.status, ticket.stamped) == ("done", True)
        [event] = history(db, "lab.ticket", ticket)
        assert (event.from_state, event.to_state, event.actor_id, event.actor_name, event.comment) == (
            "new",
            "done",
            None,
            "",
            "done",
        )
        with pytest.raises(TransitionRefused, match="cannot go from “Done” to “Done”"):
            move(db, site, "lab.ticket", ticket, "close", actor=None)
        db.rollback()


def test_a_workflow_naming_an_unknown_effect_stops_the_site(make_site, tmp_path):
    broken = TICKETS.replace('effects = ["lab.stamp"]', 'effects = ["lab.stomp"]')
    with pytest.raises(ConfigError, match=r"transitions\[0\]\.effects: unknown effect 'lab.stomp'"):
        make_site([], extra=(("lab", lab_plugin(tmp_path, broken)),))


def test_a_city_workflow_replaces_the_plugins_and_a_bad_one_is_refused_with_its_key(make_site, tmp_path):
    ours = TICKETS.replace("[ticket]", "[workflows.ticket]").replace("[[ticket.", "[[workflows.ticket.")
    ours = ours.replace('label = "Close"', 'label = "Close it"')
    site = make_site(
        [], extra=(("lab", lab_plugin(tmp_path)),), config_path=paris_config_with(tmp_path, ours)
    )
    assert life_cycles(site).workflow("lab.ticket").named("close").label == "Close it"
    wrong_role = ours.replace('roles = ["resident"]', 'roles = ["mayor"]')
    with pytest.raises(ConfigError) as refused:
        make_site(
            [], extra=(("lab", lab_plugin(tmp_path)),), config_path=paris_config_with(tmp_path, wrong_role)
        )
    assert refused.value.key == "workflows.ticket.transitions[0].roles"
    assert "unknown role 'mayor' (use resident)" in str(refused.value)
    wrong_flag = ours.replace("open = true", "opened = true")
    with pytest.raises(ConfigError, match=r"workflows\.ticket\.states\[0\]\.opened.*unknown flag"):
        make_site(
            [], extra=(("lab", lab_plugin(tmp_path)),), config_path=paris_config_with(tmp_path, wrong_flag)
        )


def test_a_city_workflow_no_life_cycle_has_is_refused(make_site, tmp_path):
    text = '[workflows.tickets]\nlabel = "T"\n'
    with pytest.raises(
        ConfigError, match=r"workflows\.tickets.*no life cycle has a workflow named 'tickets'"
    ):
        make_site([], config_path=paris_config_with(tmp_path, text))


def test_every_label_of_every_shipped_workflow_is_translated(make_site):
    """Labels are message ids: each plugin lists its TOML's labels for extraction (N_)."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    from parvis.api import default_localedir

    site = make_site(["assembly", "budget", "volunteers"])
    translated: dict[str, set[str]] = {}
    for locale in ("fr", "ja"):
        for po in Path(default_localedir()).glob(f"{locale}/LC_MESSAGES/*.po"):
            with po.open("rb") as handle:
                translated.setdefault(locale, set()).update(
                    m.id for m in read_po(handle) if m.id and m.string and not m.fuzzy
                )
    declared = life_cycles(site)
    assert {
        "decisions.decision",
        "volunteers.mission",
        "budget.idea",
        "budget.project",
        "assembly.draw",
    } <= set(declared.kinds)
    for kind, workflows in declared.workflows.items():
        labels = {
            label
            for workflow in workflows.values()
            for label in (
                workflow.label,
                *(s.label for s in workflow.states),
                *(t.label for t in workflow.transitions),
            )
        }
        labels |= {str(role.label) for role in declared.kinds[kind].roles.values()}
        for locale, known in translated.items():
            assert labels <= known, (kind, locale, sorted(labels - known))
