"""Loose ends a new user met (issue 18.4): where signing in lands, HEAD requests, the back
office's wording and lists."""

from __future__ import annotations

import pytest

from parvis.testing import TEST_PASSWORD


def sign_in(client, account, next_path=None, locale="fr"):
    data = {"email": account.email, "password": TEST_PASSWORD}
    if next_path is not None:
        data["next"] = next_path
    return client.post(f"/{locale}/login", data=data, follow_redirects=False)


def test_signing_in_goes_back_where_the_person_was_going(client, make_account):
    account = make_account()
    response = sign_in(client, account, "/fr/volunteers")
    assert response.status_code == 303
    assert response.headers["location"].endswith("/fr/volunteers")


def test_the_header_sign_in_link_remembers_the_page(client):
    page = client.get("/fr/volunteers").text
    assert 'href="/fr/login?next=/fr/volunteers"' in page


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/fr/x\n/y"],
)
def test_no_open_redirect_after_sign_in(client, make_account, target):
    response = sign_in(client, make_account(), target)
    assert response.status_code == 303
    assert response.headers["location"].endswith("/fr/account")


def test_officials_land_on_their_space_citizens_on_their_account(client, make_account):
    assert sign_in(client, make_account("official")).headers["location"].endswith("/fr/admin")
    client.cookies.clear()
    assert sign_in(client, make_account()).headers["location"].endswith("/fr/account")


@pytest.mark.parametrize("path", ["/fr/", "/en/volunteers", "/ja/budget", "/fr/accessibility", "/healthz"])
def test_head_answers_like_get_without_a_body(client, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code != 405
    assert head.content == b""
    assert head.headers.get("content-type") == got.headers.get("content-type")


def test_the_back_office_has_one_name_and_no_stray_bullet(client, login_as):
    login_as("official")
    for path in ("/fr/admin", "/fr/admin/decisions", "/fr/admin/assembly", "/fr/admin/budget"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "Espace de gestion" not in page.text, path
    decisions = client.get("/fr/admin/decisions").text
    assert '<ul class="actions">' in decisions
    css = client.get("/static/core/parvis.css").text
    assert "ul.actions, ol.actions { list-style: none;" in css
