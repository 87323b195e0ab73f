"""District-scoped administration: an official of one district manages only its councils and
programmes. Every back-office route of the plugin is walked with real objects of another district
(refused) and of the official's own (allowed)."""

import re

from litestar.handlers import HTTPRouteHandler
from sqlalchemy import select

from parvis.plugins.neighbourhood_councils.models import Council, Programme
from parvis.testing import login

PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")


def admin_routes(app):
    for route in app.routes:
        if "/admin/neighbourhood-councils/{" not in route.path and "/admin/beautify/{" not in route.path:
            continue
        for handler in getattr(route, "route_handlers", []):
            if isinstance(handler, HTTPRouteHandler):
                for method in sorted(handler.http_methods - {"HEAD", "OPTIONS"}):
                    yield route.path, method


def concrete(path, council, programme):
    def fill(match):
        name = match.group(1)
        if name == "lang":
            return "en"
        if name == "slug":
            return programme.slug if "/beautify/" in path else council.slug
        return "999999" if match.group(2) == "int" else "no-such-thing"

    return PARAM.sub(fill, path)


def test_an_official_of_one_district_cannot_touch_another_districts_things(
    app, client, db, make_council, make_programme, district_official, districts
):
    mine, theirs = districts
    council, programme = make_council(theirs), make_programme(theirs)
    walked = list(admin_routes(app))
    assert len(walked) >= 15
    login(client, district_official(mine))
    allowed = []
    for path, method in walked:
        url = concrete(path, council, programme)
        response = client.request(method, url, data={} if method == "POST" else None, follow_redirects=False)
        if response.status_code != 403:
            allowed.append(f"{method} {url}: {response.status_code}")
    assert not allowed, "\n".join(allowed)
    # Their own district's officials get through (404 for unknown sub-objects, 400 for empty forms).
    client.cookies.clear()
    login(client, district_official(theirs))
    for path, method in walked:
        url = concrete(path, council, programme)
        response = client.request(method, url, data={} if method == "POST" else None, follow_redirects=False)
        assert response.status_code not in (401, 403, 500), f"{method} {url}: {response.status_code}"


def test_a_district_official_lists_and_creates_only_in_their_districts(
    client, db, site, make_council, district_official, districts
):
    mine, theirs = districts
    make_council(mine, name="Conseil Mien")
    make_council(theirs, name="Conseil Autre")
    login(client, district_official(mine))
    listing = client.get("/en/admin/neighbourhood-councils")
    assert "Conseil Mien" in listing.text and "Conseil Autre" not in listing.text
    form = client.get("/en/admin/neighbourhood-councils/new")
    assert f'value="{mine}"' in form.text and f'value="{theirs}"' not in form.text
    refused = client.post(
        "/en/admin/neighbourhood-councils/new",
        data={"name": "Intrus", "district": theirs, "composition": "open", "charter": "x"},
    )
    assert refused.status_code == 400  # not one of the form's choices
    assert db.scalar(select(Council).where(Council.name == "Intrus")) is None
    hood = next(n.code for n in site.config.neighbourhoods if n.district == theirs)
    year = site.today().year
    other = client.post(
        "/en/admin/beautify/new",
        data={
            "title": "Intrus",
            "neighbourhood": hood,
            "starts_on": f"{year}-01-01",
            "ends_on": f"{year}-12-31",
        },
    )
    assert other.status_code == 400
    assert db.scalar(select(Programme)) is None


def test_an_official_granted_a_district_on_the_web_manages_only_its_councils(
    client, db, make_council, make_account, login_as, districts
):
    mine, theirs = districts
    own, other = make_council(mine, name="Conseil Mien"), make_council(theirs, name="Conseil Autre")
    official = make_account(email="mairie@example.org")
    login_as("admin")
    granted = client.post(
        f"/en/admin/accounts/{official.public_id}/district-roles",
        data={"role": "official", "districts": mine},
    )
    assert granted.status_code == 200 and "is now City official in:" in granted.text
    client.cookies.clear()
    login(client, official)
    assert client.get(f"/en/admin/neighbourhood-councils/{own.slug}").status_code == 200
    assert client.get(f"/en/admin/neighbourhood-councils/{other.slug}").status_code == 403
    listing = client.get("/en/admin/neighbourhood-councils")
    assert "Conseil Mien" in listing.text and "Conseil Autre" not in listing.text
    client.cookies.clear()
    login_as("admin")
    client.post(
        f"/en/admin/accounts/{official.public_id}/district-roles/revoke",
        data={"role": "official", "districts": mine},
    )
    client.cookies.clear()
    login(client, official)
    assert client.get(f"/en/admin/neighbourhood-councils/{own.slug}").status_code == 403
