"""Moderation in a real browser, in French, English and Japanese: a citizen comments on a budget
idea, another reports the comment, a moderator hides it with a reason from the queue, and its author
sees why; axe-core on each page. (Hiding the idea itself: tests/plugins/budget/test_budget_moderation.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from parvis.plugins.budget.services.ideas import IdeaInput, submit_idea

from .test_budget import campaign_with_projects, resident, sign_in

LOCALES = ["fr", "en", "ja"]
HIDDEN = {
    "fr": "Masqué par la modération.",
    "en": "Hidden by moderation.",
    "ja": "モデレーションにより非表示",
}
THANKS = {
    "fr": "Merci\u202f: les modérateurs",
    "en": "Thank you: moderators",
    "ja": "通報はモデレーターが確認します",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_reported_comment_is_hidden_and_its_author_sees_why(page, a11y, db, site, make_account, locale):
    campaign, _made = campaign_with_projects(db, site, "ideas", f"moderation-{locale}", count=0)
    idea = submit_idea(
        db,
        site,
        campaign,
        resident(make_account).person,
        IdeaInput("Un jardin partagé", "Un jardin partagé au pied des immeubles.", "11", "environment"),
    )
    db.commit()
    path = f"/{locale}/budget/{campaign.slug}/ideas/{idea.public_id}"
    ad = "Achetez mes chaussures, prix cassés"

    # A citizen comments on the idea.
    author = resident(make_account)
    sign_in(page, author, locale)
    page.goto(path)
    page.locator("form.comment-form textarea").fill(ad)
    page.locator("form.comment-form button[type=submit]").click()
    expect(page.locator("ol.comment-list article").first).to_contain_text(ad)

    # Another reports the comment.
    sign_in(page, resident(make_account), locale)
    page.goto(path)
    page.locator("ol.comment-list .comment-actions a.report-link").first.click()
    a11y(page)
    page.locator("#f-reason-1").check()  # spam or advertising
    page.locator("#f-note").fill("Publicité")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status").first).to_contain_text(THANKS[locale])
    page.context.clear_cookies()

    # A moderator hides it from the queue, with a reason.
    sign_in(page, make_account("moderator"), locale)
    page.goto(f"/{locale}/admin/moderation")
    expect(page.locator("main table").first).to_contain_text("Un jardin partagé")
    a11y(page)
    page.locator("main table a", has_text="Un jardin partagé").first.click()
    expect(page.locator("main")).to_contain_text(ad)
    a11y(page)
    page.locator("#f-decision-1").check()  # hide
    page.locator("#f-reason").fill("Annonce commerciale sans rapport avec le budget")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(f"/{locale}/admin/moderation")
    page.context.clear_cookies()

    # Others no longer see it; its author sees why, on the idea's page.
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    assert ad not in page.locator("main").inner_text()
    sign_in(page, author, locale)
    page.goto(path)
    notice = page.locator("ol.comment-list .notice-warning")
    expect(notice).to_contain_text(HIDDEN[locale])
    expect(notice).to_contain_text("Annonce commerciale sans rapport avec le budget")
    a11y(page)
