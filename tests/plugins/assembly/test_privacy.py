"""Privacy: the purge after the draw keeps counts and the published pool, deletes the rest;
officials' views of personal answers are logged."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from parvis.audit import AuditEvent
from parvis.plugins.assembly.models import AssemblyInvitee, AssemblyResponse
from parvis.plugins.assembly.services import draws, privacy, seats, stats
from parvis.plugins.assembly.services.common import AssemblyError, college
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import login


def test_purge_keeps_aggregates_reserve_and_pool_hash(db, site, promotion, official, answered):
    answered(count=150, answers=120)
    a = college(promotion.body, ROLL)
    with pytest.raises(AssemblyError, match="after the draw"):
        privacy.purge(db, site, promotion, a)
    before_rows, before_total = stats.rates_by_district(db, site, promotion, a)
    draw = draws.prepare(
        db, site, promotion, a, actor=official, scheduled_at=datetime(2030, 7, 1, tzinfo=UTC)
    )
    draws.run(db, site, draw, ["x"], actor=official)
    db.commit()
    record = draws.record_of(draw)
    deleted = privacy.purge(db, site, promotion, a)
    db.commit()
    kept = set(db.scalars(select(AssemblyResponse.pool_id)))
    assert kept == set(record.reserve)  # the drawn are members now; the reserve waits for vacancies
    assert deleted["answers"] == 120 - len(record.reserve)
    assert db.scalar(select(func.count()).select_from(AssemblyInvitee)) == len(record.reserve)
    after_rows, after_total = stats.rates_by_district(db, site, promotion, a)
    assert (after_total.invited, after_total.answered) == (before_total.invited, before_total.answered)
    assert after_rows == before_rows
    found = stats.counts(db, promotion, a)
    assert found[("selected", "all", "all")] == 20
    assert found[("pool", "all", "all")] == 120
    assert draws.pool_of(draw).sha256 == draw.pool_sha256  # the published pool stays verifiable
    assert draws.verify(draw, recompute=False).ok
    privacy.purge(db, site, promotion, a, include_reserve=True)
    db.commit()
    assert privacy.personal_rows_left(db, promotion, a) == 0
    assert len(seats.seats_of(db, promotion, a)) == 20  # members keep their seats


def test_viewing_answers_is_logged(client, db, site, promotion, answered, make_account):
    answered(count=20, answers=5)
    official = make_account("official", email="viewer@example.org", given_name="Vera", family_name="Viewer")
    login(client, official)
    page = client.get(f"/en/admin/assembly/{promotion.public_id}/colleges/roll/answers")
    assert page.status_code == 200
    assert "recorded in the access log" in page.text
    row = db.scalar(select(AuditEvent))
    assert row.actor_id == official.id
    assert row.action == "assembly.personal_data.answers"
    assert row.target_id == promotion.public_id
    assert row.address == "testclient"
    assert row.records == 5
    log = client.get(f"/en/admin/assembly/{promotion.public_id}/privacy")
    assert "Vera Viewer" in log.text


def test_the_questionnaire_states_purpose_and_retention(client):
    page = client.get("/en/assembly/questionnaire")
    assert "Purpose:" in page.text
    assert "deleted" in page.text
