"""Calls for applications and applications move through workflows as data: the engine records
every move, refuses an illegal one with its translated reason, and a city's [workflows.council_call]
adds a step officials take on the call's page before the draw."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest
from sqlalchemy import select

from parvis import i18n
from parvis.councils import applications as apps
from parvis.councils import draws, referrals
from parvis.councils.announcements import announce_open_calls
from parvis.councils.lifecycle import APPLICATION, CALL, FILE, LABELS, REFERRAL
from parvis.councils.models import ApplicationStatus, Call, CallStatus, Referral
from parvis.testing import paris_config_with
from parvis.workflows import TransitionRefused, history, life_cycles, move

from .conftest import SAMPLE

LOTTERY = "2026-11-20 EuroMillions 5 17 23 38 44 * 3 11"


def moves(db, kind, subject) -> list[tuple[str | None, str, str]]:
    return [(e.from_state, e.to_state, e.transition) for e in history(db, kind, subject)]


def test_a_call_is_announced_then_drawn_and_every_move_is_recorded(
    db, site, call, applicant, official, today
):
    assert call.status == CallStatus.SCHEDULED
    applied = [apps.apply(db, site, SAMPLE, call, applicant().person, today=today) for _ in range(4)]
    apps.review(db, applied[0], official, admissible=True)
    apps.review(db, applied[1], official, admissible=False, note="Pièce manquante")
    announce_open_calls(db, site)
    assert call.status == CallStatus.ANNOUNCED
    call.opens_on, call.closes_on = today - timedelta(days=20), today - timedelta(days=1)  # closed
    db.commit()
    draws.run_draw(db, site, SAMPLE, call, public_inputs=[LOTTERY], actor=official)
    db.commit()
    assert call.status == CallStatus.DRAWN
    assert moves(db, CALL, call) == [("scheduled", "announced", "announce"), ("announced", "drawn", "draw")]
    [announced, drawn] = history(db, CALL, call)
    assert (announced.actor_id, drawn.actor_id) == (None, official.account.id)
    assert moves(db, APPLICATION, applied[1]) == [("submitted", "rejected", "reject")]
    assert history(db, APPLICATION, applied[1])[0].comment == "Pièce manquante"
    # Checked, or received when the council asks for no check: all three enter the sample's draw.
    assert (
        sorted(a.status for a in applied if a.status != ApplicationStatus.REJECTED)
        == [ApplicationStatus.DRAWN] * 3
    )


def test_a_second_draw_is_refused_by_the_engine_in_the_persons_language(
    db, site, closed_call, applicant, official, today
):
    for _ in range(2):
        db.add(apps.Application(call_id=closed_call.id, person_id=applicant().person_id))
    db.commit()
    draws.run_draw(db, site, SAMPLE, closed_call, public_inputs=[LOTTERY], actor=official)
    db.commit()
    with pytest.raises(TransitionRefused) as refused:
        move(db, site, CALL, closed_call, "draw", actor=official)
    assert refused.value.message == "This is not possible while the call is “Seats drawn”."
    token = i18n.current_locale.set("fr")
    try:
        with pytest.raises(TransitionRefused) as en_francais:
            move(db, site, CALL, closed_call, "draw", actor=official)
    finally:
        i18n.current_locale.reset(token)
    assert (
        en_francais.value.message
        == "Ce n’est pas possible tant que l’appel est «\u202fSièges tirés au sort\u202f»."
    )
    assert len(history(db, CALL, closed_call)) == 1


def test_withdrawing_and_applying_again_are_moves_of_the_applicant(db, site, call, applicant, today):
    account = applicant()
    application = apps.apply(db, site, SAMPLE, call, account.person, today=today)
    apps.withdraw(db, application)
    again = apps.apply(db, site, SAMPLE, call, account.person, today=today)
    assert again.id == application.id
    assert again.status == ApplicationStatus.SUBMITTED
    assert moves(db, APPLICATION, application) == [
        ("submitted", "withdrawn", "withdraw"),
        ("withdrawn", "submitted", "reapply"),
    ]


# The default call workflow under the city's key, with a check of the pool the draw waits for.
CITY_CALL = (
    FILE.read_text(encoding="utf-8")
    .split("[council_application]")[0]
    .replace("[council_call]", "[workflows.council_call]")
    .replace("[[council_call.", "[[workflows.council_call.")
    .replace('from = ["scheduled", "announced"]\nto = "drawn"', 'from = ["checked"]\nto = "drawn"')
    + """
