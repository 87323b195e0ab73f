"""Browser tests: every test in this folder gets the `e2e` marker.

The fixtures (`browser`, `context`, `page`, `a11y`) come from `parvis.testing`, so tests elsewhere
(and plugins' own suites) use the same single Playwright instance.

Journeys run in each language (``locale`` parameter). What a browser sees and does (text,
layout, accessibility, focus) does not depend on the database engine, which the HTTP tests of the
same pages check on both, and a browser journey is the suite's most expensive kind of test, so
``make test`` runs each journey once in each language across its two runs: on PostgreSQL in one
of its languages (a different one from journey to journey, the same every run), on SQLite in the
others ($PARVIS_E2E_SHARED_WITH=postgresql, set by the Makefile when the PostgreSQL run follows).
A journey without languages runs once too, on PostgreSQL, the production engine
($PARVIS_SQLITE_PASS_RAN=1 tells that pass the SQLite one ran). A run on one engine alone keeps
every journey in every language. Browser tests outside this folder (those using
the ``browser`` fixture) follow the same rule.
"""

import os
import random
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from parvis.decisions.models import Decision
from parvis.demo import DemoContext, seed_core
from parvis.plugins.assembly import demo_followup
from parvis.plugins.assembly.services import common

LANGUAGES = ("fr", "en", "ja")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
    mine = [item for item in items if "browser" in getattr(item, "fixturenames", ())]
    on_postgresql = bool(os.environ.get("PARVIS_TEST_DATABASE_URL"))
    if on_postgresql:
        shared = bool(os.environ.get("PARVIS_SQLITE_PASS_RAN"))
    else:
        shared = os.environ.get("PARVIS_E2E_SHARED_WITH") == "postgresql"
    if not shared:
        return
    skipped = [item for item in mine if not _kept(item, on_postgresql)]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if item not in skipped]


def _kept(item: pytest.Item, on_postgresql: bool) -> bool:
    """A journey without languages runs on PostgreSQL; one with languages runs on PostgreSQL in
    one of them (the same every run) and on SQLite in the others."""
    callspec = getattr(item, "callspec", None)
    language = callspec.params.get("locale") if callspec is not None else None
    if language not in LANGUAGES:
        return on_postgresql
    journey = item.nodeid.split("[", 1)[0]
    postgresql_language = LANGUAGES[zlib.crc32(journey.encode()) % len(LANGUAGES)]
    return (language == postgresql_language) == on_postgresql


@pytest.fixture
def followup_demo(db, site):
    """Core's demo accounts and the Citizens' Assembly's past recommendations with their
    follow-up (the journey's ``parvis_plugins`` enables the assembly); returns AC-2022-02."""
    context = DemoContext(site=site, rng=random.Random(3), today=site.today())
    seed_core(db, context)
    demo_followup.seed(db, context, common.ensure_body(db, site))
    db.commit()
    return db.scalar(select(Decision).where(Decision.reference == "AC-2022-02"))
