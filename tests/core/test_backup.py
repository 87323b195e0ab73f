"""``parvis db backup`` and ``parvis db restore``: a round trip keeps every row of every table.

The database is migrated and filled with the demo data of every built-in plugin, backed up with
the command line, restored into a new, empty database, and compared table by table: row count
and a checksum of the content (rows in a canonical order). On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from parvis.cli import cli
from parvis.db import make_engine

pytestmark = pytest.mark.xdist_group("backup")


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Every table: (row count, sha256 of its rows sorted)."""
    engine = make_engine(url)
    result = {}
    with engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            canonical = sorted(repr(tuple(row)) for row in rows)
            result[table] = (len(rows), hashlib.sha256("\n".join(canonical).encode()).hexdigest())
    engine.dispose()
    return result


@pytest.fixture
def second_database(parvis_database_url: str, tmp_path):
    """Another empty database of the same engine, to restore into."""
    if parvis_database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    url = make_url(parvis_database_url)
    name = f"{url.database}_restore"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def run(url: str, *args: str):
    return CliRunner().invoke(cli, list(args), env={"PARVIS_DATABASE_URL": url, "PARVIS_LANG": "en"})


def test_backup_and_restore_keep_every_row(demo_database, second_database, tmp_path):
    original = fingerprint(demo_database)
    assert sum(count for count, _ in original.values()) > 100
    assert "alembic_version" in original

    backup = tmp_path / "parvis.backup"
    made = run(demo_database, "db", "backup", str(backup))
    assert made.exit_code == 0, made.output
    assert backup.stat().st_size > 0

    restored = run(second_database, "db", "restore", str(backup))
    assert restored.exit_code == 0, restored.output
    assert fingerprint(second_database) == original

    # Over a database that holds something: refused, unless --force.
    again = run(second_database, "db", "restore", str(backup))
    assert again.exit_code == 1
    assert "not empty" in again.output
    forced = run(second_database, "db", "restore", str(backup), "--force")
    assert forced.exit_code == 0, forced.output
    assert fingerprint(second_database) == original


def test_restore_refuses_a_file_that_is_not_a_backup_of_this_engine(empty_database, tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup")
    result = run(empty_database, "db", "restore", str(bogus))
    assert result.exit_code == 1
    assert "is not a" in result.output
    missing = run(empty_database, "db", "restore", str(tmp_path / "nothing"))
    assert missing.exit_code == 1
    assert "no such backup file" in missing.output


def test_a_missing_postgresql_tool_is_named(empty_database, tmp_path, monkeypatch):
    if empty_database.startswith("sqlite"):
        pytest.skip("SQLite needs no external tool")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run(empty_database, "db", "backup", str(tmp_path / "x.backup"))
    assert result.exit_code == 1
    assert "pg_dump was not found" in result.output
