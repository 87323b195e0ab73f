"""Published results stay readable when the plugin of their counting rule is removed: the pages
render from the campaign's frozen description of the rule, with a notice; what needs the rule
itself (casting a ballot) is refused, never a 500."""

from __future__ import annotations

from parvis.plugins.budget.ballot_rules import available_rules
from parvis.plugins.budget.models import Campaign
from parvis.plugins.budget.services import campaigns, exports, projects, results
from parvis.testing import login

from . import rule_plugin
from .conftest import phases_for
from .helpers import store_ballots


def published_with_plugin(make_site, slug, phase="closed"):
    with_plugin = make_site(extra=[("scorecity", rule_plugin)])
    with with_plugin.session() as session:
        campaign = campaigns.create_campaign(
            session,
            with_plugin,
            slug=slug,
            year=2026,
            title=slug,
            total=100_00,
            citywide=100_00,
            phases=phases_for(phase),
        )
        campaigns.set_rule(session, with_plugin, campaign, "score_sum")
        campaign.qpop_mode = "none"
        campaigns.build_envelopes(with_plugin, campaign)
        for n, cost in enumerate([60_00, 50_00]):
            data = projects.ProjectInput(f"Kept {n}", "", "city", "environment", cost=cost)
            project = projects.create_project(session, with_plugin, campaign, data)
            projects.put_on_ballot(session, project)
        session.commit()
        if phase == "closed":
            store_ballots(session, campaign, "city", [[3, 9], [4, 8]])
            results.publish(session, with_plugin, campaign)
        session.commit()
        return campaign.id


def test_results_render_from_the_frozen_description(make_site, site, db, client):
    campaign_id = published_with_plugin(make_site, "gone")
    assert "score_sum" not in available_rules(site)  # the test's site has no such plugin
    campaign = db.get(Campaign, campaign_id)
    for lang, notice in (("en", "no longer installed"), ("fr", "n’est plus installée")):
        page = client.get(f"/{lang}/budget/gone/results/city")
        assert page.status_code == 200, page.text
        assert notice in page.text
    page = client.get("/en/budget/gone/results/city")
    assert "Average score" in page.text and "Sum of scores" in page.text
    assert "Majority grade" not in page.text
    assert client.get("/fr/budget/gone/results/city").text.count("Somme des notes") >= 1
    assert client.get("/en/budget/gone/results").status_code == 200
    document = exports.counts_document(db, site, campaign, "city")
    assert document["grades"] == [str(v) for v in range(11)]
    assert sorted(f["points"] for f in document["figures"]) == [7, 17]


def test_voting_under_a_removed_rule_is_refused_not_a_crash(make_site, client, voter):
    published_with_plugin(make_site, "gone-vote", phase="vote")
    login(client, voter())
    page = client.get("/en/budget/gone-vote/vote/city")
    assert page.status_code == 409
    assert "is no longer installed" in page.text
