"""A citizen downloads their data, then deletes their account and can no longer sign in, in each
language, with every page checked by axe."""

import json
import re

import pytest
from playwright.sync_api import expect

from parvis import mail
from parvis.testing import TEST_PASSWORD

TEXT = {
    "fr": {
        "email": "Adresse e-mail",
        "password": "Mot de passe",
        "sign_in": "Se connecter",
        "download": "Télécharger mes données",
        "json": "Télécharger au format JSON",
        "data": "Mes données",
        "delete": "Supprimer mon compte",
        "your_password": "Votre mot de passe",
        "confirm": "Supprimer définitivement mon compte",
        "deleted": "Votre compte est supprimé",
        "wrong": "L’adresse e-mail ou le mot de passe est incorrect.",
        "account": "Votre compte",
        "privacy": "Données personnelles",
    },
    "en": {
        "email": "E-mail address",
        "password": "Password",
        "sign_in": "Sign in",
        "download": "Download my data",
        "json": "Download it as a JSON file",
        "data": "My data",
        "delete": "Delete my account",
        "your_password": "Your password",
        "confirm": "Delete my account for good",
        "deleted": "Your account is deleted",
        "wrong": "The e-mail address or the password is not right.",
        "account": "Your account",
        "privacy": "Personal data",
    },
    "ja": {
        "email": "メールアドレス",
        "password": "パスワード",
        "sign_in": "ログイン",
        "download": "自分のデータをダウンロード",
        "json": "JSON ファイルでダウンロード",
        "data": "自分のデータ",
        "delete": "アカウントを削除",
        "your_password": "パスワード",
        "confirm": "アカウントを完全に削除する",
        "deleted": "アカウントを削除しました",
        "wrong": "メールアドレスまたはパスワードが正しくありません。",
        "account": "あなたのアカウント",
        "privacy": "個人データ",
    },
}


def sign_in(page, locale: str, email: str, password: str = TEST_PASSWORD) -> None:
    text = TEXT[locale]
    page.goto(f"/{locale}/login")
    page.get_by_label(text["email"]).fill(email)
    page.get_by_label(text["password"], exact=True).fill(password)
    page.get_by_role("button", name=text["sign_in"]).click()


@pytest.mark.parametrize("locale", ["fr", "en", "ja"])
def test_a_citizen_downloads_their_data_then_deletes_their_account(
    page, a11y, db, site, make_account, locale
):
    text = TEXT[locale]
    email = f"leaving-{locale}@example.org"
    account = make_account(email=email, given_name="Camille", family_name="Départ")
    for subject in ("Bienvenue", "Votre inscription"):
        mail.send(db, site, account, subject, "Bonjour Camille.")
    db.commit()

    page.goto(f"/{locale}/privacy")
    expect(page.get_by_role("heading", level=1)).to_have_text(text["privacy"])
    a11y(page)

    sign_in(page, locale, email)
    expect(page).to_have_url(re.compile(rf"/{locale}/account"))
    page.get_by_role("link", name=text["download"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["data"])
    expect(page.get_by_role("heading", level=2, name=text["account"])).to_be_visible()
    expect(page.get_by_role("cell", name="Bienvenue")).to_be_visible()
    a11y(page)
    with page.expect_download() as caught:
        page.get_by_role("link", name=text["json"]).click()
    download = caught.value
    assert re.fullmatch(r"parvis-my-data-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    data = json.loads(download.path().read_text(encoding="utf-8"))
    assert data["subject"]["email"] == email and data["language"] == locale

    page.goto(f"/{locale}/account")
    page.get_by_role("link", name=text["delete"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["delete"])
    a11y(page)
    page.get_by_label(text["your_password"]).fill(TEST_PASSWORD)
    page.get_by_role("button", name=text["confirm"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["deleted"])
    expect(page.locator("main")).to_contain_text("E-")
    a11y(page)

    sign_in(page, locale, email)
    expect(page).to_have_url(re.compile(rf"/{locale}/login"))
    expect(page.locator("main")).to_contain_text(text["wrong"])
