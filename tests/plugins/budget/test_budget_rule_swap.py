"""Swappable counting rules: the plugin's own hook ``register_ballot_rules``, the built-ins as a
``trylast`` default, and a city choosing a rule by name in its configuration."""

from __future__ import annotations

import types

import pytest
from sqlalchemy import update

from parvis import hookimpl
from parvis.config import ConfigError
from parvis.plugins.budget.ballot_rules import available_rules, configured_rule
from parvis.plugins.budget.models import Campaign, Phase, ProjectStatus, ResultProject
from parvis.plugins.budget.rules import Allocation, AllocationRule, Envelope, Votes, approval_greedy_rule
from parvis.plugins.budget.services import campaigns, projects, results
from parvis.testing import login

from .conftest import phases_for
from .helpers import store_ballots


def new_campaign(db, site, slug, phase="closed"):
    campaign = campaigns.create_campaign(
        db, site, slug=slug, year=2026, title=slug, total=100_00, citywide=100_00, phases=phases_for(phase)
    )
    campaign.qpop_mode = "none"
    campaigns.build_envelopes(site, campaign)
    db.commit()
    return campaign


def add_projects(db, site, campaign, costs):
    found = []
    for n, cost in enumerate(costs):
        project = projects.create_project(
            db, site, campaign, projects.ProjectInput(f"P{n}", "", "city", "environment", cost=cost)
        )
        projects.put_on_ballot(db, project)
        found.append(project)
    db.commit()
    return found


@pytest.mark.hooks("register_ballot_rules")
def test_builtin_rules_are_the_default_implementation(site):
    assert set(available_rules(site)) >= {"majority_judgment_greedy", "approval_greedy", "equal_shares"}
    assert configured_rule(site).name == "majority_judgment_greedy"
    impls = [
        impl for impl in site.pm.hook.register_ballot_rules.get_hookimpls() if impl.plugin_name == "budget"
    ]
    assert impls
    assert impls[0].trylast


@pytest.mark.hooks("register_ballot_rules")
def test_a_city_plugin_adds_a_rule_and_the_configuration_selects_it(make_site, db):
    def cheapest_first(project_list, votes: Votes, envelope: Envelope) -> Allocation:
        order = sorted(range(len(project_list)), key=lambda j: project_list[j].cost)
        chosen, left = [], envelope.amount
        for j in order:
            if project_list[j].cost <= left:
                chosen.append(j)
                left -= project_list[j].cost
        return Allocation(tuple(chosen), envelope.amount - left, 0, envelope)

    base = approval_greedy_rule()
    rule = AllocationRule(name="cheapest_first", ballot=base.ballot, allocate=cheapest_first)
    city = types.SimpleNamespace(register_ballot_rules=hookimpl(lambda settings: [rule]))
    site = make_site(extra=(("lyon_rules", city),), settings={"budget": {"rule": "cheapest_first"}})
    with site.session() as session:
        campaign = new_campaign(session, site, "swap")
        assert campaign.rule == "cheapest_first"
        assert campaign.n_grades == 2
        found = add_projects(session, site, campaign, [90_00, 30_00, 40_00])
        store_ballots(session, campaign, "city", [[1, 0, 0]] * 5)
        results.publish(session, site, campaign)
        session.commit()
        assert [p.status for p in found] == [
            ProjectStatus.NOT_SELECTED,
            ProjectStatus.SELECTED,
            ProjectStatus.SELECTED,
        ]


@pytest.mark.hooks("register_ballot_rules")
def test_approval_voting_swaps_ballot_and_count(make_site, db, client, make_account):
    site = make_site(settings={"budget": {"rule": "approval_greedy"}})
    with site.session() as session:
        campaign = new_campaign(session, site, "approval", phase="vote")
        found = add_projects(session, site, campaign, [60_00, 50_00, 40_00])
        slug = campaign.slug
    # The ballot page of the default site shows the campaign's own rule: checkboxes, not grades.
    login(client, make_account(resident=True))
    page = client.get(f"/en/budget/{slug}/vote/city")
    assert page.status_code == 200
    assert page.text.count('type="checkbox"') == 3
    assert 'type="radio"' not in page.text
    with site.session() as session:
        store_ballots(session, session.get(Campaign, campaign.id), "city", [[1, 0, 1], [0, 1, 1], [1, 0, 1]])
        closed = phases_for("closed")
        for kind, (starts, ends) in closed.items():
            session.execute(
                update(Phase)
                .where(Phase.campaign_id == campaign.id, Phase.kind == kind)
                .values(starts_at=starts, ends_at=ends)
            )
        session.commit()
        campaign = session.get(Campaign, campaign.id)
        session.refresh(campaign)
        results.publish(session, site, campaign)
        session.commit()
        rows = {r.project_id: r for r in session.query(ResultProject)}
        assert [rows[p.id].rank for p in found] == [2, 3, 1]
        assert [rows[p.id].online for p in found] == [[1, 2], [2, 1], [0, 3]]
        assert [rows[p.id].selected for p in found] == [True, False, True]


@pytest.mark.hooks("register_ballot_rules")
def test_equal_shares_uses_the_individual_ballots(make_site, db):
    site = make_site(settings={"budget": {"rule": "equal_shares", "qpop_mode": "none"}})
    with site.session() as session:
        campaign = new_campaign(session, site, "mes")
        found = add_projects(session, site, campaign, [60_00, 30_00, 40_00])
        store_ballots(session, campaign, "city", [[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 0]])
        results.publish(session, site, campaign)
        session.commit()
        selected = [p.status == ProjectStatus.SELECTED for p in found]
        assert selected[2] is True
        assert sum(p.cost for p, s in zip(found, selected, strict=True) if s) <= 100_00


def test_an_unknown_rule_is_refused_with_its_name(make_site, db):
    """Refused when the site is built (every start-up, `parvis config check`), with the key."""
    with pytest.raises(ConfigError, match=r"settings\.budget\.rule.*no_such_rule"):
        make_site(settings={"budget": {"rule": "no_such_rule"}})


def test_seven_grades_the_18_voter_example(make_site, db):
    """paris.md: 18 voters, [4,5,2,1,3,1,2] and [3,6,2,1,3,1,2] rank 2, 1 (a city with 7 grades)."""
    from .helpers import ballots_from_tallies

    grades = ["g0", "g1", "g2", "g3", "g4", "g5", "g6"]
    site = make_site(settings={"budget": {"grades": grades}})
    with site.session() as session:
        campaign = new_campaign(session, site, "seven")
        assert campaign.n_grades == 7
        found = add_projects(session, site, campaign, [1, 1])
        store_ballots(
            session, campaign, "city", ballots_from_tallies([[4, 5, 2, 1, 3, 1, 2], [3, 6, 2, 1, 3, 1, 2]])
        )
        results.publish(session, site, campaign)
        session.commit()
        rows = {r.project_id: r.rank for r in session.query(ResultProject)}
        assert [rows[p.id] for p in found] == [2, 1]
