"""A forgotten password, reset in a real browser from the mail captured over SMTP, in each
language; every page visited is checked for accessibility."""

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

NEW_PASSWORD = "a sentence nobody else would type"
FORGOT = {"fr": "Mot de passe oublié ?", "en": "Forgot your password?", "ja": "パスワードをお忘れですか？"}
SENT = {"fr": "Consultez votre messagerie", "en": "Check your inbox", "ja": "メールを確認してください"}
CHOOSE = {
    "fr": "Choisir un nouveau mot de passe",
    "en": "Choose a new password",
    "ja": "新しいパスワードの設定",
}
ACCOUNT = {"fr": "Mon compte", "en": "My account", "ja": "マイアカウント"}


def wait_for_mail(inbox, address, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := inbox.to(address):
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no mail to {address}")


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_reset_a_forgotten_password_from_the_mail_then_sign_in(page, a11y, make_account, smtp_server, locale):
    account = make_account(email=f"forgetful-{locale}@example.org")
    page.goto(f"/{locale}/login")
    a11y(page)
    page.get_by_role("link", name=FORGOT[locale]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FORGOT[locale])
    a11y(page)
    page.locator("#f-email").fill(account.email)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{locale}/password/forgot/sent$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SENT[locale])
    a11y(page)

    message = wait_for_mail(smtp_server, account.email)
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/password/reset/[\w-]+", text).group(0)
    page.goto(urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text(CHOOSE[locale])
    a11y(page)
    page.locator("#f-password").fill(NEW_PASSWORD)
    page.locator("#f-password_again").fill(NEW_PASSWORD + " typo")
    page.locator("main form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    a11y(page)
    page.locator("#f-password").fill(NEW_PASSWORD)
    page.locator("#f-password_again").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/{locale}/login$"))
    expect(page.get_by_role("status")).to_be_visible()
    a11y(page)
    page.locator("#f-email").fill(account.email)
    page.locator("#f-password").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{locale}/account$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ACCOUNT[locale])
    a11y(page)
