"""``parvis db backup FILE`` and ``parvis db restore FILE``.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot while
the site keeps serving, WAL included; the backup is a plain SQLite file. PostgreSQL: ``pg_dump
--format=custom`` (a consistent snapshot too) and ``pg_restore``; their major version must be at
least the server's (Debian: ``postgresql-client-15`` for PostgreSQL 15).

A restore goes into an empty database; over one that has tables it refuses unless ``force``
(SQLite: the file is replaced page by page; PostgreSQL: ``pg_restore --clean --if-exists`` drops
and recreates what the backup holds).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine, make_url

from parvis.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def _sqlite_path(engine: Engine) -> str:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError(_("An in-memory SQLite database cannot be backed up."))
    return database


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _(
                "{tool} was not found: install PostgreSQL's client tools, of the server's major "
                "version or newer (Debian: postgresql-client)."
            ).format(tool=name)
        )
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    """Run one of PostgreSQL's tools; a password goes through PGPASSWORD, not the command line."""
    result = subprocess.run(  # noqa: S603 - a fixed tool with arguments we built
        command, capture_output=True, text=True, env={**os.environ, **env}, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("{tool} failed: {error}").format(
                tool=Path(command[0]).name, error=result.stderr.strip() or result.returncode
            )
        )


def _pg_args(engine: Engine) -> tuple[list[str], dict[str, str]]:
    url = make_url(engine.url)
    args = ["--dbname", url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)]
    return args, ({"PGPASSWORD": url.password} if url.password else {})


def backup(engine: Engine, target: Path) -> None:
    """Write a consistent copy of the site's database to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(_sqlite_path(engine))
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    args, env = _pg_args(engine)
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
        env,
    )


def has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


def restore(engine: Engine, source: Path, *, force: bool = False) -> None:
    """Load the backup ``source`` into the site's database (empty unless ``force``)."""
    if not source.is_file():
        raise BackupError(_("{file}: no such backup file").format(file=source))
    with source.open("rb") as handle:
        header = handle.read(16)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite and not header.startswith(SQLITE_HEADER):
        raise BackupError(
            _("{file} is not a SQLite backup (made by 'parvis db backup' on SQLite).").format(file=source)
        )
    if not sqlite and not header.startswith(PG_DUMP_HEADER):
        raise BackupError(
            _("{file} is not a PostgreSQL backup (made by 'parvis db backup' on PostgreSQL).").format(
                file=source
            )
        )
    if not force and has_tables(engine):
        raise BackupError(
            _(
                "The database is not empty: restore into an empty database, or add --force to "
                "replace what it holds."
            )
        )
    if sqlite:
        engine.dispose()  # no pooled connection of ours may hold the file during the copy
        copy = sqlite3.connect(source)
        target = sqlite3.connect(_sqlite_path(engine))
        try:
            with target:
                copy.backup(target)
        finally:
            target.close()
            copy.close()
        return
    args, env = _pg_args(engine)
    command = [
        _tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, *args, str(source)], env)
