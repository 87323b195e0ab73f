"""Co-construction: workshops merge admissible ideas into projects (keeping the link), officials
cost them, flag Qpop projects and put them on the ballots in a fixed order."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from parvis.auth import load_actor
from parvis.identity import Person
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import CITY, Idea, IdeaStatus, Project, ProjectStatus
from parvis.plugins.budget.services import ideas, projects, review


@pytest.fixture
def admissible(db, site, make_campaign, voter, make_account):
    campaign = make_campaign("ideas")
    author = db.get(Person, voter().person_id)
    official = load_actor(db, make_account("official"))
    found = []
    for title in ("Fontaines", "Bancs", "Arbres"):
        idea = ideas.submit_idea(
            db, site, campaign, author, ideas.IdeaInput(title, "Une idée utile.", "11", "environment")
        )
        review.review_idea(db, idea, official, failed=[])
        found.append(idea)
    db.commit()
    return campaign, found


def test_ideas_merge_into_a_project_and_keep_the_link(client, db, site, admissible, login_as):
    campaign, found = admissible
    login_as("official")
    workshop = client.post(
        f"/en/admin/budget/{campaign.slug}/workshops/new",
        data={"title": "Atelier du 11e", "level": "11", "held_on": "2026-03-12", "place": "Mairie du 11e"},
        follow_redirects=False,
    )
    assert workshop.status_code == 303
    form = client.get(f"/en/admin/budget/{campaign.slug}/projects/new?level=11")
    assert "Fontaines" in form.text
    data = {
        "title": "Un quartier plus frais",
        "description": "Fontaines, bancs et arbres.",
        "level": "11",
        "theme": "environment",
        "cost": "250000",
        "qpop": "1",
        "ideas": [found[0].public_id, found[1].public_id],
    }
    created = client.post(f"/en/admin/budget/{campaign.slug}/projects/new", data=data, follow_redirects=False)
    assert created.status_code == 303, created.text[:1500]
    project = db.scalar(select(Project))
    assert sorted(i.title for i in project.ideas) == ["Bancs", "Fontaines"]
    assert project.cost == 250_000_00
    assert project.qpop
    db.expire_all()
    assert db.get(Idea, found[0].id).status == IdeaStatus.IN_PROJECT
    assert db.get(Idea, found[2].id).status == IdeaStatus.ADMISSIBLE
    idea_page = client.get(f"/en/budget/{campaign.slug}/ideas/{found[0].public_id}")
    assert "Un quartier plus frais" in idea_page.text
    # An idea joins one project only.
    with pytest.raises(BudgetRefused):
        projects.create_project(
            db,
            site,
            campaign,
            projects.ProjectInput("Autre", "", "11", "environment"),
            ideas=[db.get(Idea, found[0].id)],
        )
    ballot = client.post(
        f"/en/admin/budget/{campaign.slug}/projects/{project.public_id}/ballot",
        data={"action": "add"},
        follow_redirects=False,
    )
    assert ballot.status_code == 303
    db.expire_all()
    assert db.get(Project, project.id).status == ProjectStatus.ON_BALLOT
    public = client.get(f"/en/budget/{campaign.slug}/projects/{project.public_id}")
    assert "Fontaines" in public.text
    assert "Working-class neighbourhood" in public.text


def test_ballot_positions_stay_dense(db, site, make_campaign, make_project):
    campaign = make_campaign("ideas")
    made = [make_project(campaign) for _ in range(4)]
    assert [p.ballot_position for p in made] == [0, 1, 2, 3]
    projects.take_off_ballot(db, made[1], not_feasible=True)
    db.commit()
    assert [p.ballot_position for p in projects.ballot_projects(db, campaign, CITY)] == [0, 1, 2]
    assert [p.id for p in projects.ballot_projects(db, campaign, CITY)] == [
        made[0].id,
        made[2].id,
        made[3].id,
    ]
    assert made[1].status == ProjectStatus.NOT_FEASIBLE
    uncosted = make_project(campaign, cost=None, on_ballot=False)
    with pytest.raises(BudgetRefused, match="Cost the project"):
        projects.put_on_ballot(db, uncosted)


def test_project_pages_validate_input(client, db, make_campaign, make_project, login_as):
    campaign = make_campaign("ideas")
    project = make_project(campaign)
    login_as("official")
    bad = client.post(
        f"/en/admin/budget/{campaign.slug}/projects/{project.public_id}",
        data={"title": "", "description": "x", "level": "nowhere", "theme": "environment", "cost": "12,345"},
    )
    assert bad.status_code == 400
    assert "This field is required." in bad.text
    assert "Enter an amount" in bad.text
    moved = client.post(
        f"/en/admin/budget/{campaign.slug}/projects/{project.public_id}",
        data={"title": "T", "description": "x", "level": "12", "theme": "environment", "cost": "10000"},
    )
    assert moved.status_code == 400
    assert "off the ballot" in moved.text
    assert (
        client.post(
            f"/en/admin/budget/{campaign.slug}/projects/{project.public_id}/ballot", data={"action": "x"}
        ).status_code
        == 400
    )
    assert client.get(f"/en/admin/budget/{campaign.slug}/projects/nope").status_code == 404
    listing = client.get(f"/en/admin/budget/{campaign.slug}/projects")
    assert listing.status_code == 200
    assert project.title in listing.text


def test_a_project_is_placed_on_the_map_with_both_coordinates(
    client, db, make_campaign, make_project, login_as
):
    campaign = make_campaign("ideas")
    project = make_project(campaign)
    login_as("official")
    path = f"/en/admin/budget/{campaign.slug}/projects/{project.public_id}"
    fields = {"title": project.title, "description": "x", "level": project.level, "theme": project.theme}
    half = client.post(path, data={**fields, "latitude": "48.85"})
    assert half.status_code == 400
    assert "Give both the latitude and the longitude, or neither." in half.text
    far = client.post(path, data={**fields, "latitude": "148.85", "longitude": "2.35"})
    assert far.status_code == 400
    assert "Enter a number between -90 and 90." in far.text
    french = client.post(
        f"/fr/admin/budget/{campaign.slug}/projects/{project.public_id}",
        data={**fields, "latitude": "48,8412", "longitude": "2,3601"},
        follow_redirects=False,
    )
    assert french.status_code == 303
    db.refresh(project)
    assert (project.latitude, project.longitude) == (48.8412, 2.3601)
    assert 'value="48.8412"' in client.get(path).text
    cleared = client.post(path, data=fields, follow_redirects=False)
    assert cleared.status_code == 303
    db.refresh(project)
    assert (project.latitude, project.longitude) == (None, None)
