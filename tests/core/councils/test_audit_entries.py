"""A council's draw and the review of applications are in the audit log (the youth council and
the Council of Europeans draw through these routes)."""

from parvis.councils import applications as apps
from parvis.testing import audit_entries

LOTTERY = "2026-11-20 Loto 3 14 27 33 41 * 6"


def test_the_draw_leaves_one_entry(client, db, body, closed_call, applicant, login_as):
    for _ in range(3):
        db.add(apps.Application(call_id=closed_call.id, person_id=applicant().person_id))
    db.commit()
    official = login_as("official")
    base = f"/en/admin/bodies/{body.slug}/calls/{closed_call.public_id}"
    assert client.post(f"{base}/draw", data={"public_inputs": ""}).status_code == 400
    assert audit_entries(db) == []
    client.post(f"{base}/draw", data={"public_inputs": LOTTERY})
    client.post(f"{base}/draw", data={"public_inputs": LOTTERY})  # refused: already drawn
    [entry] = audit_entries(db)
    assert (entry.action, entry.actor_id) == ("councils.draw.run", official.id)
    assert (entry.target_type, entry.target_id) == ("core_council_call", closed_call.public_id)
    assert entry.details == {"body": body.slug}


def test_reviewing_an_application_leaves_one_entry(client, db, body, call, applicant, login_as):
    application = apps.Application(call_id=call.id, person_id=applicant().person_id)
    db.add(application)
    db.commit()
    login_as("official")
    path = f"/en/admin/bodies/{body.slug}/calls/{call.public_id}/applications/{application.public_id}"
    client.post(path, data={"decision": "reject", "note": "Incomplete"})
    [entry] = audit_entries(db)
    assert (entry.action, entry.target_id, entry.details) == (
        "councils.application.review",
        application.public_id,
        {"decision": "reject"},
    )
