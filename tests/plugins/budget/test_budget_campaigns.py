"""Campaigns: creation with dated phases, envelopes by population with the Qpop rule, and voting
rules frozen once the first ballot is cast."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import CITY, Campaign, PhaseKind
from parvis.plugins.budget.services import campaigns, projects
from parvis.plugins.budget.services.envelopes import qpop_parts, split
from parvis.testing import login

from .conftest import phases_for
from .helpers import store_ballots


@given(amount=st.integers(0, 10**12), weights=st.lists(st.integers(0, 10**7), min_size=1, max_size=30))
def test_split_is_exact_and_proportional(amount, weights):
    shares = split(amount, weights)
    assert sum(shares) == amount
    total = sum(weights) or len(weights)
    for share, weight in zip(shares, weights if sum(weights) else [1] * len(weights), strict=True):
        assert abs(share - amount * weight / total) < 1 + 1e-9 * amount


def test_qpop_parts():
    assert qpop_parts(1000, "minimum", 25) == (1000, 250, 0)
    assert qpop_parts(1001, "minimum", 25) == (1001, 251, 0)  # rounded up: never below the share
    assert qpop_parts(1000, "bonus", 25) == (750, 0, 250)
    assert qpop_parts(1000, "none", 25) == (1000, 0, 0)


def test_envelopes_follow_population_and_add_up(db, site, make_campaign):
    campaign = make_campaign(total=75_000_000_00)
    assert campaign.citywide_amount == 22_500_000_00  # 30 %
    envelopes = {e.level: e for e in campaign.envelopes}
    assert set(envelopes) == {CITY, *(d.code for d in site.config.districts)}
    assert sum(e.amount + e.qpop_bonus for e in envelopes.values()) == campaign.total_amount
    population = {d.code: d.population for d in site.config.districts}
    assert envelopes["11"].amount > envelopes["6"].amount
    ratio = envelopes["11"].amount / envelopes["centre"].amount
    assert abs(ratio - population["11"] / population["centre"]) < 1e-6
    assert envelopes["11"].qpop_minimum == -(-envelopes["11"].amount // 4)


def test_phases_must_follow_each_other(db, site):
    phases = phases_for("vote")
    starts, ends = phases[PhaseKind.VOTE]
    overlapping = {**phases, PhaseKind.VOTE: (starts - timedelta(days=15), ends)}
    with pytest.raises(BudgetRefused, match="after the previous one"):
        campaigns.create_campaign(db, site, slug="x", year=2026, title="x", total=1, phases=overlapping)
    backwards = {**phases, PhaseKind.VOTE: (ends, starts)}
    with pytest.raises(BudgetRefused, match="end after it starts"):
        campaigns.create_campaign(db, site, slug="y", year=2026, title="y", total=1, phases=backwards)
    without_vote = {k: v for k, v in phases.items() if k != PhaseKind.VOTE}
    with pytest.raises(BudgetRefused, match="needs a vote phase"):
        campaigns.create_campaign(db, site, slug="z", year=2026, title="z", total=1, phases=without_vote)


def test_voting_rules_are_frozen_once_the_first_ballot_is_cast(db, site, make_campaign, make_project):
    campaign = make_campaign("vote")
    first = make_project(campaign)
    spare = make_project(campaign, on_ballot=False)
    campaigns.set_rule(db, site, campaign, "approval_greedy")
    campaigns.set_rule(db, site, campaign, "majority_judgment_greedy")
    db.commit()
    store_ballots(db, campaign, CITY, [[2]])
    with pytest.raises(BudgetRefused, match="frozen"):
        campaigns.set_rule(db, site, campaign, "approval_greedy")
    with pytest.raises(BudgetRefused, match="frozen"):
        campaigns.update_money(db, site, campaign, total=1, citywide=1, qpop_mode="none", qpop_percent=0)
    with pytest.raises(BudgetRefused, match="frozen"):
        campaigns.set_envelope(db, campaign, CITY, amount=5)
    with pytest.raises(BudgetRefused, match="frozen"):
        projects.put_on_ballot(db, spare)
    with pytest.raises(BudgetRefused, match="frozen"):
        projects.take_off_ballot(db, first)
    data = projects.ProjectInput(first.title, "", CITY, "environment", cost=(first.cost or 0) + 1)
    with pytest.raises(BudgetRefused, match="frozen"):
        projects.update_project(db, site, first, data)
    db.rollback()
    # Extending the vote stays possible; starting it later or ending it earlier does not.
    phases = {p.kind: (p.starts_at, p.ends_at) for p in db.get(Campaign, campaign.id).phases}
    starts, ends = phases[PhaseKind.VOTE]
    later = {**phases, PhaseKind.VOTE: (starts, ends - timedelta(days=1))}
    with pytest.raises(BudgetRefused, match="can no longer"):
        campaigns.set_phases(db, db.get(Campaign, campaign.id), later)


def test_an_official_creates_a_campaign_in_the_back_office(client, db, login_as):
    login_as("official")
    page = client.get("/en/admin/budget/new")
    assert page.status_code == 200
    assert "Submission of ideas: first day" in page.text
    data = {
        "title": "Budget participatif 2027",
        "slug": "2027",
        "year": "2027",
        "total": "75000000",
        "ideas_starts": "2027-01-10",
        "ideas_ends": "2027-02-10",
        "vote_starts": "2027-09-01",
        "vote_ends": "2027-09-21",
    }
    response = client.post("/en/admin/budget/new", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text[:2000]
    campaign = campaigns.campaign_by_slug(db, "2027")
    assert campaign.total_amount == 75_000_000_00
    vote = campaign.phase(PhaseKind.VOTE)
    assert (vote.ends_at - vote.starts_at).days == 21
    dashboard = client.get("/en/admin/budget/2027")
    assert dashboard.status_code == 200
    assert "Envelopes" in dashboard.text
    french = client.get("/fr/budget/2027")
    assert "Tout Paris" in french.text or "tout Paris" in french.text


def test_campaign_form_errors(client, db, login_as):
    login_as("official")
    data = {"title": "X", "slug": "receipt", "year": "abc", "total": "-5", "study_starts": "2027-01-10"}
    response = client.post("/en/admin/budget/new", data=data)
    assert response.status_code == 400
    assert "reserved word" in response.text
    assert "Enter a whole number." in response.text
    assert "Give both days, or neither." in response.text


def test_public_campaign_page_and_home_panel(client, db, make_campaign, voter):
    campaign = make_campaign("ideas")
    page = client.get(f"/en/budget/{campaign.slug}")
    assert page.status_code == 200
    assert "Submit your idea until" in page.text
    assert (
        client.get("/en/budget", follow_redirects=False)
        .headers["location"]
        .endswith(f"/budget/{campaign.slug}")
    )
    home = client.get("/en/")
    assert "Submit your idea until" in home.text


@pytest.mark.parametrize(
    ("phase", "text"),
    [("vote", "Vote for the projects you prefer until"), ("before", "Residents propose projects")],
)
def test_home_panel_follows_the_phase(client, make_campaign, phase, text):
    make_campaign(phase)
    assert text in client.get("/en/").text


def test_officials_change_phases_money_and_rule(client, db, make_campaign, login_as):
    campaign = make_campaign("ideas")
    login_as("official")
    form = client.get(f"/en/admin/budget/{campaign.slug}/phases")
    assert form.status_code == 200
    bad = client.post(
        f"/en/admin/budget/{campaign.slug}/phases",
        data={
            "ideas_starts": "2027-01-01",
            "ideas_ends": "2026-01-01",
            "vote_starts": "2027-02-01",
            "vote_ends": "2027-02-20",
        },
    )
    assert bad.status_code == 400
    assert "end after it starts" in bad.text
    money = client.post(
        f"/en/admin/budget/{campaign.slug}/money",
        data={"total": "1000", "citywide": "400", "qpop_mode": "bonus", "qpop_percent": "10"},
        follow_redirects=False,
    )
    assert money.status_code == 303
    db.expire_all()
    fresh = db.get(Campaign, campaign.id)
    assert fresh.total_amount == 1000_00
    assert fresh.envelope(CITY).qpop_bonus == 40_00
    too_much = client.post(
        f"/en/admin/budget/{campaign.slug}/money",
        data={"total": "10", "citywide": "400", "qpop_mode": "none", "qpop_percent": "0"},
    )
    assert too_much.status_code == 400
    assert "must fit in the total" in too_much.text
    rule = client.post(
        f"/en/admin/budget/{campaign.slug}/rule", data={"rule": "approval_greedy"}, follow_redirects=False
    )
    assert rule.status_code == 303
    db.expire_all()
    assert db.get(Campaign, campaign.id).n_grades == 2
    unknown = client.post(f"/en/admin/budget/{campaign.slug}/rule", data={"rule": "nope"})
    assert unknown.status_code == 400
    envelope = client.post(
        f"/en/admin/budget/{campaign.slug}/envelopes",
        data={"level": "11", "amount": "50", "qpop_minimum": "10", "qpop_bonus": "0"},
        follow_redirects=False,
    )
    assert envelope.status_code == 303
    db.expire_all()
    assert db.get(Campaign, campaign.id).envelope("11").amount == 50_00
    bad = client.post(
        f"/en/admin/budget/{campaign.slug}/envelopes",
        data={"level": "11", "amount": "50", "qpop_minimum": "60", "qpop_bonus": "0"},
    )
    assert bad.status_code == 400
    assert "cannot exceed the envelope" in bad.text
    assert "Set one envelope by hand" in client.get(f"/en/admin/budget/{campaign.slug}").text


def test_citizens_cannot_manage(client, make_campaign, voter):
    campaign = make_campaign("ideas")
    login(client, voter())
    assert client.get("/en/admin/budget").status_code == 403
    assert client.get(f"/en/admin/budget/{campaign.slug}/ideas").status_code == 403
    assert client.post(f"/en/admin/budget/{campaign.slug}/publish").status_code == 403
    assert client.get(f"/en/admin/budget/{campaign.slug}/boxes").status_code == 403


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_home_card_gives_one_last_day(client, make_campaign, locale):
    """Issue 18.4: the card's sentence and its "Until" line name the same day, the phase's last
    (a phase ends at midnight after it)."""
    import re

    from parvis import i18n
    from parvis.formatting import format_date
    from parvis.plugins.budget.services.campaigns import current_phase
    from parvis.plugins.budget.web.common import last_day

    campaign = make_campaign("vote")
    with i18n.use_locale(locale):
        day = format_date(last_day(current_phase(campaign)))
    home = client.get(f"/{locale}/").text
    [card] = [c.split("</li>")[0] for c in home.split('<li class="card') if f"{campaign.slug}/vote" in c]
    assert card.count(day) == 2, card
    assert len(set(re.findall(r"\b\d{1,2}(?:er)? \w+ 20\d\d|\w+ \d{1,2}, 20\d\d", card))) == 1, card
