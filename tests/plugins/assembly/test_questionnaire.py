"""The questionnaire: a code works once, even when two answers race; closed after the deadline."""

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from parvis.plugins.assembly.models import AssemblyInvitee, AssemblyResponse
from parvis.plugins.assembly.services import questionnaire, stats
from parvis.plugins.assembly.services.common import AssemblyError, college
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import run_concurrently

from .conftest import answers_for


def test_a_code_answers_once(db, site, lettered):
    made = lettered(count=10)
    rng = random.Random(1)
    response = questionnaire.submit(db, site, made[0].code.lower(), answers_for(site, rng), locale="ja")
    db.commit()
    assert response.locale == "ja"
    assert len(response.pool_id) == 12
    with pytest.raises(AssemblyError, match="already been used"):
        questionnaire.submit(db, site, made[0].code, answers_for(site, rng), locale="en")
    with pytest.raises(AssemblyError, match="not valid"):
        questionnaire.find_invitee(db, site, "ZZZZ-ZZZZ-ZZZZ-ZZZZ")


def test_qpop_comes_from_the_neighbourhood_and_must_be_in_the_district(db, site, lettered):
    made = lettered(count=3)
    rng = random.Random(2)
    qpop = next(n for n in site.config.neighbourhoods if n.qpop)
    response = questionnaire.submit(
        db,
        site,
        made[0].code,
        answers_for(site, rng, district=qpop.district, neighbourhood=qpop.code),
        locale="en",
    )
    assert response.qpop
    other = next(n for n in site.config.neighbourhoods if n.district != qpop.district)
    with pytest.raises(AssemblyError, match="not in the arrondissement chosen"):
        questionnaire.submit(
            db,
            site,
            made[1].code,
            answers_for(site, rng, district=qpop.district, neighbourhood=other.code),
            locale="en",
        )


def test_closed_after_the_deadline(db, site, promotion, lettered):
    made = lettered(count=2)
    promotion.questionnaire_closes_on = site.today() - timedelta(days=1)
    db.commit()
    with pytest.raises(AssemblyError, match="closed"):
        questionnaire.find_invitee(db, site, made[0].code)


def test_two_simultaneous_answers_with_one_code_leave_one_answer(db, site, lettered):
    made = lettered(count=2)
    code = made[0].code

    def answer(session) -> None:
        questionnaire.submit(session, site, code, answers_for(site, random.Random(3)), locale="en")

    answered, errors = run_concurrently(site, [answer, answer])
    # The code is used atomically: the second one sees it used.
    results = ["ok"] * len(answered) + [
        "refused" if isinstance(e, AssemblyError) else repr(e) for e in errors
    ]
    assert sorted(results) == ["ok", "refused"]
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(AssemblyResponse)) == 1
    assert db.scalar(select(AssemblyInvitee.code_used_at).where(AssemblyInvitee.id == made[0].invitee.id))


def test_response_rates_by_district(db, site, promotion, answered):
    made = answered(count=60, answers=15)
    rows, total = stats.rates_by_district(db, site, promotion, college(promotion.body, ROLL))
    assert total.invited == 60
    assert total.answered == 15
    assert sum(r.invited for r in rows) == 60
    assert total.rate == pytest.approx(0.25)
    assert {r.code for r in rows} >= {d.code for d in site.config.districts}
    assert len(made) == 60


def test_the_page_shows_no_form_once_closed(client, db, site, promotion, lettered):
    """Issue 18.4: after the deadline the questionnaire's page says it is closed, with no form."""
    lettered(count=1)
    open_page = client.get("/fr/assembly/questionnaire").text
    assert 'name="code"' in open_page
    promotion.questionnaire_closes_on = site.today() - timedelta(days=1)
    promotion.young_form_closes_on = site.today() - timedelta(days=1)
    db.commit()
    closed = client.get("/en/assembly/questionnaire")
    assert closed.status_code == 200
    assert "The questionnaire is closed" in closed.text
    assert 'name="code"' not in closed.text and "<form" not in closed.text.split("<main", 1)[1]
