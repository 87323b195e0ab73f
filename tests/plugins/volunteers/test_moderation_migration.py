"""The volunteers' own reports and hidden missions move to core moderation with their data."""

import itertools
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from parvis import migrate
from parvis.db import make_engine

BEFORE = ("f45318173ce8", "6335cc043390")  # core's moderation tables; the volunteers before the move
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
        elif isinstance(kind, sa.DateTime | sa.TIMESTAMP):
            values[column.name] = AT
        elif isinstance(kind, sa.JSON):
            values[column.name] = {}
        else:
            values[column.name] = f"x{next(UNIQUE)}"
    return values


def test_reports_and_hidden_missions_are_copied_into_core_moderation(site, empty_database):
    engine = make_engine(empty_database)
    try:
        with engine.begin() as connection:
            config = migrate.alembic_config(site, connection)
            for revision in BEFORE:
                command.upgrade(config, revision)
            meta = sa.MetaData()
            meta.reflect(connection)
            insert = lambda name, **given: connection.execute(  # noqa: E731
                meta.tables[name].insert().values(_required(meta.tables[name], given))
            ).inserted_primary_key[0]
            author = insert("core_account", email="author@example.org")
            reporter = insert("core_account", email="reporter@example.org")
            org = insert("volunteers_organisation", slug="org")
            hidden = insert(
                "volunteers_mission", public_id="hid", organisation_id=org, hidden=True, created_by_id=author
            )
            reported = insert("volunteers_mission", public_id="rep", organisation_id=org, district="11")
            insert("volunteers_mission", public_id="calm", organisation_id=org)
            insert(
                "volunteers_report",
                mission_id=reported,
                account_id=reporter,
                reason="Offre d'emploi",
                created_at=AT,
            )
            insert(
                "volunteers_report",
                mission_id=hidden,
                account_id=reporter,
                reason="Spam",
                created_at=AT,
                resolved_at=AT,
            )
            command.upgrade(config, "heads")
            states = connection.execute(
                sa.text(
                    "SELECT content_key, status, district, author_account_id, queued_at IS NOT NULL"
                    " FROM core_moderation ORDER BY content_key"
                )
            ).all()
            reports = connection.execute(
                sa.text(
                    "SELECT content_kind, content_key, account_id, reason, note, resolved_at IS NOT NULL"
                    " FROM core_moderation_report ORDER BY content_key"
                )
            ).all()
    finally:
        engine.dispose()
    assert [tuple(s) for s in states] == [
        ("hid", "hidden", None, author, False),
        ("rep", "visible", "11", None, True),
    ]
    assert [tuple(r) for r in reports] == [
        ("volunteers.mission", "hid", reporter, "other", "Spam", True),
        ("volunteers.mission", "rep", reporter, "other", "Offre d'emploi", False),
    ]
