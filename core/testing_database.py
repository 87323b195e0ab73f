"""The test database of Parvis's fixtures: which one (a SQLite file per xdist worker, or a
PostgreSQL database per worker), a brand-new empty one for migrations (or one already migrated,
for commands), and the ``db`` session whose
tables are emptied after each test. Registered by ``parvis.testing`` (which re-exports these names)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from parvis.db import Base, sqlite_reader_may_write, sqlite_write_intent
from parvis.site import Site


def worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


_kept: set[int] = set()  # ids of sites whose rows ``db`` leaves in place


def keep_rows(site: Site) -> None:
    """After a test, ``db`` leaves this site's rows in place: its database is a copy replaced for
    the next test (``parvis.testing_demo``), and emptying it would be wasted work."""
    _kept.add(id(site))


@pytest.fixture(scope="session")
def parvis_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database: PostgreSQL when $PARVIS_TEST_DATABASE_URL names a server, else SQLite."""
    base = os.environ.get("PARVIS_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path_factory.getbasetemp() / f'parvis-{worker()}.sqlite3'}"
    url = make_url(base).set(drivername="postgresql+psycopg")
    return postgres_database(url, f"{url.database or 'parvis_test'}_{worker()}")


def postgres_database(url: Any, name: str, *, create: bool = True, template: str | None = None) -> str:
    """(Re)create, or only drop, the PostgreSQL database ``name`` on ``url``'s server; a copy of
    the database ``template`` when given."""
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if create:
            copy = f' TEMPLATE "{template}"' if template else ""
            connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def empty_database(tmp_path: Path, parvis_database_url: str) -> Iterator[str]:
    """A brand-new empty database of the engine under test: a SQLite file, or a PostgreSQL database
    named after this worker's (so parallel workers never drop each other's), dropped afterwards."""
    if not parvis_database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    url = make_url(parvis_database_url)
    name = f"{url.database}_empty"
    yield postgres_database(url, name)
    postgres_database(url, name, create=False)


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that every xdist worker sees (each worker's own is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], dict[str, Any]]
) -> dict[str, Any]:
    """What ``make(folder)`` returns (JSON), made by the first xdist worker that asks, under a file
    lock; the others wait for it and read it. For databases every worker copies (templates)."""
    folder = run_folder(tmp_path_factory) / name
    folder.mkdir(exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        made = folder / "made.json"
        if not made.exists():
            made.write_text(json.dumps(make(folder)), encoding="utf-8")
        return json.loads(made.read_text(encoding="utf-8"))


def run_database_name() -> str:
    """The PostgreSQL database named by $PARVIS_TEST_DATABASE_URL: the run's, not a worker's."""
    return make_url(os.environ["PARVIS_TEST_DATABASE_URL"]).database or "parvis_test"


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory, parvis_database_url: str) -> str:
    """A database brought to the latest migrations once per run (the configuration's plugins),
    which ``migrated_database`` copies: migrating takes seconds, copying a moment. Nobody connects
    to it (PostgreSQL copies only an unused template); the next run makes it again."""

    def make(folder: Path) -> dict[str, Any]:
        from parvis import migrate

        if parvis_database_url.startswith("postgresql"):
            template = postgres_database(make_url(parvis_database_url), f"{run_database_name()}_migrated")
        else:
            template = f"sqlite:///{folder / 'template.sqlite3'}"
        site = Site.create(database_url=template)
        migrate.upgrade(site)
        site.engine.dispose()
        return {"url": template}

    return str(once_per_run(tmp_path_factory, "parvis-migrated", make)["url"])


@pytest.fixture
def migrated_database(tmp_path: Path, parvis_database_url: str, _migrated_template: str) -> Iterator[str]:
    """Like ``empty_database``, but already at the latest migrations of the configuration's
    plugins, as ``parvis db upgrade`` leaves it: for commands run on a database of their own."""
    if not parvis_database_url.startswith("postgresql"):
        path = tmp_path / "migrated.sqlite3"
        shutil.copyfile(str(make_url(_migrated_template).database), path)
        yield f"sqlite:///{path}"
        return
    url = make_url(parvis_database_url)
    name = f"{url.database}_migrated_copy"
    yield postgres_database(url, name, template=make_url(_migrated_template).database)
    postgres_database(url, name, create=False)


def empty_all_tables(site: Site) -> None:
    """Empty what the test filled. Asking which tables hold rows is one cheap query, while
    emptying every table each time is not. Tables whose id sequence moved start again from 1."""
    with site.engine.begin() as connection:
        # Only tables the database has: a test plugin imported by another test (its models join
        # the metadata) may never have been migrated into this worker's database.
        present = frozenset(inspect(connection).get_table_names())
        tables = _tables_children_first(present, len(Base.metadata.tables))
        filled = [tables[i] for i in sorted(connection.exec_driver_sql(_which_hold_rows(tables)).scalars())]
        if site.engine.dialect.name == "postgresql":
            _empty_postgresql(connection, tables, filled)
        else:
            for table in filled:
                connection.execute(table.delete())


MANY_ROWS = 1000


@cache
def _tables_children_first(present: frozenset[str], models: int) -> tuple[Any, ...]:
    """The models' tables that the database has, children first (``models``: how many tables the
    models declare, which grows when a test imports a plugin's models)."""
    return tuple(t for t in reversed(Base.metadata.sorted_tables) if t.name in present)


@cache
def _which_hold_rows(tables: tuple[Any, ...]) -> str:
    """One query answering the positions in ``tables`` of those that hold any row. Written as
    SQL once per set of tables: built and compiled by SQLAlchemy at each test, the same query
    over a hundred tables cost far more than running it."""
    # Table names from the models, never from input.
    return " UNION ALL ".join(
        f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {_quoted(t.name)})"  # noqa: S608
        for i, t in enumerate(tables)
    )


