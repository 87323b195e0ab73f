"""Calls get the stored state of their workflow from what already happened to them: drawn when
their draw took place, announced when residents were told, else scheduled (on SQLite and
PostgreSQL, like every migration test)."""

from datetime import date

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from parvis.testing import row_inserter
from parvis.testing_migrations import AT, migrated_to

REVISION = "be35114bf643"  # calls and applications follow workflows


def test_calls_get_the_state_of_what_happened_to_them(site, empty_database):
    with migrated_to(site, empty_database) as (connection, config):
        before = ScriptDirectory.from_config(config).get_revision(REVISION).down_revision
        command.upgrade(config, str(before))
        insert = row_inserter(connection)
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
    assert [tuple(s) for s in states] == [
        ("both", "drawn"),
        ("drawn", "drawn"),
        ("told", "announced"),
        ("waiting", "scheduled"),
    ]
