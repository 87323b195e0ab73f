"""The Assembly's draws are in the audit log, one entry per step, from the official's request."""

from parvis.plugins.assembly.services import common, draws
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import audit_entries, login


def test_announcing_running_and_publishing_a_draw(client, db, promotion, answered, make_account, run_jobs):
    answered(count=150, answers=120)
    official = make_account("official")
    login(client, official)
    base = f"/en/admin/assembly/{promotion.public_id}"
    when = {
        "scheduled_at": "2030-07-01T18:00",
        "place": "Hôtel de Ville",
        "randomness_source": "EuroMillions",
    }
    client.post(f"{base}/colleges/roll/draw", data=when)
    draw = draws.draw_for(db, promotion, common.college(promotion.body, ROLL))
    client.post(f"{base}/draws/{draw.public_id}/publish")  # refused: not drawn yet
    client.post(f"{base}/draws/{draw.public_id}/run", data={"public_inputs": "2030-06-27 EuroMillions 1 2 3"})
    run_jobs()
    client.post(f"{base}/draws/{draw.public_id}/publish")
    entries = audit_entries(db)
    assert [e.action for e in entries] == [
        "assembly.draw.announce",
        "assembly.draw.run",
        "assembly.draw.publish",
    ]
    assert {(e.target_type, e.target_id, e.actor_id) for e in entries} == {
        ("assembly_draw", draw.public_id, official.id)
    }
    assert entries[-1].details == {"college": ROLL}
    assert entries[1].details["job"]  # the draw ran as a background job
