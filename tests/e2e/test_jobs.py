"""A job's page in a real browser: accessible while waiting, done or failed, followed by htmx with
JavaScript, and by a plain "Refresh" link without it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from parvis.jobs.models import Job, JobStatus, Visibility
from parvis.testing import TEST_PASSWORD


@pytest.fixture
def parvis_plugins():
    return ["youth_council"]


def sign_in(page, account):
    page.goto("/en/login")
    page.get_by_label("E-mail address").fill(account.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/en/account"))


def job(db, owner, **values):
    """A job row as a worker leaves it (never queued: no worker touches it)."""
    row = Job(kind="councils.draw", owner_id=owner.id, locale="en", visibility=Visibility.OFFICIALS, **values)
    db.add(row)
    db.commit()
    return row


def test_job_pages_are_accessible_and_followed_by_htmx(page, a11y, db, make_account):
    official = make_account("official", email="official-jobs@example.org")
    waiting = job(db, official, status=JobStatus.RUNNING, percent=40, step="Drawing the seats by lot")
    failed = job(
        db,
        official,
        status=JobStatus.FAILED,
        error_message="No application can enter the draw.",
        error="Refused: No application can enter the draw.",
    )
    sign_in(page, official)
    page.goto(f"/en/jobs/{waiting.public_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Draw of a call for applications")
    expect(page.get_by_label("Progress")).to_have_attribute("value", "40")
    expect(page.get_by_text("Drawing the seats by lot")).to_be_visible()
    a11y(page)
    waiting.status, waiting.result = JobStatus.DONE, {"url": "/en/bodies", "message": "The draw is done."}
    db.commit()
    expect(page).to_have_url(re.compile(r"/en/bodies$"), timeout=60_000)  # htmx went on by itself
    expect(page.get_by_role("status").first).to_contain_text("The draw is done.")
    page.goto(f"/en/jobs/{waiting.public_id}")
    expect(page.get_by_role("link", name="Continue")).to_be_visible()
    a11y(page)
    page.goto(f"/en/jobs/{failed.public_id}")
    expect(page.get_by_text("No application can enter the draw.", exact=True)).to_be_visible()
    a11y(page)


def test_without_javascript_a_refresh_link_follows_the_job(browser, live_server, db, make_account):
    official = make_account("official", email="official-nojs@example.org")
    running = job(db, official, status=JobStatus.QUEUED)
    context = browser.new_context(base_url=live_server, java_script_enabled=False, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, official)
        page.goto(f"/en/jobs/{running.public_id}")
        expect(page.get_by_text("Waiting to start")).to_be_visible()
        running.status, running.result = JobStatus.DONE, {"url": "/en/bodies"}
        db.commit()
        page.get_by_role("link", name="Refresh").click()
        page.get_by_role("link", name="Continue").click()
        expect(page).to_have_url(re.compile(r"/en/bodies$"))
    finally:
        context.close()
