"""Parvis's own suite, run twice by `make test` (SQLite, then PostgreSQL).

A test whose fixtures never reach a database (``parvis_database_url``), in a module that never
names an engine, passes or fails the same way on both: when `make test` runs the PostgreSQL pass
after the SQLite one ($PARVIS_SQLITE_PASS_RAN=1, set by the Makefile), such tests are not run a
second time. A PostgreSQL run on its own (`make test-postgres`) runs everything.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

ENGINE_WORDS = ("PARVIS_TEST_DATABASE_URL", "postgresql", "sqlite")


@cache
def _names_an_engine(path: Path) -> bool:
    source = path.read_text(encoding="utf-8")
    return any(word in source for word in ENGINE_WORDS)


def touches_a_database(item: pytest.Item) -> bool:
    closure = getattr(item, "fixturenames", ())
    return "parvis_database_url" in closure or _names_an_engine(Path(str(item.fspath)))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not (os.environ.get("PARVIS_TEST_DATABASE_URL") and os.environ.get("PARVIS_SQLITE_PASS_RAN")):
        return
    done = [item for item in items if not touches_a_database(item)]
    if done:
        config.hook.pytest_deselected(items=done)
        items[:] = [item for item in items if touches_a_database(item)]
