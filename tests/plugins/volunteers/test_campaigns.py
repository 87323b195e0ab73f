"""Campaigns (Nuit de la Solidarité): age, charter, district and role; teams of 4-5 with a leader."""

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from parvis.plugins.volunteers import campaigns
from parvis.plugins.volunteers.campaigns import Person, propose_teams, team_problems
from parvis.plugins.volunteers.models import CampaignRole, CampaignSignup, CampaignTeam

from .conftest import solidarity_night


@pytest.fixture
def campaign(db):
    return solidarity_night(db)


def test_sign_up_rules(db, site, campaign, make_account):
    adult = make_account()
    teen = make_account(birth_date=site.today() - timedelta(days=365 * 17))
    unknown = make_account(birth_date=None)
    with pytest.raises(campaigns.CampaignError, match="charter"):
        campaigns.sign_up(
            db, site, campaign, adult, role=CampaignRole.TEAM_LEADER, district="18", charter_accepted=False
        )
    with pytest.raises(campaigns.CampaignError, match="age of 18"):
        campaigns.sign_up(
            db, site, campaign, teen, role=CampaignRole.FIELD_VOLUNTEER, district="18", charter_accepted=True
        )
    with pytest.raises(campaigns.CampaignError, match="date of birth"):
        campaigns.sign_up(
            db,
            site,
            campaign,
            unknown,
            role=CampaignRole.FIELD_VOLUNTEER,
            district="18",
            charter_accepted=True,
        )
    with pytest.raises(campaigns.CampaignError, match="Choose an arrondissement"):
        campaigns.sign_up(
            db, site, campaign, adult, role=CampaignRole.FIELD_VOLUNTEER, district="42", charter_accepted=True
        )
    entry = campaigns.sign_up(
        db, site, campaign, adult, role=CampaignRole.TEAM_LEADER, district="18", charter_accepted=True
    )
    assert entry.charter_accepted_at is not None
    with pytest.raises(campaigns.CampaignError, match="already"):
        campaigns.sign_up(
            db, site, campaign, adult, role=CampaignRole.TEAM_LEADER, district="18", charter_accepted=True
        )


def test_team_proposal_examples():
    people = [Person(i, i < 3, "18") for i in range(13)]  # 3 leaders, 13 people
    teams = propose_teams(people, 4, 5)
    assert sorted(len(t.members) for t in teams) == [4, 4, 5]
    assert all(t.leaders == 1 for t in teams)
    assert team_problems(teams, 4, 5) == []
    # Six people cannot make teams of 4-5: one team of 6 rather than two of 3.
    assert [len(t.members) for t in propose_teams([Person(i, True, "11") for i in range(6)], 4, 5)] == [6]
    # Not enough leaders: fewer, larger teams, reported.
    few = propose_teams([Person(i, i == 0, "19") for i in range(10)], 4, 5)
    assert [len(t.members) for t in few] == [10]
    assert "10 people" in team_problems(few, 4, 5)[0]
    no_leader = propose_teams([Person(i, False, "20") for i in range(4)], 4, 5)
    assert "no team leader" in team_problems(no_leader, 4, 5)[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["10", "11", "18"])), max_size=60))
def test_team_proposal_properties(entries):
    people = [Person(i, leader, district) for i, (leader, district) in enumerate(entries)]
    teams = propose_teams(people, 4, 5)
    placed = [p.signup_id for t in teams for p in t.members]
    assert sorted(placed) == list(range(len(people)))  # everyone, once
    assert all({p.district for p in t.members} == {t.district} for t in teams)  # by district
    for team in teams:
        leaders_in_district = sum(1 for p in people if p.leader and p.district == team.district)
        if leaders_in_district:
            assert team.leaders >= 1
    sizes = {}
    for team in teams:
        sizes.setdefault(team.district, []).append(len(team.members))
    assert all(max(s) - min(s) <= 1 for s in sizes.values())  # balanced within a district


def test_http_sign_up_and_teams(client, db, site, campaign, make_account, login_as):
    page = client.get("/en/volunteers/campaigns/nuit")
    assert page.status_code == 200
    assert "Je respecte la dignité" in page.text
    login_as()
    refused = client.post(
        "/en/volunteers/campaigns/nuit/signup", data={"role": "team_leader", "district": "18"}
    )
    assert refused.status_code == 400
    assert "This box must be ticked" in refused.text
    ok = client.post(
        "/en/volunteers/campaigns/nuit/signup", data={"role": "team_leader", "district": "18", "charter": "1"}
    )
    assert "You are signed up as Team leader in 18e" in ok.text
    for _ in range(8):
        account = make_account()
        campaigns.sign_up(
            db,
            site,
            campaign,
            account,
            role=CampaignRole.FIELD_VOLUNTEER,
            district="18",
            charter_accepted=True,
        )
    db.commit()
    assert client.get("/en/volunteers/campaigns/nuit/teams").status_code == 403
    login_as("official")
    client.post("/en/volunteers/campaigns/nuit/teams", data={"action": "propose"})
    teams = db.scalars(select(CampaignTeam)).all()
    assert len(teams) == 1  # one leader in the 18th: one team, flagged as too large
    page = client.get("/en/volunteers/campaigns/nuit/teams")
    assert "Team 1 has 9 people" in page.text
    client.post("/en/volunteers/campaigns/nuit/teams", data={"action": "add", "district": "18"})
    signups = db.scalars(select(CampaignSignup).order_by(CampaignSignup.id)).all()
    new_team = db.scalar(select(CampaignTeam).where(CampaignTeam.number == 2))
    moves = {f"team-{s.id}": str(new_team.id) for s in signups[-4:]}
    client.post("/en/volunteers/campaigns/nuit/teams", data={"action": "assign", **moves, "team-999999": "1"})
    db.expire_all()
    assert sum(1 for s in db.scalars(select(CampaignSignup)) if s.team_id == new_team.id) == 4
    assert "Team 2 has no team leader" in client.get("/en/volunteers/campaigns/nuit/teams").text


def test_withdraw(client, db, campaign, login_as):
    login_as()
    client.post(
        "/en/volunteers/campaigns/nuit/signup",
        data={"role": "field_volunteer", "district": "11", "charter": "1"},
    )
    response = client.post("/en/volunteers/campaigns/nuit/withdraw")
    assert "no longer signed up" in response.text
    assert db.scalar(select(CampaignSignup)) is None
