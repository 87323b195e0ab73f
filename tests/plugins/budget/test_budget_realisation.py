"""Realisation: winning projects get a follow-up decision in core's tracker; completed projects
show on the public list and in the campaign statistics."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from parvis.api.photos import Photo
from parvis.auth import load_actor
from parvis.decisions import followup
from parvis.decisions.models import Decision, FollowUpStatus
from parvis.plugins.budget.models import ProjectStatus
from parvis.plugins.budget.services import results, stats

from .helpers import store_ballots


def _png() -> bytes:
    """A real (tiny) PNG: core decodes and re-encodes every uploaded photo."""
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(out, "PNG")
    return out.getvalue()


PNG = _png()


def test_winners_are_followed_in_the_core_tracker(
    client, db, site, make_campaign, make_project, make_account, login_as
):
    campaign = make_campaign("closed")
    won = make_project(campaign, title="Forêt urbaine", cost=10_00)
    lost = make_project(campaign, title="Kiosque", cost=100_000_00)
    store_ballots(db, campaign, "city", [[3, 0]] * 3)
    official = make_account("official")
    results.publish(db, site, campaign, actor=load_actor(db, official))
    db.commit()
    assert won.status == ProjectStatus.SELECTED
    assert lost.status == ProjectStatus.NOT_SELECTED
    decision = db.get(Decision, won.decision_id)
    assert decision.type == "budget_project"
    assert decision.title == "Forêt urbaine"
    assert decision.followup is not None
    assert lost.decision_id is None

    actor = load_actor(db, official)
    followup.add_milestone(db, site, decision, actor, title="Plantation")
    followup.update_followup(db, site, decision, actor, status=FollowUpStatus.DONE, progress=100)
    db.commit()
    assert stats.campaign_stats(db, campaign).completed == 1

    page = client.get(f"/en/budget/{campaign.slug}/realisations")
    assert page.status_code == 200
    assert "1 of 1 winning projects completed." in page.text
    assert "Done" in page.text
    decision_page = client.get(f"/en/decisions/{decision.public_id}")
    assert decision_page.status_code == 200
    assert "Plantation" in decision_page.text

    login_as("official")
    admin = client.get(f"/en/admin/budget/{campaign.slug}/realisation")
    assert admin.status_code == 200
    assert f"/admin/decisions/{decision.public_id}/follow-up" in admin.text
    added = client.post(
        f"/en/admin/budget/{campaign.slug}/realisation/{won.public_id}/photos",
        files={"photo": ("p.png", PNG, "image/png")},
        data={"description": "Les arbres plantés", "taken_on": "2027-04-02"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert db.scalar(select(Photo)).taken_on.isoformat() == "2027-04-02"
    refused = client.post(
        f"/en/admin/budget/{campaign.slug}/realisation/{lost.public_id}/photos",
        files={"photo": ("p.png", PNG, "image/png")},
        follow_redirects=False,
    )
    assert refused.status_code == 303
    assert db.scalar(select(Photo).where(Photo.owner_key == lost.public_id)) is None
    project_page = client.get(f"/en/budget/{campaign.slug}/projects/{won.public_id}")
    assert "Les arbres plantés" in project_page.text
    again = client.post(f"/en/admin/budget/{campaign.slug}/realisation/track", follow_redirects=False)
    assert again.status_code == 303
    assert db.scalar(select(Decision).where(Decision.id != decision.id)) is None


def test_the_map_shows_winning_projects_that_have_a_place(
    client, db, site, make_campaign, make_project, make_account
):
    campaign = make_campaign("closed")
    placed = make_project(campaign, title="Forêt urbaine", cost=10_00)
    unplaced = make_project(campaign, title="Bancs", cost=10_00)
    lost = make_project(campaign, title="Kiosque", cost=100_000_00)
    for project in (placed, lost):
        project.latitude, project.longitude = 48.8412, 2.3601
    db.commit()
    before = client.get(f"/en/budget/{campaign.slug}/realisations")
    assert 'id="realisations-map"' not in before.text, "no map before there are winners to show"
    store_ballots(db, campaign, "city", [[3, 3, 0]] * 3)
    results.publish(db, site, campaign, actor=load_actor(db, make_account("official")))
    db.commit()
    assert unplaced.status == ProjectStatus.SELECTED
    page = client.get(f"/en/budget/{campaign.slug}/realisations")
    assert 'id="realisations-map"' in page.text
    assert "leaflet.js" in page.text
    assert "Bancs" in page.text, "the table still lists every winner"
    pins = client.get(f"/fr/budget/{campaign.slug}/realisations/pins.json").json()["pins"]
    assert pins == [
        {
            "title": "Forêt urbaine (Non commencée)",
            "lat": 48.8412,
            "lon": 2.3601,
            "url": f"/fr/budget/{campaign.slug}/projects/{placed.public_id}",
            "completed": False,
        }
    ]
