"""Every page answers in every language, guards hold, and bad input never gives a 500."""

import pytest

from parvis.plugins.volunteers.models import OrgRole

LANGS = ["fr", "en", "ja"]


@pytest.fixture
def world(db, site, make_mission, make_account, add_member, organisation):
    from datetime import UTC, datetime, timedelta

    from parvis.plugins.volunteers import campaigns, signup
    from parvis.plugins.volunteers.models import CampaignRole, VolunteerCampaign

    mission = make_mission("Repas", capacity=1)
    volunteer = make_account()
    signup.join(db, site, mission.slots[0].id, volunteer)
    night = datetime.now(UTC) + timedelta(days=20)
    campaign = VolunteerCampaign(
        slug="nuit", title="Nuit", charter="Charte", starts_at=night, ends_at=night + timedelta(hours=3)
    )
    db.add(campaign)
    db.flush()
    campaigns.sign_up(
        db, site, campaign, volunteer, role=CampaignRole.TEAM_LEADER, district="11", charter_accepted=True
    )
    db.commit()
    return mission


def public_pages(mission):
    return [
        "/volunteers",
        "/volunteers?view=map",
        "/volunteers/events",
        "/volunteers/organisations",
        "/volunteers/organisations/les-amis",
        f"/volunteers/missions/{mission.public_id}",
        "/volunteers/campaigns/nuit",
        "/",
    ]


def member_pages(mission):
    return [
        "/volunteers/organisations/les-amis/manage",
        "/volunteers/organisations/les-amis/edit",
        "/volunteers/organisations/les-amis/missions/new",
        f"/volunteers/missions/{mission.public_id}/edit",
        f"/volunteers/missions/{mission.public_id}/participants",
    ]


def official_pages():
    return [
        "/volunteers/moderation",
        "/volunteers/organisations/new",
        "/volunteers/campaigns/new",
        "/volunteers/campaigns/nuit/teams",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_pages_render_for_each_role(client, world, login_as, add_member, organisation, lang):
    for path in public_pages(world):
        response = client.get(f"/{lang}{path}")
        assert response.status_code == 200, path
    for path in member_pages(world) + official_pages() + ["/volunteers/me"]:
        assert client.get(f"/{lang}{path}", follow_redirects=False).status_code == 303, (
            path
        )  # to the login page
    member = login_as()
    assert client.get(f"/{lang}/volunteers/me").status_code == 200
    for path in member_pages(world) + official_pages():
        assert client.get(f"/{lang}{path}").status_code == 403, path
    add_member(organisation, member, OrgRole.ADMIN)
    for path in member_pages(world):
        assert client.get(f"/{lang}{path}").status_code == 200, path
    login_as("official")
    for path in official_pages() + member_pages(world):
        assert client.get(f"/{lang}{path}").status_code == 200, path


def test_home_panel_counts_open_missions(client, world):
    assert "1 mission open now." in client.get("/en/").text


def test_unknown_things_are_404_not_500(client, world, login_as):
    for path in [
        "/en/volunteers/missions/nope",
        "/en/volunteers/missions/nope/calendar.ics",
        "/en/volunteers/organisations/nope",
        "/en/volunteers/campaigns/nope",
    ]:
        assert client.get(path).status_code == 404, path
    login_as("official")
    assert client.post(f"/en/volunteers/missions/{world.public_id}/slots/999999/join").status_code == 404
    assert client.post("/en/volunteers/participations/999999/cancel").status_code == 404
    assert (
        client.post("/en/volunteers/participations/999999/decide", data={"decision": "validate"}).status_code
        == 404
    )
    assert client.get("/en/volunteers/missions/nope/participants").status_code == 404
    assert client.get(f"/en/volunteers/missions/{world.public_id}/participants?slot=abc").status_code == 400
    assert client.get("/en/volunteers/organisations/les-amis?page=abc").status_code == 400
    weird = client.post(
        f"/en/volunteers/missions/{world.public_id}/transition", data={"transition": "explode"}
    )
    assert weird.status_code == 200
    assert "not possible" in weird.text
    teams = client.post("/en/volunteers/campaigns/nuit/teams", data={"action": "add", "district": "mars"})
    assert teams.status_code == 200
    assert "Choose an arrondissement" in teams.text


def test_csrf_is_required(client, world, login_as):
    login_as()
    response = client.post(
        f"/en/volunteers/missions/{world.public_id}/slots/{world.slots[0].id}/join", csrf=False
    )
    assert response.status_code == 403


def test_signing_up_needs_a_confirmed_address(client, world, login_as):
    login_as(verified=False)
    for path in (
        f"/en/volunteers/missions/{world.public_id}/slots/{world.slots[0].id}/join",
        "/en/volunteers/campaigns/nuit/signup",
    ):
        response = client.post(path, data={"role": "volunteer", "district": "11", "charter": "1"})
        assert response.status_code == 403, path
        assert "Please confirm your e-mail address first" in response.text
        assert 'href="/en/account/email"' in response.text
