"""The web shell: languages in the URL, security headers, errors, static files, htmx fragments."""

import pytest

from parvis.web.navigation import HomePanel


def test_root_redirects_by_cookie_then_accept_language(client):
    assert (
        client.get("/", headers={"accept-language": "ja,en;q=0.5"}, follow_redirects=False).headers[
            "location"
        ]
        == "/ja/"
    )
    assert (
        client.get("/", headers={"accept-language": "de-DE"}, follow_redirects=False).headers["location"]
        == "/fr/"
    )
    client.get("/en/")
    assert (
        client.get("/", headers={"accept-language": "ja"}, follow_redirects=False).headers["location"]
        == "/en/"
    )


def test_unknown_language_prefix_is_404_in_the_visitors_language(client):
    response = client.get("/de/", headers={"accept-language": "ja"})
    assert response.status_code == 404
    assert "ページが見つかりません" in response.text


def test_html_lang_and_alternates(client):
    page = client.get("/ja/")
    assert '<html lang="ja"' in page.text
    assert 'hreflang="fr" href="/fr/"' in page.text
    assert "パリの市民参加" in page.text


def test_security_headers_on_pages_and_errors(client):
    for url in ("/en/", "/en/no-such-page"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_session_cookie_flags(client, make_account):
    from parvis.testing import login

    login(client, make_account())
    # the test site runs in development mode (plain http); production adds Secure, checked below
    cookie = next(c for c in client.cookies.jar if c.name == "parvis_session")
    assert cookie.has_nonstandard_attr("HttpOnly")


def test_production_mode_sets_secure_cookies_and_hsts(make_site, make_account, db):
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    site = make_site()
    site.config.server.development = False
    try:
        app = create_app(site)
    finally:
        site.config.server.development = True
    with ParvisClient(app, base_url="https://testserver.local") as client:
        response = client.get("/en/login")
        assert "max-age=" in response.headers["strict-transport-security"]
        assert "Secure" in response.headers["set-cookie"]


def test_api_errors_are_json_with_a_reason(client):
    response = client.get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert response.json()["detail"]


@pytest.mark.hooks("register_static_dirs")
def test_vendored_htmx_is_served_locally(client):
    response = client.get("/static/core/vendor/htmx.min.js")
    assert response.status_code == 200
    assert "htmx" in response.text[:2000]
    assert 'src="/static/core/vendor/htmx.min.js"' in client.get("/en/").text


def test_htmx_request_gets_only_the_content_block(client):
    full = client.get("/en/login")
    fragment = client.get("/en/login", headers={"hx-request": "true"})
    assert "<html" in full.text
    assert "<html" not in fragment.text
    assert "<h1>Sign in</h1>" in fragment.text
    assert "<title>" in fragment.text  # htmx updates the document title from the fragment


@pytest.mark.hooks("home_panels", "startup")
def test_plugins_fill_the_home_page_and_start_up(make_site):
    import types

    from parvis import hookimpl
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    started = []
    plugin = types.SimpleNamespace(
        home_panels=hookimpl(
            lambda request, db: [
                HomePanel("Vote on the bridge", "Open until Friday", "/en/bridge", "Vote", kind="call")
            ]
        ),
        startup=hookimpl(lambda site, app: started.append(app)),
    )
    site = make_site([], extra=(("bridge", plugin),))
    app = create_app(site)
    assert started == [app]
    with ParvisClient(app, base_url="http://testserver.local") as client:
        page = client.get("/en/")
    assert "Vote on the bridge" in page.text
    assert "Open call" in page.text


@pytest.mark.hooks("content_security_sources")
def test_plugins_may_add_image_sources_but_never_scripts(make_site, monkeypatch):
    import types

    from parvis import hookimpl
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    plugin = types.SimpleNamespace(
        content_security_sources=hookimpl(
            lambda: {"img-src": ["https://tiles.example.org"], "script-src": ["https://cdn.example.org"]}
        )
    )
    site = make_site([], extra=(("tiles", plugin),))
    monkeypatch.setattr(site.config.map, "tile_url", "")  # no map tiles: only what the plugin adds
    with ParvisClient(create_app(site), base_url="http://testserver.local") as client:
        policy = client.get("/en/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org;" in policy
    assert "cdn.example.org" not in policy


def test_the_maps_tile_server_may_serve_images_only(make_site, monkeypatch):
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    site = make_site([])
    monkeypatch.setattr(site.config.map, "tile_url", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    with ParvisClient(create_app(site), base_url="http://testserver.local") as client:
        policy = client.get("/en/").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tiles.example.org;" in policy
    assert "script-src 'self';" in policy
