"""Append-only tables: rows are inserted, never changed or deleted (history, audit log).

``append_only(Model)`` makes the ORM refuse to flush a changed or deleted row and makes the
database itself refuse UPDATE and DELETE through triggers, created with the table by
``create_all`` and by the table's Alembic revision (``trigger_statements``, copied in). A retention period may
allow deleting rows older than a minimum age (the audit log's purge); nothing may ever update one.

One exception: databases made by ``create_all`` on SQLite get no DELETE trigger, because the test
fixtures empty SQLite tables row by row between tests (PostgreSQL's TRUNCATE fires no row
trigger). Migrated SQLite databases refuse both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import DDL, event
from sqlalchemy.orm import Session

_tables: dict[type, str] = {}
_statements_of: dict[str, dict[str, list[str]]] = {}


def _statements(table: str, column: str | None, min_age_days: int | None) -> dict[str, list[str]]:
    refusal = f"{table} is append-only"
    keep_young = (
        f"IF TG_OP = 'DELETE' AND OLD.{column} < now() - interval '{int(min_age_days)} days' "
        "THEN RETURN OLD; END IF;\n  "
        if column and min_age_days is not None
        else ""
    )
    sqlite_when = (
        f" WHEN OLD.{column} >= datetime('now', '-{int(min_age_days)} days')"
        if column and min_age_days is not None
        else ""
    )
    return {
        "postgresql": [
            f"""CREATE OR REPLACE FUNCTION {table}_refuse() RETURNS trigger AS $$
BEGIN
  {keep_young}RAISE EXCEPTION USING MESSAGE = '{refusal}: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql""",
            f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_refuse()""",
        ],
        "sqlite_update": [
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{refusal}: UPDATE refused'); END"""
        ],
        "sqlite_delete": [
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}{sqlite_when}
BEGIN SELECT RAISE(ABORT, '{refusal}: DELETE refused'); END"""
        ],
    }


def append_only(model: type, *, deletable_after: tuple[str, int] | None = None) -> None:
    """Make ``model``'s table append-only; ``deletable_after=(column, days)`` lets a purge delete
    rows whose ``column`` is older than ``days``."""
    table = model.__tablename__  # type: ignore[attr-defined]
    column, days = deletable_after or (None, None)
    statements = _statements(table, column, days)
    _statements_of[table] = statements
    _tables[model] = f"{table} is append-only"
    for sql in statements["postgresql"]:
        event.listen(model.__table__, "after_create", DDL(sql).execute_if(dialect="postgresql"))  # type: ignore[attr-defined]
    for sql in statements["sqlite_update"]:
        event.listen(model.__table__, "after_create", DDL(sql).execute_if(dialect="sqlite"))  # type: ignore[attr-defined]


def trigger_statements(table: str, dialect: str) -> list[str]:
    """The SQL that makes ``table`` append-only on a migrated database (copy it into the
    revision that creates the table, so the revision never changes)."""
    statements = _statements_of[table]
    if dialect == "postgresql":
        return statements["postgresql"]
    return statements["sqlite_update"] + statements["sqlite_delete"] if dialect == "sqlite" else []


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _context: Any, _instances: Any) -> None:
    """No code path may modify or delete such a row; fail loudly before the database has to."""
    for instance in (*session.dirty, *session.deleted):
        refusal = _tables.get(type(instance))
        if refusal and (instance in session.deleted or session.is_modified(instance)):
            raise PermissionError(refusal)
