"""Budget extension points, used from a rule plugin written outside the budget plugin
(``rule_plugin.py``): its own ballot kinds online and on paper, a ballot check through the
``validate_budget_ballot`` hook, results presented by the rule, ``parvis budget rank --rule`` and
the rule's frozen description."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from parvis.auth import load_actor
from parvis.cli import Context, cli
from parvis.plugins.budget.models import Ballot, Campaign, Phase, ResultProject
from parvis.plugins.budget.services import campaigns, exports, paper, results
from parvis.testing import login

from . import rule_plugin
from .conftest import phases_for
from .helpers import store_ballots


@pytest.fixture
def parvis_extra_plugins():
    return [("scorecity", rule_plugin)]


def with_rule(db, site, campaign, name):
    campaigns.set_rule(db, site, campaign, name)
    db.commit()
    return campaign


def close_vote(db, campaign):
    for kind, (starts, ends) in phases_for("closed").items():
        db.execute(
            update(Phase)
            .where(Phase.campaign_id == campaign.id, Phase.kind == kind)
            .values(starts_at=starts, ends_at=ends)
        )
    db.commit()
    db.refresh(campaign)


def fields(page):
    return re.findall(r'name="(g-[^"]+)"', page.text)


def test_a_score_ballot_online_from_form_to_results(db, site, client, make_campaign, make_project, voter):
    campaign = with_rule(db, site, make_campaign("vote"), "score_sum")
    assert campaign.n_grades == 11
    projects = [make_project(campaign, title=f"Score {n}", cost=30_000_00) for n in range(3)]
    login(client, voter())
    page = client.get(f"/en/budget/{campaign.slug}/vote/city")
    assert page.status_code == 200
    assert "Give each project a score from 0 to 10." in page.text
    assert page.text.count('type="number"') == 3 and 'type="radio"' not in page.text
    names = fields(page)
    form = {names[0]: "7", names[1]: "10", names[2]: ""}
    review = client.post(f"/en/budget/{campaign.slug}/vote/city/review", data=form)
    assert review.status_code == 200
    assert "(left blank)" in review.text
    bad = client.post(f"/en/budget/{campaign.slug}/vote/city/review", data={**form, names[0]: "11"})
    assert bad.status_code == 400 and "Choose among the options shown." in bad.text
    cast = client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=form)
    assert cast.status_code == 200, cast.text
    db.expire_all()
    stored = db.scalars(select(Ballot.grades).where(Ballot.campaign_id == campaign.id)).all()
    assert stored == [bytes([7, 10, 0])]
    frozen = db.get(Campaign, campaign.id).rule_description
    assert frozen["name"] == "score_sum" and frozen["version"] == "2"
    assert frozen["parameters"] == {"top": 10}
    assert frozen["title"]["fr"] == "Somme des notes"
    assert [c["key"] for c in frozen["columns"]] == ["points", "average"]
    assert len(frozen["scale"]) == 11

    store_ballots(db, campaign, "city", [[5, 0, 9], [5, 2, 9]])
    close_vote(db, campaign)
    results.publish(db, site, campaign)
    db.commit()
    figures = {r.project_id: r.figures for r in db.scalars(select(ResultProject))}
    assert figures[projects[2].id] == {"points": 18, "average": 6.0}
    assert figures[projects[0].id]["points"] == 17
    shown = client.get(f"/en/budget/{campaign.slug}/results/city")
    assert shown.status_code == 200
    assert "Average score" in shown.text and "Points" in shown.text
    assert "Majority grade" not in shown.text and "Merit profiles" not in shown.text
    assert "Sum of scores" in shown.text
    document = exports.counts_document(db, site, campaign, "city")
    assert [c["key"] for c in document["columns"]] == ["points", "average"]
    assert {f["points"] for f in document["figures"]} == {17, 12, 18}
    assert document["rule_version"] == "2"


def test_majority_judgment_keeps_its_merit_profiles(db, site, client, make_campaign, make_project):
    campaign = make_campaign("closed")
    make_project(campaign)
    store_ballots(db, campaign, "city", [[3], [2], [1]])
    results.publish(db, site, campaign)
    db.commit()
    page = client.get(f"/en/budget/{campaign.slug}/results/city")
    assert "Merit profiles" in page.text and "Majority grade" in page.text
    assert campaign.rule_description["presentation"] == "merit_profile"


def test_a_ballot_kind_with_its_own_fragment_and_check(db, site, client, make_campaign, make_project, voter):
    campaign = with_rule(db, site, make_campaign("vote"), "ten_points")
    for n in range(2):
        make_project(campaign, title=f"Points {n}")
    login(client, voter())
    page = client.get(f"/en/budget/{campaign.slug}/vote/city")
    assert page.text.count('class="points"') == 2
    names = fields(page)
    too_many = {names[0]: "6", names[1]: "5"}
    refused = client.post(f"/en/budget/{campaign.slug}/vote/city/review", data=too_many)
    assert refused.status_code == 400
    assert "You gave 11 points: you have 10 to give." in refused.text
    # Nothing lost: the ballot comes back with the voter's points.
    assert 'value="6"' in refused.text and 'value="5"' in refused.text
    # Cast without the review page: refused the same way, nothing stored.
    assert client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=too_many).status_code == 400
    assert db.scalar(select(Ballot.id).where(Ballot.campaign_id == campaign.id)) is None
    ok = client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data={names[0]: "6", names[1]: "4"})
    assert ok.status_code == 200


@pytest.mark.hooks("validate_budget_ballot")
def test_approval_with_a_cap_is_refused_with_the_ballot_kept(
    db, site, client, make_campaign, make_project, voter
):
    campaign = with_rule(db, site, make_campaign("vote"), "approval_greedy")
    for n in range(3):
        make_project(campaign, title=f"Approval {n}")
    login(client, voter())
    names = fields(client.get(f"/en/budget/{campaign.slug}/vote/city"))
    everything = dict.fromkeys(names, "1")
    refused = client.post(f"/en/budget/{campaign.slug}/vote/city/review", data=everything)
    assert refused.status_code == 400
    assert "Support at most 2 projects." in refused.text
    assert refused.text.count("checked") == 3
    assert 'aria-describedby="ballot-error"' in refused.text
    two = {names[0]: "1", names[2]: "1"}
    assert client.post(f"/en/budget/{campaign.slug}/vote/city/review", data=two).status_code == 200
    assert client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=two).status_code == 200


def test_paper_counts_of_a_score_ballot(db, site, make_campaign, make_project, make_account):
    from parvis.plugins.budget.models import BoxKind

    campaign = with_rule(db, site, make_campaign("closed"), "score_sum")
    first, second = make_project(campaign), make_project(campaign)
    box = paper.create_box(db, site, campaign, name="Town hall", kind=BoxKind.FIXED, district="11")
    counts = {(first.id, 10): 3, (first.id, 5): 1, (second.id, 2): 4}
    for official in (make_account("official"), make_account("official")):
        entry = paper.ReportInput(signatures=5, city_ballots=4, district_ballots=0, counts=counts)
        paper.enter_report(db, campaign, box, load_actor(db, official), entry, site=site)
    db.commit()
    assert campaign.rule_description["name"] == "score_sum"
    results.publish(db, site, campaign)
    db.commit()
    rows = {r.project_id: r for r in db.scalars(select(ResultProject))}
    assert rows[first.id].figures["points"] == 35 and rows[first.id].rank == 1
    assert rows[second.id].paper[2] == 4 and rows[second.id].paper[0] == 0


def run_rank(site, tmp_path, *args):
    path = tmp_path / "counts.json"
    path.write_text(json.dumps({"projects": ["a", "b"], "tallies": [[0, 2, 1], [0, 0, 3]]}))
    context = Context(None)
    context._site = site
    arguments = ["budget", "rank", str(path), *args]
    return CliRunner().invoke(cli, arguments, obj=context, env={"PARVIS_LANG": "en"})


def test_rank_accepts_any_registered_rule(site, tmp_path):
    result = run_rank(site, tmp_path, "--rule", "score_sum")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Rank", "Project", "Points", "Average", "score"]
    assert lines[1].split()[:3] == ["1", "b", "6"]
    result = run_rank(site, tmp_path, "--rule", "score_sum", "--json")
    assert json.loads(result.output)["results"][0] == {"project": "b", "rank": 1, "points": 6, "average": 2.0}
    assert run_rank(site, tmp_path, "--rule", "majority_judgment_greedy").exit_code == 0


def test_rank_refuses_an_unknown_rule_listing_the_known_ones(site, tmp_path):
    result = run_rank(site, tmp_path, "--rule", "borda")
    assert result.exit_code == 2
    assert "no rule is called 'borda'" in result.output
    assert "score_sum" in result.output and "equal_shares" in result.output
    assert "Traceback" not in result.output
