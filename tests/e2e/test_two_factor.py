"""Two-factor authentication in a real browser, in each language: turn it on from the account's
security page, sign out, sign in again with a code from an authenticator app (pyotp here)."""

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from parvis.testing import TEST_PASSWORD

TEXT = {
    "fr": {
        "sign_in": "Se connecter",
        "email": "Adresse e-mail",
        "password": "Mot de passe",
        "security": "Connexion et sécurité",
        "turn_on": "Activer la double authentification",
        "code_shown": "Code affiché par l’application",
        "kept": "J’ai conservé mes codes de secours",
        "sign_out": "Se déconnecter",
        "code": "Code",
    },
    "en": {
        "sign_in": "Sign in",
        "email": "E-mail address",
        "password": "Password",
        "security": "Sign-in and security",
        "turn_on": "Turn on two-factor authentication",
        "code_shown": "Code shown by the app",
        "kept": "I have kept my recovery codes",
        "sign_out": "Sign out",
        "code": "Code",
    },
    "ja": {
        "sign_in": "ログイン",
        "email": "メールアドレス",
        "password": "パスワード",
        "security": "ログインとセキュリティ",
        "turn_on": "2段階認証を有効にする",
        "code_shown": "アプリに表示されたコード",
        "kept": "リカバリーコードを保管しました",
        "sign_out": "ログアウト",
        "code": "コード",
    },
}


def sign_in_with_password(page, locale, email):
    words = TEXT[locale]
    page.goto(f"/{locale}/login")
    page.get_by_label(words["email"]).fill(email)
    page.get_by_label(words["password"], exact=True).fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=words["sign_in"]).click()


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_turn_on_two_factor_then_sign_in_with_a_code(page, a11y, make_account, locale):
    words = TEXT[locale]
    account = make_account(email=f"two-factor-{locale}@example.org")
    sign_in_with_password(page, locale, account.email)
    expect(page).to_have_url(re.compile(rf"/{locale}/account"))
    page.get_by_role("link", name=re.compile(words["security"])).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["security"])
    a11y(page)

    page.get_by_role("link", name=words["turn_on"]).click()
    expect(page.locator(".qr-code svg")).to_be_visible()
    a11y(page)
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label(words["code_shown"]).fill(totp.now())
    page.get_by_role("button", name=words["turn_on"]).click()
    codes = page.locator(".recovery-codes li")
    expect(codes).to_have_count(10)
    a11y(page)
    page.get_by_role("link", name=words["kept"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["security"])

    page.get_by_role("button", name=words["sign_out"]).click()
    sign_in_with_password(page, locale, account.email)
    expect(page).to_have_url(re.compile(rf"/{locale}/login/code"))
    a11y(page)
    # The code of the next 30 seconds (the current one was used at enrolment: a code works once).
    page.get_by_label(words["code"], exact=True).fill(totp.at(time.time() + 30))
    page.get_by_role("main").get_by_role("button", name=words["sign_in"]).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/account"))
    expect(page.get_by_role("button", name=words["sign_out"])).to_be_visible()
    a11y(page)
