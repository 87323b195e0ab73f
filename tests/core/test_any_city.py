"""Parvis for any city: the demo follows the configuration, disabled plugins leave no trace, and
every page reachable from the home page and the back office answers, on the Paris profile and on
the fictitious example profile (which never shows "Paris")."""

from __future__ import annotations

import re
import types
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from parvis import hookimpl
from parvis.auth import hash_password
from parvis.config import BUNDLED_PROFILE, load_config
from parvis.demo import DemoError, load_demo
from parvis.identity import Account
from parvis.site import Site
from parvis.testing import TEST_PASSWORD, login

EXAMPLE = BUNDLED_PROFILE.with_name("example.toml")
PARIS_TEXT = BUNDLED_PROFILE.read_text(encoding="utf-8")
MENTIONS_PARIS = re.compile(r"paris", re.IGNORECASE)


def city_file(tmp_path, text: str):
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    return path


def strings_mentioning_paris(url: str) -> list[str]:
    """Every text value of every table that mentions Paris: (table.column: value)."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    found = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for column in inspect(connection).get_columns(table):
                if "CHAR" not in str(column["type"]).upper() and "TEXT" not in str(column["type"]).upper():
                    continue
                name = column["name"]
                query = text(f'SELECT "{name}" FROM "{table}" WHERE lower("{name}") LIKE :p LIMIT 3')
                found += [f"{table}.{name}: {v}" for v in connection.scalars(query, {"p": "%paris%"})]
    engine.dispose()
    return found


# -- the demo ------------------------------------------------------------------------------------


@pytest.mark.hooks("seed_demo_data")
def test_the_example_profile_demo_follows_its_configuration(demo_template, make_demo_site):
    # The demo as `parvis demo` seeds it (tests/core/test_cli.py runs the command itself).
    steps = "\n".join(demo_template(str(EXAMPLE)).steps)
    assert "Citizens' Assembly" not in steps  # disabled plugins seed nothing
    assert "Volunteering" in steps  # an enabled plugin says its step
    database = make_demo_site(str(EXAMPLE), shared=True).engine.url.render_as_string(hide_password=False)
    assert strings_mentioning_paris(database) == []
    config = load_config(EXAMPLE)
    codes = {d.code for d in config.districts}
    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        kinds = set(connection.scalars(text("SELECT DISTINCT kind FROM core_body")))
        assert "citizens_assembly" not in kinds
        levels = set(connection.scalars(text("SELECT DISTINCT level FROM budget_project")))
        assert levels == codes | {"city"}  # every configured district has projects
        boxes = list(connection.execute(text("SELECT name, district FROM budget_ballot_box")))
        assert ("Mairie — Vieux-Boisjoli", "vieux") in boxes
        assert set(connection.scalars(text("SELECT DISTINCT n_grades FROM budget_campaign"))) == {2}
        rules = set(connection.scalars(text("SELECT DISTINCT rule FROM budget_campaign")))
        assert rules == {"approval_greedy"}
        latitudes = list(connection.scalars(text("SELECT latitude FROM budget_project")))
        assert all(46.4 < lat < 46.7 for lat in latitudes)  # near Boisjoli's districts, not Paris
        districts = set(connection.scalars(text("SELECT DISTINCT district FROM volunteers_mission")))
        assert districts - {None} <= codes
    engine.dispose()


LYON_LIKE = (
    PARIS_TEXT.split("# Districts:")[0]
    .replace('city = "Paris"', 'city = "Lyonnelle"')
    .replace('shapes = "paris/shapes.geojson"', 'shapes = ""')  # Paris's shapes name Paris's districts
    .replace('locales = ["fr", "en", "ja"]', 'locales = ["fr", "en"]')
    .replace('city_names = { ja = "パリ" }\n', "")
    .replace('"assembly", "youth_council", "europeans_council", ', "")
    + '\n[settings.budget]\nrule = "equal_shares"\nequal_shares_increment = 10000\nqpop_mode = "none"\n'
    + "".join(
        f'\n[[districts]]\ncode = "{n}"\nname = "{n}e arrondissement"\npopulation = {50000 + 1000 * n}\n'
        for n in range(1, 10)
    )
)


@pytest.mark.parametrize(
    "text",
    [LYON_LIKE, LYON_LIKE.split("\n[[districts]]")[0]],
    ids=["nine arrondissements without points", "no districts at all"],
)
def test_the_demo_works_on_any_valid_configuration(tmp_path, empty_database, text):
    site = Site.create(str(city_file(tmp_path, text)), database_url=empty_database)
    with site.activate():
        load_demo(site, reset=True, seed=7, progress=lambda _step: None)
    assert strings_mentioning_paris(empty_database) == []
    with site.session() as db:
        assert db.scalar(select(func.count()).select_from(Account)) > 100
    site.engine.dispose()


def test_a_failing_demo_writes_nothing(tmp_path, empty_database):
    """The database is as it was, whether the demo failed on a kept or a reset database."""

    def seed_demo_data(db, demo):
        demo.progress("broken plugin")
        raise RuntimeError("the plugin's demo is broken")

    broken = types.SimpleNamespace(seed_demo_data=hookimpl(trylast=True)(seed_demo_data))
    config = load_config()
    config.plugins.enabled = []
    working = Site.create(config, database_url=empty_database)
    load_demo(working, reset=True, seed=1, progress=lambda _step: None)
    working.engine.dispose()
    config = load_config()
    config.plugins.enabled = []
    site = Site.create(config, database_url=empty_database, extra_plugins=[("broken", broken)])

    def accounts() -> int:
        with site.session() as db:
            return db.scalar(select(func.count()).select_from(Account))

    before = accounts()
    assert before == 3
    with pytest.raises(DemoError, match=r"step: People and accounts\).*IntegrityError.*Nothing was written"):
        load_demo(site, reset=False, seed=2, progress=lambda _step: None)  # demo accounts exist
    assert accounts() == before
    with pytest.raises(DemoError, match=r"step: broken plugin\).*RuntimeError.*Nothing was written"):
        load_demo(site, reset=True, seed=2, progress=lambda _step: None)
    assert accounts() == before
    site.engine.dispose()


# -- disabled plugins ----------------------------------------------------------------------------


def test_councils_exist_only_with_a_council_plugin(make_site):
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    without = make_site(["budget", "volunteers"])
    assert without.pm.get_plugin("parvis.councils") is None
    assert not hasattr(without.hook, "register_councils")
    with without.activate(), ParvisClient(create_app(without), base_url="http://testserver.local") as client:
        assert client.get("/en/councils/open-sessions").status_code == 404
    with_council = make_site(["youth_council"])
    assert with_council.pm.get_plugin("parvis.councils") is not None
    paths = {route.path for route in create_app(with_council).routes}
    assert any(path.endswith("/councils/open-sessions") for path in paths)


# -- every page, on both profiles ----------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.found.append(href)


_VARIABLE = re.compile(r"\d|^[A-Za-z0-9_-]{14,}$|-.*-")


def pattern(path: str) -> str:
    """A page's kind: variable segments (ids, slugs, years) and query values blanked."""
    parts = urlsplit(path)
    segments = ["*" if _VARIABLE.search(s) else s for s in parts.path.split("/")]
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return "/".join(segments) + ("?" + "&".join(keys) if keys else "")