def _empty_postgresql(connection: Any, tables: tuple[Any, ...], filled: list[Any]) -> None:
    """DELETE the few rows a test leaves, in one round trip: TRUNCATE costs ~10 ms a table (it
    gives the table new files), which over the tables a test fills was a quarter of the
    PostgreSQL pass. Tables with many rows, and those whose triggers refuse DELETE (append-only),
    are truncated (CASCADE: with the tables that refer to them)."""
    triggered = set(connection.execute(text(_TABLES_WITH_TRIGGERS)).scalars())
    many = _with_many_rows(connection, filled)
    truncated = [t.name for t in filled if t.name in many or t.name in triggered]
    statements = [f"TRUNCATE {', '.join(_quoted(name) for name in truncated)} CASCADE"] if truncated else []
    # Table names from the models, never from input.
    statements += [f"DELETE FROM {_quoted(t.name)}" for t in filled if t.name not in truncated]  # noqa: S608
    # setval, not ALTER SEQUENCE ... RESTART or TRUNCATE's RESTART IDENTITY: no new files either.
    moved = _sequences_that_moved(connection, tables)
    statements += [f"SELECT setval('{_quoted(name)}', 1, false)" for name in moved]
    if statements:
        connection.exec_driver_sql("; ".join(statements))


def _with_many_rows(connection: Any, filled: list[Any]) -> set[str]:
    """The names of the ``filled`` tables holding MANY_ROWS rows or more."""
    if not filled:
        return set()
    # Table names from the models, never from input.
    capped = "SELECT count(*) FROM (SELECT 1 FROM {} LIMIT {}) AS s"
    counts = " UNION ALL ".join(
        f"SELECT {i} WHERE ({capped.format(_quoted(t.name), MANY_ROWS)}) >= {MANY_ROWS}"
        for i, t in enumerate(filled)
    )
    return {filled[i].name for i in connection.exec_driver_sql(counts).scalars()}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_TABLES_WITH_TRIGGERS = """SELECT DISTINCT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
WHERE NOT g.tgisinternal AND c.relnamespace = current_schema()::regnamespace"""


def _sequences_that_moved(connection: Any, tables: tuple[Any, ...]) -> list[str]:
    """The id sequences of ``tables`` that handed out a value since they were last reset."""
    ours = {
        f"{t.name}_{column.name}_seq"[:63]
        for t in tables
        for column in t.primary_key.columns
        if column.autoincrement is True
        or (column.autoincrement == "auto" and len(t.primary_key.columns) == 1)
    }
    used = (
        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
    )
    return sorted(name for name in connection.execute(text(used)).scalars() if name in ours)


@pytest.fixture
def db(site: Site) -> Iterator[Session]:
    """A session for the test; its SQLite transactions start deferred (the test is one reader among
    the app's requests, not a writer holding the lock) and become queued writers at their first
    write (``sqlite_reader_may_write``). Every table is emptied afterwards."""
    intent = sqlite_write_intent.set(False)
    may_write = sqlite_reader_may_write.set(True)
    session = site.session()
    try:
        yield session
    finally:
        session.close()
        sqlite_reader_may_write.reset(may_write)
        sqlite_write_intent.reset(intent)
        if id(site) not in _kept:
            empty_all_tables(site)
