"""Following a recommendation in a real browser: a citizen follows it, an official changes its
follow-up status, and the citizen receives the mail (captured over SMTP) in their language, with
a one-click unsubscribe link that works. Every page visited passes axe's WCAG 2.1 AA checks."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from parvis.demo import DEMO_PASSWORD
from parvis.identity import Account
from parvis.testing import translated as t

CITIZEN = "citizen@example.org"


@pytest.fixture
def parvis_plugins():
    return ["assembly"]  # the past recommendations are the Citizens' Assembly's


def sign_in(page, locale, email):
    page.goto(f"/{locale}/login")
    page.locator("#f-email").fill(email)
    page.locator("#f-password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login"))


def wait_for_mail(inbox, address, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := inbox.to(address):
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no mail to {address}")


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_a_citizen_follows_a_recommendation_and_is_mailed_when_its_status_changes(
    page, a11y, db, followup_demo, smtp_server, locale
):
    citizen = db.scalar(select(Account).where(Account.email == CITIZEN))
    citizen.locale = locale
    db.commit()
    sign_in(page, locale, CITIZEN)
    page.goto(f"/{locale}/decisions/{followup_demo.public_id}")
    page.get_by_role("button", name=t(locale, "Follow"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(followup_demo.title)
    expect(page.get_by_role("button", name=t(locale, "Stop following"))).to_be_visible()
    a11y(page)
    page.get_by_role("button", name=t(locale, "Sign out")).click()

    sign_in(page, "en", "official@example.org")
    page.goto(f"/en/admin/decisions/{followup_demo.public_id}/follow-up")
    page.get_by_label("Status", exact=True).select_option("done")
    page.get_by_label("Progress (%)").fill("100")
    page.get_by_role("button", name="Save the follow-up").click()
    expect(page.get_by_role("status")).to_be_visible()
    page.goto(f"/{locale}/admin/newsletters/new")  # the newsletters' back office is axe-clean too
    expect(page.get_by_role("heading", level=1)).to_have_text(t(locale, "New newsletter"))
    a11y(page)
    page.get_by_role("button", name=t(locale, "Sign out")).click()

    message = wait_for_mail(smtp_server, CITIZEN)
    assert message["Content-Language"] == locale
    assert followup_demo.title in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    assert t(locale, "Done") in text
    assert f"/{locale}/decisions/{followup_demo.public_id}" in text

    unsubscribe = str(message["List-Unsubscribe"]).strip().strip("<>")
    page.goto(urlsplit(unsubscribe).path)
    expect(page.get_by_role("heading", level=1)).to_have_text(t(locale, "Stop these e-mails"))
    a11y(page)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text(CITIZEN)
    a11y(page)

    sign_in(page, locale, CITIZEN)
    page.locator(".notifications-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(locale, "Notifications"))
    expect(page.locator(".notifications")).to_contain_text(followup_demo.title)
    a11y(page)
    page.get_by_role("link", name=t(locale, "Choose how often you receive them by e-mail")).click()
    never = page.get_by_role("radio", name=t(locale, "Never: only on the site"))
    expect(never).to_be_checked()  # the one-click unsubscribe chose it
    a11y(page)
