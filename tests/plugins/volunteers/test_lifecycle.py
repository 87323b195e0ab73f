"""A mission's life cycle is configuration: a city's [workflows.mission] adds states and moves; the
engine refuses a role not allowed in the person's language and records every move."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from parvis.api import load_actor, use_locale
from parvis.api.workflows import TransitionRefused, history, life_cycles, move
from parvis.plugins.volunteers.lifecycle import FILE, MISSION
from parvis.plugins.volunteers.models import Mission, MissionStatus
from parvis.testing import paris_config_with

# The plugin's own workflow under the city's key, plus a pause: published ⇄ on hold.
CITY_MISSION = (
    FILE.read_text(encoding="utf-8")
    .replace("[mission]", "[workflows.mission]")
    .replace("[[mission.", "[[workflows.mission.")
    + """
[[workflows.mission.states]]
name = "on_hold"
label = "On hold"

[[workflows.mission.transitions]]
name = "hold"
from = ["published"]
to = "on_hold"
roles = ["organiser"]
label = "Put on hold"

[[workflows.mission.transitions]]
name = "resume"
from = ["on_hold"]
to = "published"
roles = ["organiser", "official"]
label = "Resume"
"""
)


class TestACityChangesTheMissionLifeCycle:
    @pytest.fixture
    def parvis_config(self, tmp_path_factory) -> str:
        return paris_config_with(tmp_path_factory.getbasetemp(), CITY_MISSION, "city-missions.toml")

    def test_the_added_state_and_moves_take_effect(
        self, client, db, site, make_mission, organisation, login_as, add_member
    ):
        workflow = life_cycles(site).workflow(MISSION)
        assert workflow.state("on_hold") is not None
        assert workflow.next_states("published") == ["completed", "cancelled", "on_hold"]
        mission = make_mission()
        organiser = login_as()
        add_member(organisation, organiser)
        page = client.get(f"/en/volunteers/missions/{mission.public_id}")
        assert 'value="hold"' in page.text
        client.post(f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "hold"})
        db.expire_all()
        assert db.scalar(select(Mission.status).where(Mission.id == mission.id)) == "on_hold"
        # A state the enum does not know is stored and read back by its name.
        assert db.get(Mission, mission.id).status == "on_hold"
        held = client.get(f"/en/volunteers/missions/{mission.public_id}")
        assert "On hold" in held.text
        assert 'value="resume"' in held.text
        client.post(f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "resume"})
        db.expire_all()
        assert db.get(Mission, mission.id).status == MissionStatus.PUBLISHED
        assert [(e.from_state, e.to_state) for e in history(db, MISSION, mission)] == [
            ("published", "on_hold"),
            ("on_hold", "published"),
        ]


def test_a_role_not_allowed_is_refused_with_a_translated_message(db, site, make_mission, make_account):
    mission = make_mission(status=MissionStatus.PENDING)
    resident = load_actor(db, make_account())
    with pytest.raises(TransitionRefused) as refused:
        move(db, site, MISSION, mission, "publish", actor=resident)
    assert refused.value.message == "Only these roles may do this: City official."
    assert refused.value.status_code == 403
    with use_locale("fr"), pytest.raises(TransitionRefused) as en_francais:
        move(db, site, MISSION, mission, "publish", actor=resident)
    assert en_francais.value.message == "Seuls ces rôles peuvent le faire\u202f: Agent·e de la Ville."
    assert mission.status == MissionStatus.PENDING
    assert history(db, MISSION, mission) == []


def test_every_move_is_recorded_with_who_when_and_the_comment(
    client, db, site, make_mission, login_as, clock
):
    mission = make_mission(status=MissionStatus.PENDING)
    official = login_as("official")
    path = f"/en/volunteers/missions/{mission.public_id}/transition"
    client.post(path, data={"transition": "return", "note": "Précisez le lieu."})
    db.expire_all()
    [returned] = history(db, MISSION, mission)
    assert (returned.from_state, returned.to_state, returned.transition) == ("pending", "draft", "return")
    assert (returned.actor_id, returned.actor_name) == (official.id, official.display_name)
    assert returned.comment == "Précisez le lieu."
    assert returned.at == site.now()
    assert returned.workflow == "mission"
