"""Publishing and moderating missions and exporting their participants are in the audit log."""

from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import MissionStatus
from parvis.testing import audit_entries


def test_publishing_a_mission_leaves_one_entry(client, db, make_mission, login_as):
    mission = make_mission(status=MissionStatus.PENDING)
    official = login_as("official")
    path = f"/en/volunteers/missions/{mission.public_id}/transition"
    client.post(path, data={"transition": "return", "note": ""})  # refused: a note is needed
    client.post(path, data={"transition": "publish"})
    [entry] = audit_entries(db)
    assert (entry.action, entry.actor_id) == ("volunteers.mission.publish", official.id)
    assert (entry.target_type, entry.target_id) == ("volunteers_mission", mission.public_id)


def test_hiding_a_mission_leaves_one_entry(client, db, make_mission, login_as):
    mission = make_mission()
    login_as("moderator")
    ref = f"volunteers.mission:{mission.public_id}"
    client.post("/en/admin/moderation/decide", data={"ref": ref, "decision": "nothing", "reason": "x"})
    client.post("/en/admin/moderation/decide", data={"ref": ref, "decision": "hide", "reason": "Spam"})
    [entry] = audit_entries(db)
    assert (entry.action, entry.target_id) == ("moderation.hide", mission.public_id)


def test_the_participants_export_counts_the_people_in_it(
    client, db, site, organisation, make_mission, make_account, login_as, add_member
):
    mission = make_mission(capacity=5)
    slot_id = mission.slots[0].id
    for _ in range(3):
        signup.join(db, site, slot_id, make_account())
    db.commit()
    add_member(organisation, login_as())
    client.get(f"/en/volunteers/missions/{mission.public_id}/participants.csv")
    [entry] = audit_entries(db)
    assert (entry.action, entry.target_id, entry.records) == (
        "volunteers.participants.export",
        mission.public_id,
        3,
    )
    assert entry.details == {"slot": slot_id}
