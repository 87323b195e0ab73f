"""Paper voting: ballot boxes with schedules, double entry by two officials, mismatches block
publication, a box never reports more ballots than signatures, paper and online combined."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from parvis.auth import load_actor
from parvis.db import utcnow
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import BoxKind, PaperReport, ResultProject
from parvis.plugins.budget.services import paper, results
from parvis.testing import login

from .helpers import store_ballots


@pytest.fixture
def closed(db, make_campaign, make_project):
    campaign = make_campaign("closed")
    city = [make_project(campaign, title=f"Ville {i}") for i in range(2)]
    district = [make_project(campaign, "11", title="Square du 11e")]
    return campaign, city, district


def report(city, district, *, signatures=10, city_ballots=8, district_ballots=6, boost=0):
    counts = {(city[0].id, 3): 5 + boost, (city[0].id, 2): 2, (city[1].id, 1): 4, (district[0].id, 3): 6}
    return paper.ReportInput(signatures, city_ballots, district_ballots, counts)


def test_boxes_and_their_schedule(db, site, closed):
    campaign, _city, _district = closed
    box = paper.create_box(db, site, campaign, name="Urne mobile", kind=BoxKind.MOBILE, district="11")
    now = utcnow()
    paper.add_stop(db, box, place="Marché Bastille", starts_at=now, ends_at=now + timedelta(hours=4))
    paper.add_stop(
        db,
        box,
        place="Place Léon-Blum",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=3),
    )
    assert [s.place for s in box.stops] == ["Marché Bastille", "Place Léon-Blum"]
    fixed = paper.create_box(db, site, campaign, name="Mairie du 11e", kind=BoxKind.FIXED, district="11")
    paper.add_stop(db, fixed, place="Mairie", starts_at=now, ends_at=now + timedelta(days=20))
    with pytest.raises(BudgetRefused):
        paper.add_stop(db, fixed, place="Ailleurs", starts_at=now, ends_at=now + timedelta(days=1))
    with pytest.raises(BudgetRefused):
        paper.add_stop(db, box, place="Backwards", starts_at=now, ends_at=now - timedelta(hours=1))
    with pytest.raises(BudgetRefused):
        paper.create_box(db, site, campaign, name="Nowhere", kind=BoxKind.FIXED, district="99")


def test_double_entry_by_two_different_officials(db, site, closed, make_account):
    campaign, city, district = closed
    box = paper.create_box(db, site, campaign, name="Mairie du 11e", kind=BoxKind.FIXED, district="11")
    first, second, third = (load_actor(db, make_account("official")) for _ in range(3))
    paper.enter_report(db, campaign, box, first, report(city, district))
    assert paper.compare(box).status == "waiting"
    assert paper.unresolved_boxes(db, campaign)
    # The same official entering again replaces their own entry: still one entry.
    paper.enter_report(db, campaign, box, first, report(city, district))
    assert len(box.reports) == 1
    paper.enter_report(db, campaign, box, second, report(city, district, boost=1))
    state = paper.compare(box)
    assert state.status == "mismatch"
    assert state.differences == ["1 project counts differ."]
    with pytest.raises(BudgetRefused, match="still need two matching entries"):
        results.publish(db, site, campaign)
    with pytest.raises(BudgetRefused, match="Two officials"):
        paper.enter_report(db, campaign, box, third, report(city, district))
    paper.enter_report(db, campaign, box, second, report(city, district))
    assert paper.compare(box).status == "agreed"
    assert paper.unresolved_boxes(db, campaign) == []


def test_a_box_cannot_report_more_ballots_than_signatures(db, site, closed, make_account):
    campaign, city, district = closed
    box = paper.create_box(db, site, campaign, name="Mairie", kind=BoxKind.FIXED, district="11")
    official = load_actor(db, make_account("official"))
    with pytest.raises(BudgetRefused, match="more ballots than signatures"):
        paper.enter_report(db, campaign, box, official, report(city, district, signatures=5))
    with pytest.raises(BudgetRefused, match="add up to more"):
        paper.enter_report(db, campaign, box, official, report(city, district, city_ballots=6))
    # The database refuses it too, whatever the code path.
    db.add(
        PaperReport(
            box_id=box.id,
            slot=1,
            entered_by_id=official.account.id,
            signatures=3,
            city_ballots=4,
            district_ballots=0,
        )
    )
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_database_allows_two_entries_only_by_two_people(db, site, closed, make_account):
    campaign, _city, _district = closed
    box = paper.create_box(db, site, campaign, name="Mairie", kind=BoxKind.FIXED, district="11")
    db.commit()
    a, b, c = (make_account("official") for _ in range(3))
    db.add(
        PaperReport(
            box_id=box.id, slot=1, entered_by_id=a.id, signatures=1, city_ballots=1, district_ballots=1
        )
    )
    db.commit()
    for slot, account in ((2, a), (1, b), (3, c)):
        db.add(
            PaperReport(
                box_id=box.id,
                slot=slot,
                entered_by_id=account.id,
                signatures=1,
                city_ballots=1,
                district_ballots=1,
            )
        )
        with pytest.raises(IntegrityError):
            db.flush()
        db.rollback()


def test_counts_are_entered_only_after_the_vote(db, site, make_campaign, make_project, make_account):
    campaign = make_campaign("vote")
    project = make_project(campaign)
    box = paper.create_box(db, site, campaign, name="Mairie", kind=BoxKind.FIXED, district="11")
    with pytest.raises(BudgetRefused, match="once the vote has closed"):
        paper.enter_report(
            db,
            campaign,
            box,
            load_actor(db, make_account("official")),
            paper.ReportInput(1, 1, 0, {(project.id, 3): 1}),
        )


def test_paper_and_online_combine_and_show_per_channel(client, db, site, closed, make_account):
    campaign, city, district = closed
    store_ballots(db, campaign, "city", [[3, 0], [0, 3], [1, 1]])
    store_ballots(db, campaign, "11", [[2], [2]])
    box = paper.create_box(db, site, campaign, name="Mairie du 11e", kind=BoxKind.FIXED, district="11")
    db.commit()
    # Both officials enter the count through the pages.
    for _ in range(2):
        client.cookies.clear()
        login(client, make_account("official"))
        form = client.get(f"/en/admin/budget/{campaign.slug}/boxes/{box.public_id}/count")
        assert form.status_code == 200
        data = {"signatures": "10", "city_ballots": "8", "district_ballots": "6"}
        data.update(
            {
                f"c-{city[0].id}-3": "5",
                f"c-{city[0].id}-2": "2",
                f"c-{city[1].id}-1": "4",
                f"c-{district[0].id}-3": "6",
            }
        )
        saved = client.post(
            f"/en/admin/budget/{campaign.slug}/boxes/{box.public_id}/count", data=data, follow_redirects=False
        )
        assert saved.status_code == 303, saved.text[:3000]
    assert client.post(f"/en/admin/budget/{campaign.slug}/publish", follow_redirects=False).status_code == 303
    rows = {r.project_id: r for r in db.query(ResultProject)}
    assert rows[city[0].id].online == [1, 1, 0, 1]
    assert rows[city[0].id].paper == [1, 0, 2, 5]
    assert rows[city[1].id].paper == [4, 4, 0, 0]
    assert rows[district[0].id].online == [0, 0, 2, 0]
    assert rows[district[0].id].paper == [0, 0, 0, 6]
    page = client.get(f"/en/budget/{campaign.slug}/results")
    assert page.status_code == 200
    assert "On paper" in page.text
    detail = client.get(f"/en/budget/{campaign.slug}/results/city")
    assert "1 + 5" in detail.text  # best grade of Ville 0: one online, five on paper


def test_bad_count_input_rerenders_with_errors(client, db, site, closed, login_as):
    campaign, city, _district = closed
    box = paper.create_box(db, site, campaign, name="Mairie", kind=BoxKind.FIXED, district="11")
    db.commit()
    login_as("official")
    data = {"signatures": "abc", "city_ballots": "2", "district_ballots": "1", f"c-{city[0].id}-3": "-4"}
    response = client.post(f"/en/admin/budget/{campaign.slug}/boxes/{box.public_id}/count", data=data)
    assert response.status_code == 400
    assert "Enter a whole number." in response.text
    data = {"signatures": "1", "city_ballots": "2", "district_ballots": "1"}
    response = client.post(f"/en/admin/budget/{campaign.slug}/boxes/{box.public_id}/count", data=data)
    assert response.status_code == 400
    assert "more ballots than signatures" in response.text
