"""Comments in a real browser, in French, English and Japanese: a resident comments on a budget
idea, another replies, an official posts the official answer; htmx swaps the thread in place and
moves focus to the new comment; axe-core on every state."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from parvis.db import utcnow
from parvis.plugins.budget.models import Idea, PhaseKind
from parvis.plugins.budget.services import campaigns
from parvis.testing import TEST_PASSWORD

DAY = timedelta(days=1)


def sign_in(page, account, locale: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/{locale}/login")
    page.locator("#f-email").fill(account.email)
    page.locator("#f-password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login"))


def focused_comment(page) -> str:
    """The id of the comment that has the focus, once the swap has moved it there (a busy machine
    may run the check between the new comment's text and its focus)."""
    page.wait_for_function("() => /^comment-/.test((document.activeElement || {}).id || '')")
    return page.evaluate("() => document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_residents_discuss_an_idea_and_an_official_answers(page, a11y, db, site, make_account, locale):
    now = utcnow()
    campaign = campaigns.create_campaign(
        db,
        site,
        slug=f"debat-{locale}",
        year=2026,
        title="Budget participatif 2026",
        total=1_000_000_00,
        phases={
            PhaseKind.IDEAS: (now - DAY, now + 20 * DAY),
            PhaseKind.VOTE: (now + 30 * DAY, now + 40 * DAY),
        },
    )
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
    path = f"/{locale}/budget/{campaign.slug}/ideas/{idea.public_id}"
    facts = {"birth_date": date(1984, 6, 1), "resident": True, "district": "11"}
    first, second, official = make_account(**facts), make_account(**facts), make_account("official")

    sign_in(page, first, locale)
    page.goto(path)
    a11y(page)
    page.locator("form.comment-form textarea").fill("Il en faut aussi près de l'aire de jeux.")
    page.locator("form.comment-form button[type=submit]").click()
    comment = page.locator("ol.comment-list > li.comment article").first
    expect(comment).to_contain_text("Il en faut aussi près de l'aire de jeux.")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))  # swapped in place, no reload
    assert re.fullmatch(r"comment-[\w-]+", focused_comment(page) or "")
    a11y(page)

    sign_in(page, second, locale)
    page.goto(path)
    page.locator("details.comment-reply summary").first.click()
    page.locator("details.comment-reply textarea").first.fill("D'accord, et des fontaines.")
    page.locator("details.comment-reply button[type=submit]").first.click()
    reply = page.locator("ol.comment-replies article").first
    expect(reply).to_contain_text("D'accord, et des fontaines.")
    page.locator("ol.comment-list > li.comment article form.comment-votes button").first.click()
    expect(page.locator("ol.comment-list form.comment-votes button[aria-pressed=true]").first).to_be_visible()
    a11y(page)

    sign_in(page, official, locale)
    page.goto(path)
    page.locator("details.comment-reply summary").first.click()
    page.locator("details.comment-reply textarea").first.fill("Les bancs seront étudiés avec le square.")
    page.locator("details.comment-reply input[name=official]").first.check()
    page.locator("details.comment-reply button[type=submit]").first.click()
    answer = page.locator("ol.comment-replies > li.comment-official article").first
    expect(answer).to_contain_text("Les bancs seront étudiés avec le square.")
    expect(answer.locator(".tag-official")).to_be_visible()
    expect(page.locator("ol.comment-replies > li").first).to_have_class(re.compile("comment-official"))
    a11y(page)