[[workflows.council_call.states]]
name = "checked"
label = "Pool checked"

[[workflows.council_call.transitions]]
name = "check"
from = ["scheduled", "announced"]
to = "checked"
roles = ["official"]
label = "Confirm the pool is checked"
"""
)


class TestACityAddsACheckBeforeTheDraw:
    @pytest.fixture
    def parvis_config(self, tmp_path_factory) -> str:
        return paris_config_with(tmp_path_factory.getbasetemp(), CITY_CALL, "city-calls.toml")

    def test_the_draw_waits_for_the_added_step(
        self, client, db, site, body, closed_call, applicant, login_as, run_jobs
    ):
        assert life_cycles(site).workflow(CALL).next_states("scheduled") == ["announced", "checked"]
        for _ in range(3):
            db.add(apps.Application(call_id=closed_call.id, person_id=applicant().person_id))
        db.commit()
        official = login_as("official")
        base = f"/en/admin/bodies/{body.slug}/calls/{closed_call.public_id}"
        page = client.get(base)
        assert 'value="check"' in page.text
        assert "Open between its dates" in page.text
        refused = client.post(f"{base}/draw", data={"public_inputs": LOTTERY})
        assert refused.status_code == 400
        assert "This is not possible while the call is “Open between its dates”." in refused.text
        client.post(f"{base}/step", data={"step": "check"})
        db.expire_all()
        # A state the enum does not know is stored and read back by its name.
        assert db.scalar(select(Call.status).where(Call.id == closed_call.id)) == "checked"
        assert "Pool checked" in client.get(base).text
        client.post(f"{base}/draw", data={"public_inputs": LOTTERY})
        run_jobs()
        db.expire_all()
        drawn = db.get(Call, closed_call.id)
        assert drawn.status == CallStatus.DRAWN
        assert moves(db, CALL, drawn) == [("scheduled", "checked", "check"), ("checked", "drawn", "draw")]
        assert {e.actor_id for e in history(db, CALL, drawn)} == {official.id}
        assert client.post(f"{base}/step", data={"step": "draw"}).status_code == 400


def test_every_label_of_the_councils_workflows_is_extracted_for_translation():
    data = tomllib.loads(FILE.read_text(encoding="utf-8"))
    used = {w["label"] for w in data.values()}
    for workflow in data.values():
        used |= {s["label"] for s in workflow["states"]} | {t["label"] for t in workflow["transitions"]}
    assert used <= set(LABELS)


def test_a_referral_moves_through_its_workflow_from_the_register(client, db, body, login_as, today):
    referral = referrals.add_referral(db, body, origin="mayor", title="Santé", received_on=today)
    db.commit()
    official = login_as("official")
    path = f"/en/admin/bodies/{body.slug}/referrals/{referral.public_id}"
    client.post(path, data={"status": "in_progress"})
    client.post(path, data={"status": "in_progress"})  # unchanged: no move
    client.post(path, data={"status": "closed"})
    db.expire_all()
    moved = db.get(Referral, referral.id)
    assert moves(db, REFERRAL, moved) == [
        ("received", "in_progress", "in_progress"),
        ("in_progress", "closed", "closed"),
    ]
    assert {e.actor_id for e in history(db, REFERRAL, moved)} == {official.id}
    assert "Closed without an answer" in client.get(f"/en/bodies/{body.slug}/referrals").text
