"""Browser tests: every test in this folder gets the `e2e` marker.

The fixtures (`browser`, `context`, `page`, `a11y`) come from `parvis.testing`, so tests elsewhere
(and plugins' own suites) use the same single Playwright instance.

Journeys run in each language (``locale`` parameter). What a language changes (text, layout,
accessibility) does not depend on the database engine, and a browser journey is the suite's most
expensive kind of test, so ``make test`` runs each journey once in each language across its two
runs: on PostgreSQL in one of its languages (a different one from journey to journey, the same
every run), on SQLite in the others ($PARVIS_E2E_SHARED_WITH=postgresql, set by the Makefile when
the PostgreSQL run follows). A SQLite run on its own keeps every language.
"""

import os
import zlib
from pathlib import Path

import pytest

LANGUAGES = ("fr", "en", "ja")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    mine = [item for item in items if here in Path(str(item.fspath)).parents]
    for item in mine:
        item.add_marker(pytest.mark.e2e)
    on_postgresql = bool(os.environ.get("PARVIS_TEST_DATABASE_URL"))
    shared = os.environ.get("PARVIS_E2E_SHARED_WITH") == "postgresql"
    if not on_postgresql and not shared:
        return
    skipped = [item for item in mine if not _kept(item, on_postgresql)]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if item not in skipped]


def _kept(item: pytest.Item, on_postgresql: bool) -> bool:
    """A journey without languages runs on both engines; one with languages runs on PostgreSQL in
    one of them (the same every run) and on SQLite in the others."""
    callspec = getattr(item, "callspec", None)
    language = callspec.params.get("locale") if callspec is not None else None
    if language not in LANGUAGES:
        return True
    journey = item.nodeid.split("[", 1)[0]
    postgresql_language = LANGUAGES[zlib.crc32(journey.encode()) % len(LANGUAGES)]
    return (language == postgresql_language) == on_postgresql
