"""Calls get the stored state of their workflow from what already happened to them: drawn when
their draw took place, announced when residents were told, else scheduled (on SQLite and
PostgreSQL, like every migration test)."""

import itertools
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from parvis import migrate
from parvis.db import make_engine

REVISION = "be35114bf643"  # calls and applications follow workflows
AT = datetime(2026, 3, 1, 12, tzinfo=UTC)
UNIQUE = itertools.count(1)


def _required(table: sa.Table, given: dict) -> dict:
    """``given`` plus a plausible value for every other NOT NULL column without a default."""
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
        elif isinstance(kind, sa.Date):
            values[column.name] = AT.date()
        elif isinstance(kind, sa.DateTime | sa.TIMESTAMP):
            values[column.name] = AT
        elif isinstance(kind, sa.JSON):
            values[column.name] = {}
        else:
            values[column.name] = f"x{next(UNIQUE)}"
    return values


def test_calls_get_the_state_of_what_happened_to_them(site, empty_database):
    engine = make_engine(empty_database)
    try:
        with engine.begin() as connection:
            config = migrate.alembic_config(site, connection)
            before = ScriptDirectory.from_config(config).get_revision(REVISION).down_revision
            command.upgrade(config, str(before))
            meta = sa.MetaData()
            meta.reflect(connection)
            insert = lambda name, **given: connection.execute(  # noqa: E731
                meta.tables[name].insert().values(_required(meta.tables[name], given))
            ).inserted_primary_key[0]
            body = insert("core_body", slug="conseil", kind="sample_council")
            term = insert("core_term", body_id=body, starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31))
            for key, announced, drawn in (
                ("both", AT, AT),
                ("drawn", None, AT),
                ("told", AT, None),
                ("waiting", None, None),
            ):
                insert(
                    "core_council_call",
                    public_id=key,
                    body_id=body,
                    term_id=term,
                    opens_on=date(2026, 3, 1),
                    closes_on=date(2026, 4, 1),
                    announced_at=announced,
                    drawn_at=drawn,
                )
            command.upgrade(config, "heads")
            states = connection.execute(
                sa.text("SELECT public_id, status FROM core_council_call ORDER BY public_id")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(s) for s in states] == [
        ("both", "drawn"),
        ("drawn", "drawn"),
        ("told", "announced"),
        ("waiting", "scheduled"),
    ]
