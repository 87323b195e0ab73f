"""An administrator makes a citizen a city official, who then signs in and reaches the back office
(in each language, every page checked for accessibility)."""

import re

import pytest
from playwright.sync_api import expect

from parvis.i18n import _, use_locale
from parvis.testing import TEST_PASSWORD


def text(locale, message, **values):
    with use_locale(locale):
        return _(message).format(**values)


def sign_in(page, locale, email):
    page.goto(f"/{locale}/login")
    page.locator("#f-email").fill(email)
    page.locator("#f-password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/{locale}/(account|admin)"))  # officials land on their space


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_an_administrator_makes_a_citizen_an_official(page, a11y, make_account, locale):
    make_account("admin", email="root@example.org")
    citizen = make_account(email="camille@example.org", given_name="Camille", family_name="Roux")
    sign_in(page, locale, "root@example.org")
    page.goto(f"/{locale}/admin")
    a11y(page)
    page.get_by_role("link", name=text(locale, "Accounts and roles")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text(locale, "Accounts and roles"))
    a11y(page)
    page.get_by_label(text(locale, "Name or e-mail address")).fill("camille")
    page.locator("#main").get_by_role("button", name=text(locale, "Search")).click()
    page.get_by_role("link", name="Camille Roux").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camille Roux")
    a11y(page)
    official = text(locale, "City official")
    page.get_by_role("button", name=text(locale, "Grant the role {role}", role=official)).click()
    expect(page.get_by_role("status")).to_contain_text(
        text(locale, "{name} is now {role}.", name="Camille Roux", role=official)
    )
    expect(
        page.get_by_role("button", name=text(locale, "Revoke the role {role}", role=official))
    ).to_be_visible()
    a11y(page)
    page.locator("form[action$='/logout'] button").click()

    sign_in(page, locale, citizen.email)
    page.goto(f"/{locale}/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text(text(locale, "Back office"))
    expect(page.get_by_role("link", name=text(locale, "Accounts and roles"))).to_have_count(0)
    a11y(page)
