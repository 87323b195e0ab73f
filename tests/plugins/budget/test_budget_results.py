"""Results: majority-judgment ranks from stored ballots, envelopes filled in rank order with the
Qpop minimum, and open-data exports from which anyone reproduces the published results."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parvis.plugins.budget import pabulib
from parvis.plugins.budget.ballot_rules import rule_named
from parvis.plugins.budget.models import ProjectStatus, ResultBallot, ResultProject
from parvis.plugins.budget.rules import majority_judgment as mj
from parvis.plugins.budget.rules.cli import rank as rank_command
from parvis.plugins.budget.services import results, stats, tally

from .helpers import ballots_from_tallies, store_ballots

PARIS_EXAMPLE = [[1, 1, 1], [1, 0, 2], [3, 0, 0], [2, 0, 1], [0, 3, 0]]
PARIS_RANKS = [3, 1, 5, 4, 2]


def published_ranks(db, campaign, level="city"):
    rows = db.query(ResultProject).filter_by(campaign_id=campaign.id, level=level).all()
    return {r.project_id: r.rank for r in rows}


def test_the_three_voter_example_of_paris(db, site, make_campaign, make_project):
    """paris.md: 3 voters, tallies [1,1,1] [1,0,2] [3,0,0] [2,0,1] [0,3,0] rank 3, 1, 5, 4, 2."""
    campaign = make_campaign("closed")
    projects = [make_project(campaign, cost=1) for _ in PARIS_EXAMPLE]
    # Paris has four grades: the example's three are the lowest three, the best stays unused.
    store_ballots(db, campaign, "city", ballots_from_tallies(PARIS_EXAMPLE))
    results.publish(db, site, campaign)
    db.commit()
    ranks = published_ranks(db, campaign)
    assert [ranks[p.id] for p in projects] == PARIS_RANKS
    rows = {r.project_id: r for r in db.query(ResultProject)}
    assert [rows[p.id].online for p in projects] == [[*t, 0] for t in PARIS_EXAMPLE]


def test_equal_profiles_share_a_rank(db, site, make_campaign, make_project):
    campaign = make_campaign("closed")
    projects = [make_project(campaign, cost=1) for _ in range(3)]
    store_ballots(db, campaign, "city", [[3, 1, 3], [0, 2, 0], [2, 2, 2]])
    results.publish(db, site, campaign)
    ranks = published_ranks(db, campaign)
    assert [ranks[p.id] for p in projects] == [2, 1, 2]  # projects 0 and 2 have identical profiles


def test_envelope_filled_in_rank_order_skipping_what_no_longer_fits(db, site, make_campaign, make_project):
    campaign = make_campaign("closed", total=100_00, citywide=100_00)
    costs = [60_00, 50_00, 30_00, 20_00]
    projects = [make_project(campaign, cost=c) for c in costs]
    # Ranked 0, 1, 2, 3 (grades decreasing): 60 fits, 50 no longer fits, 30 fits, 20 no longer.
    store_ballots(db, campaign, "city", [[3, 2, 1, 0]] * 3)
    campaign.qpop_mode = "none"
    from parvis.plugins.budget.services.campaigns import build_envelopes

    build_envelopes(site, campaign)
    db.commit()
    results.publish(db, site, campaign)
    db.commit()
    statuses = [p.status for p in projects]
    assert statuses == [
        ProjectStatus.SELECTED,
        ProjectStatus.NOT_SELECTED,
        ProjectStatus.SELECTED,
        ProjectStatus.NOT_SELECTED,
    ]
    ballot = db.get(ResultBallot, (campaign.id, "city"))
    assert ballot.spent == 90_00
    assert ballot.online_ballots == 3


def test_qpop_minimum_is_honoured(db, site, make_campaign, make_project):
    campaign = make_campaign("closed", total=100_00, citywide=100_00)  # Paris default: 25 % minimum
    best = make_project(campaign, cost=80_00)
    second = make_project(campaign, cost=20_00)
    qpop = make_project(campaign, cost=25_00, qpop=True)
    store_ballots(db, campaign, "city", [[3, 3, 1]] * 5)
    results.publish(db, site, campaign)
    db.commit()
    assert qpop.status == ProjectStatus.SELECTED
    assert best.status == ProjectStatus.NOT_SELECTED or second.status == ProjectStatus.NOT_SELECTED
    ballot = db.get(ResultBallot, (campaign.id, "city"))
    assert ballot.qpop_minimum == 25_00
    assert ballot.qpop_spent >= 25_00
    assert ballot.qpop_minimum_met


def fetch(client, run_jobs, url):
    """An export is made by a job: 202 (ask again) until it is ready, then the file from its cache."""
    first = client.get(url)
    if first.status_code != 202:
        return first
    assert first.headers["retry-after"] and first.json()["status"] == "preparing"
    run_jobs()
    return client.get(url)


def test_exports_reproduce_the_published_results(client, db, site, make_campaign, make_project, run_jobs):
    campaign = make_campaign("closed")
    projects = [make_project(campaign) for _ in range(4)]
    rng = np.random.default_rng(7)
    ballots = rng.integers(0, 4, size=(60, 4)).tolist()
    store_ballots(db, campaign, "city", ballots)
    results.publish(db, site, campaign)
    db.commit()
    ranks = published_ranks(db, campaign)
    expected = [ranks[p.id] for p in projects]

    body = fetch(client, run_jobs, f"/api/budget/{campaign.slug}/ballots/city")
    assert body.status_code == 200
    assert client.get(f"/api/budget/{campaign.slug}/ballots/city").text == body.text  # one shuffle, cached
    rows = list(csv.reader(io.StringIO(body.text)))
    assert rows[0] == [p.public_id for p in projects]
    recounted = mj.tally_ballots([[int(x) for x in row] for row in rows[1:]], 4, 4)
    assert mj.rank(recounted) == expected
    assert sorted(map(tuple, (list(map(int, r)) for r in rows[1:]))) == sorted(map(tuple, ballots))

    pb = pabulib.loads(fetch(client, run_jobs, f"/api/budget/{campaign.slug}/pabulib/city").text)
    assert pb.tallies(n_grades=4) == recounted
    assert [p.cost for p in pb.projects] == [p.cost for p in projects]

    counts = fetch(client, run_jobs, f"/api/budget/{campaign.slug}/counts/city")
    document = counts.json()
    assert document["ranks"] == expected
    runner = CliRunner()
    out = runner.invoke(rank_command, ["-", "--json"], input=counts.text)
    assert out.exit_code == 0, out.output
    by_name = {row["project"]: row["rank"] for row in json.loads(out.output)["results"]}
    assert [by_name[p.title] for p in projects] == expected

    api = client.get(f"/api/budget/{campaign.slug}/results").json()
    assert [p["rank"] for p in api["ballots"][0]["projects"]] == sorted(expected)
    assert client.get(f"/api/budget/{campaign.slug}/ballots/nowhere").status_code == 404
    page = client.get(f"/api/budget/{campaign.slug}/paper/city", headers={"accept": "text/html"})
    assert "/jobs/" in page.url.path  # a browser follows the job's page (in its language)
    assert run_jobs.follow(client, page).headers["content-type"].startswith("text/csv")


def test_results_pages_show_profiles_with_text_alternatives(client, db, site, make_campaign, make_project):
    campaign = make_campaign("closed")
    make_project(campaign, title="Forêt urbaine")
    make_project(campaign, "11", title="Square Parmentier", cost=100_00)
    store_ballots(db, campaign, "city", [[3], [2], [3]])
    store_ballots(db, campaign, "11", [[1]])
    results.publish(db, site, campaign)
    db.commit()
    page = client.get(f"/en/budget/{campaign.slug}/results")
    assert "Forêt urbaine" in page.text
    assert "Winners per envelope" in page.text
    detail = client.get(f"/en/budget/{campaign.slug}/results/city")
    assert 'aria-label="Love it: 67%, Like it: 33%, Why not: 0%, Not convinced: 0%"' in detail.text
    assert "Majority grade: Love it" in detail.text
    assert "<caption>" in detail.text
    french = client.get(f"/fr/budget/{campaign.slug}/results/city")
    assert "Coup de cœur" in french.text
    figures = stats.campaign_stats(db, campaign)
    assert figures.projects_selected == 2


# --- properties of the count, on random ballots ------------------------------------------------

ballot_matrices = st.integers(1, 6).flatmap(
    lambda n_projects: st.lists(
        st.lists(st.integers(0, 3), min_size=n_projects, max_size=n_projects), min_size=1, max_size=40
    )
)


def ranks_of(site, matrix):
    rule = rule_named(site, "majority_judgment_greedy")
    tallies = tally.count(np.asarray(matrix, dtype=np.uint8), 4).tolist()
    return rule.ballot.rank(tallies)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(matrix=ballot_matrices, seed=st.integers(0, 2**32 - 1))
def test_ballot_order_does_not_change_the_results(site, matrix, seed):
    shuffled = list(matrix)
    np.random.default_rng(seed).shuffle(shuffled)
    assert ranks_of(site, shuffled) == ranks_of(site, matrix)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(matrix=ballot_matrices, data=st.data())
def test_giving_a_project_a_better_grade_never_lowers_it(site, matrix, data):
    voter = data.draw(st.integers(0, len(matrix) - 1))
    project = data.draw(st.integers(0, len(matrix[0]) - 1))
    before = ranks_of(site, matrix)[project]
    better = [list(row) for row in matrix]
    better[voter][project] = 3
    assert ranks_of(site, better)[project] <= before


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(matrix=ballot_matrices)
def test_the_packed_count_equals_the_reference_count(matrix):
    n = len(matrix[0])
    packed = tally.count(np.asarray(matrix, dtype=np.uint8), 4).tolist()
    assert packed == mj.tally_ballots(matrix, n, 4)


def test_publishing_twice_is_refused(db, site, make_campaign, make_project):
    from parvis.plugins.budget.errors import BudgetRefused

    campaign = make_campaign("closed")
    make_project(campaign)
    results.publish(db, site, campaign)
    with pytest.raises(BudgetRefused):
        results.publish(db, site, campaign)


def test_large_ballots_are_fetched_in_slices_with_the_same_counts(
    db, make_campaign, make_project, monkeypatch
):
    campaign = make_campaign("closed")
    for _ in range(3):
        make_project(campaign)
    ballots = np.random.default_rng(3).integers(0, 4, size=(500, 3)).tolist()
    store_ballots(db, campaign, "city", ballots)
    whole, n = tally.online_tallies(db, campaign.id, "city", 3, 4)
    monkeypatch.setattr(tally, "SLICE_ABOVE", 0)
    sliced, m = tally.online_tallies(db, campaign.id, "city", 3, 4)
    assert n == m == 500
    assert sliced.tolist() == whole.tolist() == mj.tally_ballots(ballots, 3, 4)
