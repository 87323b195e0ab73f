"""Publishing the results and reviewing ideas are in the audit log."""

import numpy as np
from sqlalchemy import select

from parvis.plugins.budget.models import Idea
from parvis.testing import audit_entries, login

from .helpers import store_ballots
from .test_budget_ideas import submit


def test_publishing_the_results_leaves_one_entry(client, db, make_campaign, make_project, login_as):
    campaign = make_campaign("closed")
    for _ in range(3):
        make_project(campaign)
    store_ballots(db, campaign, "city", np.random.default_rng(3).integers(0, 4, size=(20, 3)).tolist())
    db.commit()
    official = login_as("official")
    client.post(f"/en/admin/budget/{campaign.slug}/publish")
    client.post(f"/en/admin/budget/{campaign.slug}/publish")  # refused: already published
    [entry] = audit_entries(db)
    assert (entry.action, entry.actor_id) == ("budget.results.publish", official.id)
    assert (entry.target_type, entry.target_id) == ("budget_campaign", campaign.public_id)


def test_an_admissibility_review_leaves_one_entry(client, db, make_campaign, voter, login_as):
    campaign = make_campaign("ideas")
    login(client, voter())
    submit(client, campaign, title="Subvention pour mon association")
    idea = db.scalar(select(Idea))
    client.cookies.clear()
    login_as("official")
    path = f"/en/admin/budget/{campaign.slug}/ideas/{idea.public_id}"
    client.post(path, data={"failed": ["investment"]})  # refused: no reason given
    client.post(path, data={"failed": ["investment"], "reason": "Pas un investissement."})
    [entry] = audit_entries(db)
    assert (entry.action, entry.target_id, entry.details) == (
        "budget.idea.review",
        idea.public_id,
        {"failed": ["investment"]},
    )
