"""The budget in core's conversation: comments on ideas from the submission of ideas on, supports
during it (once, withdrawn at will), debates in a campaign."""

from datetime import date

import pytest

from parvis.api import Refused, load_actor
from parvis.api.comments import has_supported, post_comment, support, support_count, withdraw
from parvis.api.content import ContentRef
from parvis.plugins.budget.models import Idea


@pytest.fixture
def idea_in(db, site):
    def factory(campaign):
        idea = Idea(
            campaign_id=campaign.id,
            title="Des bancs à l'ombre",
            description="Des bancs sous les arbres du square.",
            level="city",
            theme=site.settings("budget").themes[0].code,
            author_name="A. Resident",
        )
        db.add(idea)
        db.commit()
        return ContentRef("budget.idea", idea.public_id)

    return factory


@pytest.mark.hooks("register_commenting")
def test_ideas_take_comments_from_the_submission_of_ideas_on(db, site, make_campaign, idea_in, voter):
    resident = load_actor(db, voter())
    before, during, later = (
        idea_in(make_campaign("before")),
        idea_in(make_campaign("ideas")),
        idea_in(make_campaign("vote")),
    )
    with pytest.raises(Refused, match="submission of ideas"):
        post_comment(db, site, resident, before, "Trop tôt")
    assert post_comment(db, site, resident, during, "Bonne idée").parent_id is None
    assert post_comment(db, site, resident, later, "Toujours d'actualité")


@pytest.mark.hooks("register_supports")
def test_an_eligible_resident_supports_an_idea_once_during_the_idea_phase(
    db, site, make_campaign, idea_in, voter
):
    resident = load_actor(db, voter())
    ref = idea_in(make_campaign("ideas"))
    support(db, site, resident, ref)
    with pytest.raises(Refused):
        support(db, site, resident, ref)
    assert support_count(db, ref) == 1 and has_supported(db, resident, ref)
    withdraw(db, site, resident, ref)
    assert support_count(db, ref) == 0
    closed = idea_in(make_campaign("vote"))
    with pytest.raises(Refused, match="only during the submission of ideas"):
        support(db, site, resident, closed)


def test_an_idea_page_shows_its_supports_and_comments(client, db, make_campaign, idea_in, login_as):
    campaign = make_campaign("ideas")
    ref = idea_in(campaign)
    login_as(birth_date=date(1980, 1, 1), resident=True, district="11")
    page = client.get(f"/en/budget/{campaign.slug}/ideas/{ref.key}")
    assert page.status_code == 200
    assert "0 supports" in page.text and "Your comment" in page.text
    answer = client.post(f"/en/supports/budget.idea/{ref.key}", data={}, follow_redirects=True)
    assert "1 support" in answer.text and "Withdraw my support" in answer.text
    assert client.get(f"/en/debates/in/budget.campaign/{campaign.slug}").status_code == 200