SKIPPED = ("/static/", "/api/", ".ics", ".pdf", ".csv", ".json", "/logout")


def crawl(client, starts: list[str], lang: str, per_pattern: int = 2, limit: int = 400) -> dict[str, str]:
    """GET every page linked from ``starts`` (same site, this language), at most ``per_pattern`` of
    each kind; returns {path: text} of the pages seen and fails on any status >= 400."""
    seen: dict[str, str] = {}
    counts: Counter[str] = Counter()
    queue = list(starts)
    failures = []
    while queue and len(seen) < limit:
        path = urldefrag(queue.pop(0))[0]
        if path in seen or counts[pattern(path)] >= per_pattern:
            continue
        counts[pattern(path)] += 1
        response = client.get(path, follow_redirects=True)
        seen[path] = response.text
        if response.status_code >= 400:
            failures.append(f"{response.status_code} {path}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        parser = Links()
        parser.feed(response.text)
        for href in parser.found:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith(f"/{lang}/"):
                continue
            if any(s in href for s in SKIPPED):
                continue
            queue.append(href)
    assert not failures, failures
    return seen


@pytest.fixture(params=["paris", "example"])
def profile(request):
    return request.param


@pytest.fixture
def site(make_demo_site, profile):
    """The profile's demo, a copy of its own: the crawl signs in and adds an account."""
    with make_demo_site(None if profile == "paris" else str(EXAMPLE)).activate() as active:
        yield active


@pytest.mark.timeout(900)
def test_every_page_answers_on_both_profiles(site, profile, db, client, make_account):
    default, other = site.config.site.default_locale, "en"
    # The smoke paths a resident takes.
    home = client.get(f"/{default}/")
    assert home.status_code == 200
    assert site.config.site.city in home.text
    campaign = str(site.today().year)
    for path in (
        f"/{default}/budget",
        f"/{default}/budget/{campaign}",
        f"/{default}/budget/{campaign}/projects",
        f"/{default}/budget/{int(campaign) - 1}/results",
        f"/{default}/volunteers?q=repas",
        f"/{default}/login",
    ):
        assert client.get(path).status_code == 200, path
    citizen = db.scalar(select(Account).where(Account.email == "citizen@example.org"))
    citizen.password_hash = hash_password(TEST_PASSWORD)
    db.commit()
    login(client, citizen, locale=default)
    assert client.get(f"/{default}/budget/{campaign}/vote/").status_code == 200
    client.post(f"/{default}/logout")
    # Everything reachable, anonymously in the default language, as an administrator in English.
    pages = crawl(client, [f"/{default}/"], default)
    admin = make_account("admin", email="crawler@example.org")
    login(client, admin, locale=other)
    pages |= crawl(client, [f"/{other}/", f"/{other}/admin"], other)
    assert len(pages) > 40
    if profile == "example":
        mentions = {path: MENTIONS_PARIS.findall(body) for path, body in pages.items()}
        assert not {path: found for path, found in mentions.items() if found}
        assert "/fr/councils/open-sessions" not in pages
