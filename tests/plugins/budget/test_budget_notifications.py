"""An idea's author follows it, and is told (in-app) when an official reviews it."""

from __future__ import annotations

from sqlalchemy import select

from parvis.api.content import ContentRef
from parvis.api.notifications import is_following
from parvis.auth import load_actor
from parvis.identity import Person
from parvis.notifications.models import Notification
from parvis.plugins.budget.services import ideas, review


def test_an_idea_s_author_follows_it_and_is_told_of_its_review(db, site, make_campaign, voter, make_account):
    campaign = make_campaign("ideas")
    author_account = voter()
    author = db.get(Person, author_account.person_id)
    idea = ideas.submit_idea(
        db, site, campaign, author, ideas.IdeaInput("Fontaines", "Une idée utile.", "11", "environment")
    )
    assert is_following(db, author_account, ContentRef("budget.idea", idea.public_id))
    review.review_idea(db, idea, load_actor(db, make_account("official")), failed=[])
    db.commit()
    told = db.scalars(select(Notification).where(Notification.account_id == author_account.id)).all()
    assert [(n.event, n.title) for n in told] == [("status_changed", "Fontaines")]
