"""The budget's ideas as content: what comments, moderation and notifications see of them."""

from parvis.api import Person
from parvis.api.content import ContentRef, load, url
from parvis.plugins.budget.models import Idea


def test_an_idea_loads_with_its_author_account_and_a_page_that_answers(
    db, site, client, make_campaign, make_account
):
    campaign = make_campaign("ideas")
    account = make_account()
    person = db.get(Person, account.person_id)
    idea = Idea(
        campaign_id=campaign.id,
        title="Des fontaines à boire",
        description="Une fontaine par square.",
        level="city",
        theme=site.settings("budget").themes[0].code,
        author_person_id=person.id,
        author_name="A. Resident",
    )
    db.add(idea)
    db.commit()
    item = load(db, site, ContentRef("budget.idea", idea.public_id))
    assert item is not None and (item.title, item.text) == (idea.title, idea.description)
    assert item.author_account_id == account.id and item.public
    assert client.get(url(item, "en")).status_code == 200


def test_an_idea_hidden_by_a_moderator_leaves_the_site_search(db, site, make_campaign, make_account):
    from parvis.api import load_actor
    from parvis.api.search import rebuild, search
    from parvis.moderation.decisions import Decision, decide

    campaign = make_campaign("ideas")
    idea = Idea(
        campaign_id=campaign.id,
        title="Un potager sur le toit",
        description="Des bacs de culture.",
        level="city",
        theme=site.settings("budget").themes[0].code,
        author_name="A. Resident",
    )
    db.add(idea)
    db.flush()
    rebuild(db, site)
    assert [hit.ref.key for hit in search(db, site, "potager").hits] == [idea.public_id]
    moderator = load_actor(db, make_account("moderator"))
    decide(db, site, moderator, ContentRef("budget.idea", idea.public_id), Decision.HIDE, reason="Spam")
    assert not search(db, site, "potager").hits
