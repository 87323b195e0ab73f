"""The plugin's own moderation of Beautify contributions moves to core's with its data: approved
stays published, pending waits in core's queue, refused stays hidden with a reason its author
sees (on SQLite and PostgreSQL, like every migration test)."""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from parvis.testing import row_inserter
from parvis.testing_migrations import AT, migrated_to

BEFORE = ("f45318173ce8", "7aeaff979b81")  # core's moderation tables; the plugin before the move
LATER = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_contributions_states_are_copied_into_core_moderation(site, empty_database):
    with migrated_to(site, empty_database, *BEFORE) as (connection, config):
        insert = row_inserter(connection)
        person = insert("core_person")
        author = insert("core_account", email="author@example.org", person_id=person)
        programme = insert("neighbourhood_councils_programme", slug="lilas", district="20")
        for key, status, moderated in (
            ("ok", "approved", LATER),
            ("wait", "pending", None),
            ("no", "rejected", LATER),
        ):
            insert(
                "neighbourhood_councils_contribution",
                public_id=key,
                programme_id=programme,
                person_id=person,
                category="greenery",
                status=status,
                created_at=AT,
                moderated_at=moderated,
            )
        command.upgrade(config, "heads")
        states = connection.execute(
            sa.text(
                "SELECT content_key, status, reason != '', district, author_account_id,"
                " queued_at IS NOT NULL, decided_at IS NOT NULL"
                " FROM core_moderation WHERE content_kind = 'neighbourhood_councils.contribution'"
                " ORDER BY content_key"
            )
        ).all()
        upgraded = {
            c["name"] for c in sa.inspect(connection).get_columns("neighbourhood_councils_contribution")
        }
        command.downgrade(config, BEFORE[1])  # and back: the plugin's statuses again
        back = connection.execute(
            sa.text(
                "SELECT public_id, status, moderated_at IS NOT NULL"
                " FROM neighbourhood_councils_contribution ORDER BY public_id"
            )
        ).all()
        left = connection.execute(sa.text("SELECT COUNT(*) FROM core_moderation")).scalar()
        columns = {
            c["name"] for c in sa.inspect(connection).get_columns("neighbourhood_councils_contribution")
        }
    assert [tuple(s) for s in states] == [
        ("no", "hidden", True, "20", author, False, True),
        ("ok", "visible", False, "20", author, False, True),
        ("wait", "pending", False, "20", author, True, False),
    ]
    assert not {"status", "moderated_at"} & upgraded
    assert {"status", "moderated_at"} <= columns
    assert [tuple(b) for b in back] == [
        ("no", "rejected", True),
        ("ok", "approved", True),
        ("wait", "pending", False),
    ]
    assert left == 0
