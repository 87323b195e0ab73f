"""Data-migration tests: ``migrated_to(site, url, *revisions)`` gives a connection to a database
at older revisions; ``row_inserter(connection)`` reflects the database as an older
revision left it and returns ``insert(table, **values) -> id``, which fills every other NOT NULL
column without a default with a plausible value (so a test names only what the migration reads).
Re-exported by ``parvis.testing``."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from parvis import migrate
from parvis.db import make_engine

AT = datetime(2026, 3, 1, 12, tzinfo=UTC)  # the date and time of every filled-in column
_unique = itertools.count(1)


def _required(table: sa.Table, given: dict[str, Any]) -> dict[str, Any]:
    values = dict(given)
    for column in table.columns:
        if (
            column.name in values
            or column.nullable
            or column.primary_key
            or column.server_default is not None
        ):
            continue
        kind = column.type
        if isinstance(kind, sa.Boolean):
            values[column.name] = False
        elif isinstance(kind, sa.Integer | sa.Float | sa.Numeric):
            values[column.name] = 0
        elif isinstance(kind, sa.DateTime | sa.TIMESTAMP):
            values[column.name] = AT
        elif isinstance(kind, sa.Date):
            values[column.name] = AT.date()
        elif isinstance(kind, sa.JSON):
            values[column.name] = {}
        else:
            values[column.name] = f"x{next(_unique)}"
    return values


def row_inserter(connection: sa.Connection) -> Callable[..., Any]:
    """``insert(table_name, **values)``: one row in the tables as they are now; returns its key."""
    meta = sa.MetaData()
    meta.reflect(connection)

    def insert(name: str, **given: Any) -> Any:
        table = meta.tables[name]
        key = connection.execute(table.insert().values(_required(table, given))).inserted_primary_key
        assert key is not None
        return key[0]

    return insert


@contextmanager
def migrated_to(site: Any, url: str, *revisions: str) -> Iterator[tuple[sa.Connection, Config]]:
    """A connection to the database at ``url`` in one transaction, upgraded to ``revisions`` in
    turn (core's and the plugins' before the migration under test), and its Alembic configuration
    to move it on (``command.upgrade(config, "heads")``); the engine is disposed of afterwards."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = migrate.alembic_config(site, connection)
            for revision in revisions:
                command.upgrade(config, revision)
            yield connection, config
    finally:
        engine.dispose()
