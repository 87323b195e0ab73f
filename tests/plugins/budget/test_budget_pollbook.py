"""One person votes online or on paper, not both: the budget marks core's poll book."""

from __future__ import annotations

from datetime import date

import pytest

from parvis.auth import load_actor
from parvis.db import utcnow
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import BoxKind
from parvis.plugins.budget.services import paper
from parvis.plugins.budget.services.voting import cast_ballot


@pytest.fixture
def open_vote(db, site, make_campaign, make_project):
    campaign = make_campaign("vote")
    make_project(campaign)
    make_project(campaign, "11")
    box = paper.create_box(db, site, campaign, name="Mairie du 11e", kind=BoxKind.FIXED, district="11")
    db.commit()
    return campaign, box


def test_online_then_paper_is_refused(db, site, open_vote, voter, make_account):
    campaign, box = open_vote
    resident = voter()
    cast_ballot(db, site, campaign, resident.person, "city", grades=[2])
    cast_ballot(db, site, campaign, resident.person, "11", grades=[1])  # both ballots online: fine
    db.commit()
    clerk = load_actor(db, make_account("official"))
    with pytest.raises(BudgetRefused, match="Online"):
        paper.sign_register(db, campaign, box, resident.person, clerk, now=utcnow())


def test_paper_then_online_is_refused(db, site, open_vote, voter, make_account):
    campaign, box = open_vote
    resident = voter()
    clerk = load_actor(db, make_account("official"))
    paper.sign_register(db, campaign, box, resident.person, clerk, now=utcnow())
    db.commit()
    with pytest.raises(BudgetRefused, match="paper"):
        cast_ballot(db, site, campaign, resident.person, "city", grades=[2])
    db.rollback()
    with pytest.raises(BudgetRefused, match="by"):
        paper.sign_register(db, campaign, box, resident.person, clerk, now=utcnow())


def test_the_register_page_marks_a_resident_once(client, db, site, open_vote, voter, login_as):
    campaign, box = open_vote
    resident = voter(family_name="Martin", birth_date=date(1970, 1, 2))
    login_as("official")
    path = f"/en/admin/budget/{campaign.slug}/boxes/{box.public_id}"
    assert "Mark as having voted" in client.get(path).text
    data = {"family_name": "martin", "birth_date": "1970-01-02"}
    response = client.post(f"{path}/register", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    again = client.post(f"{path}/register", data=data)
    assert again.status_code == 409
    assert "Already marked" in again.text
    db.expire_all()
    with pytest.raises(BudgetRefused):
        cast_ballot(db, site, campaign, resident.person, "city", grades=[2])
