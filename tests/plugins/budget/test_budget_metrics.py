"""A stored ballot is counted for Prometheus (``parvis_ballots_cast_total``); a refused one is not."""

from prometheus_client import REGISTRY

from parvis.testing import login


def ballots_counted():
    return REGISTRY.get_sample_value("parvis_ballots_cast_total", {"plugin": "budget"}) or 0.0


def test_each_stored_ballot_is_counted_once(client, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    project = make_project(campaign)
    login(client, voter())
    before = ballots_counted()
    url = f"/en/budget/{campaign.slug}/vote/city/cast"
    assert client.post(url, data={f"g-{project.public_id}": "2"}).status_code == 200
    assert client.post(url, data={f"g-{project.public_id}": "1"}).status_code == 409  # already voted
    assert ballots_counted() - before == 1
