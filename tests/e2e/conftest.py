"""Browser tests: every test in this folder gets the `e2e` marker.

The fixtures (`browser`, `context`, `page`, `a11y`) come from `parvis.testing`, so tests elsewhere
(and plugins' own suites) use the same single Playwright instance.

Journeys run in each language (``locale`` parameter) on SQLite. On PostgreSQL each journey runs
in one of its languages, a different one from journey to journey: what a language changes (text,
layout, accessibility) does not depend on the database engine, and a browser journey is the
suite's most expensive kind of test.
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
    if not os.environ.get("PARVIS_TEST_DATABASE_URL"):
        return
    skipped = [item for item in mine if not _language_kept(item)]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [item for item in items if item not in skipped]


def _language_kept(item: pytest.Item) -> bool:
    """Whether this variant is the one its journey runs on PostgreSQL (the same one every run)."""
    callspec = getattr(item, "callspec", None)
    language = callspec.params.get("locale") if callspec is not None else None
    if language not in LANGUAGES:
        return True
    journey = item.nodeid.split("[", 1)[0]
    return LANGUAGES[zlib.crc32(journey.encode()) % len(LANGUAGES)] == language
