"""Moving a decision, running its votes and recording its follow-up are in the audit log."""

from parvis.testing import audit_entries


def test_a_transition_leaves_one_entry_and_a_refused_one_none(client, db, make_decision, login_as):
    decision = make_decision("draft")
    official = login_as("official")
    base = f"/en/admin/decisions/{decision.public_id}"
    assert client.post(f"{base}/transition", data={"to": "validated"}).status_code == 409
    assert audit_entries(db) == []
    client.post(f"{base}/transition", data={"to": "withdrawn"})
    [entry] = audit_entries(db)
    assert (entry.action, entry.actor_id) == ("decisions.decision.transition", official.id)
    assert (entry.target_type, entry.target_id) == ("core_decision", decision.public_id)
    assert entry.details == {"to": "withdrawn"}


def test_the_follow_up_is_in_the_audit_log(client, db, make_decision, login_as):
    decision = make_decision("adopted")
    login_as("official")
    client.post(
        f"/en/admin/decisions/{decision.public_id}/follow-up",
        data={"status": "in_progress", "progress": "40"},
    )
    [entry] = audit_entries(db)
    assert (entry.action, entry.target_id) == ("decisions.followup.update", decision.public_id)
