"""No tally is visible anywhere while the vote is open: pages, API, exports, back office."""

from __future__ import annotations

import pytest

from parvis.plugins.budget.errors import ResultsNotPublished
from parvis.plugins.budget.services import results
from parvis.testing import login


@pytest.fixture
def open_vote(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    projects = [make_project(campaign, title=f"Projet secret {i}") for i in range(3)]
    login(client, voter())
    client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data={f"g-{projects[0].public_id}": "3"})
    client.cookies.clear()
    return campaign


def test_results_pages_say_when_results_come(client, open_vote):
    slug = open_vote.slug
    page = client.get(f"/en/budget/{slug}/results")
    assert page.status_code == 200
    assert "Results are published after the vote closes." in page.text
    assert "Rank" not in page.text
    detail = client.get(f"/en/budget/{slug}/results/city")
    assert "Results are published after the vote closes." in detail.text


@pytest.mark.parametrize("path", ["results", "counts/city", "ballots/city", "paper/city", "pabulib/city"])
def test_api_and_exports_refuse_while_open(client, open_vote, path):
    response = client.get(f"/api/budget/{open_vote.slug}/{path}", headers={"accept-language": "en"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Results are published after the vote closes."
    french = client.get(f"/api/budget/{open_vote.slug}/{path}", headers={"accept-language": "fr"})
    assert french.json()["detail"] == "Les résultats sont publiés après la clôture du vote."


def test_officials_cannot_count_or_publish_while_open(client, db, site, open_vote, login_as):
    with pytest.raises(ResultsNotPublished):
        results.compute(db, site, open_vote)
    with pytest.raises(ResultsNotPublished):
        results.publish(db, site, open_vote)
    login_as("official")
    dashboard = client.get(f"/en/admin/budget/{open_vote.slug}")
    assert dashboard.status_code == 200
    assert "Results can be published once the vote has closed." in dashboard.text
    assert client.post(f"/en/admin/budget/{open_vote.slug}/publish").status_code == 400
    assert client.get(f"/api/budget/{open_vote.slug}/results").status_code == 403


def test_campaign_list_api_shows_no_counts(client, open_vote):
    body = client.get("/api/budget/campaigns").json()
    assert body[0]["results_published"] is False
    assert "ballots" not in str(body).lower()
