"""The core journeys in a real browser: home page in each language, accounts, language switch."""

import re

import pytest
from playwright.sync_api import expect

from parvis.testing import TEST_PASSWORD

HOME_TITLES = {
    "fr": "Participation citoyenne à Paris",
    "en": "Citizen participation in Paris",
    "ja": "パリの市民参加",
}


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_home_page_in_each_language_is_accessible(page, a11y, locale):
    page.goto(f"/{locale}/")
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_TITLES[locale])
    a11y(page)


def test_root_negotiates_the_language_from_the_browser(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="ja-JP")
    page = context.new_page()
    page.goto("/")
    assert page.url.endswith("/ja/")
    context.close()


def test_skip_link_moves_keyboard_focus_to_main_content(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_sign_up_sign_out_and_sign_in(page, a11y):
    page.goto("/en/signup")
    a11y(page)
    page.get_by_label("Name shown on the site").fill("Ada Lovelace")
    page.get_by_label("E-mail address").fill("ada@example.org")
    page.get_by_label("Password", exact=True).fill("a long enough secret")
    page.get_by_label("Password again").fill("a long enough secret")
    page.get_by_label("I have read how my personal data is used").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/en/signup/sent"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    a11y(page)
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill("ada@example.org")
    page.get_by_label("Password").fill("a long enough secret")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/en/account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_role("main")).to_contain_text("not confirmed yet")
    a11y(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You are signed out.")


def test_signup_errors_are_listed_and_focused(page, a11y):
    page.goto("/en/signup")
    page.get_by_role("button", name="Create my account").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("This field is required.")
    a11y(page)


def test_switching_language_keeps_the_page(page, make_account):
    account = make_account(email="lang@example.org")
    page.goto("/en/login")
    page.get_by_label("E-mail address").fill(account.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/en/account"))
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/fr/account$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    page.goto("/")
    assert page.url.endswith("/fr/"), "the chosen language is remembered"


def test_the_accessibility_check_reports_a_violation(page, a11y):
    """The check runs axe-core for real: an image without a text alternative fails it."""
    page.goto("/en/")
    page.evaluate(
        """() => { const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').append(img); }"""
    )
    with pytest.raises(AssertionError, match="image-alt"):
        a11y(page)
