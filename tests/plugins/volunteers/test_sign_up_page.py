"""The mission page's sign-up (issue 18.4): the prerequisites box once for every date, a
cancellation that asks first and returns to "My missions", the confirmation focused."""

from __future__ import annotations

from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import MissionKind


def test_the_prerequisites_box_appears_once_for_every_date(client, make_mission, login_as):
    mission = make_mission(kind=MissionKind.RECURRING, weeks=3, prerequisites="Avoir 18 ans.")
    login_as()
    page = client.get(f"/en/volunteers/missions/{mission.public_id}").text
    assert page.count('name="prerequisites"') == 1
    assert page.count('form="join-form"') == len(mission.slots) > 1
    slot = mission.slots[1]
    refused = client.post(
        f"/en/volunteers/missions/{mission.public_id}/slots/{slot.id}/join", follow_redirects=True
    )
    assert "Please confirm that you meet the prerequisites" in refused.text
    joined = client.post(
        f"/en/volunteers/missions/{mission.public_id}/slots/{slot.id}/join",
        data={"prerequisites": "1"},
        follow_redirects=True,
    )
    assert "You are signed up. Thank you" in joined.text
    assert 'id="flash" tabindex="-1" data-focus' in joined.text  # parvis.js focuses it


def test_cancelling_asks_first_and_returns_to_my_missions(client, db, site, make_mission, login_as):
    mission = make_mission()
    account = login_as()
    participation = signup.join(db, site, mission.slots[0].id, account).participation
    db.commit()
    page = client.get(f"/en/volunteers/missions/{mission.public_id}").text
    confirm_path = f"/en/volunteers/participations/{participation.id}/cancel"
    assert f'href="{confirm_path}"' in page
    confirm = client.get(confirm_path)
    assert confirm.status_code == 200
    assert "Cancel your sign-up?" in confirm.text and mission.title in confirm.text
    done = client.post(confirm_path, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"].endswith("/en/volunteers/me")


def test_someone_else_cannot_open_the_confirmation(client, db, site, make_mission, make_account, login_as):
    mission = make_mission()
    participation = signup.join(db, site, mission.slots[0].id, make_account()).participation
    db.commit()
    login_as()
    assert client.get(f"/en/volunteers/participations/{participation.id}/cancel").status_code == 404
