"""The volunteers' data moving into core's services keeps its content: reports and hidden missions
into core moderation, notices into core notifications."""

import sqlalchemy as sa
from alembic import command

from parvis.testing import row_inserter
from parvis.testing_migrations import AT, migrated_to

BEFORE = ("f45318173ce8", "6335cc043390")  # core's moderation tables; the volunteers before the move


def test_reports_and_hidden_missions_are_copied_into_core_moderation(site, empty_database):
    with migrated_to(site, empty_database, *BEFORE) as (connection, config):
        insert = row_inserter(connection)
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
    assert [tuple(s) for s in states] == [
        ("hid", "hidden", None, author, False),
        ("rep", "visible", "11", None, True),
    ]
    assert [tuple(r) for r in reports] == [
        ("volunteers.mission", "hid", reporter, "other", "Spam", True),
        ("volunteers.mission", "rep", reporter, "other", "Offre d'emploi", False),
    ]


def test_notices_not_yet_mirrored_are_copied_into_core_notifications(site, empty_database):
    # Core's notifications, and the volunteers' last revision with notices.
    with migrated_to(site, empty_database, "6f4e15914523", "b96b04a60115") as (connection, config):
        insert = row_inserter(connection)
        volunteer = insert("core_account", email="volunteer@example.org")
        org = insert("volunteers_organisation", slug="org")
        old = insert("volunteers_mission", public_id="old", organisation_id=org, title="Old one")
        new = insert("volunteers_mission", public_id="new", organisation_id=org, title="New one")
        # From before core's notifications: a notice only; since then, both rows.
        insert("volunteers_notice", account_id=volunteer, kind="promoted", mission_id=old, read_at=AT)
        insert("volunteers_notice", account_id=volunteer, kind="cancelled", mission_id=new)
        insert(
            "core_notification",
            account_id=volunteer,
            content_kind="volunteers.mission",
            content_key="new",
            event="notice",
            title="New one",
            path="/volunteers/missions/new",
            detail="Mission cancelled",
        )
        command.upgrade(config, "heads")
        rows = connection.execute(
            sa.text(
                "SELECT content_key, detail, title, path, read_at IS NOT NULL, mailed_at IS NOT NULL"
                " FROM core_notification ORDER BY content_key"
            )
        ).all()
        tables = sa.inspect(connection).get_table_names()
    assert [tuple(r) for r in rows] == [
        ("new", "Mission cancelled", "New one", "/volunteers/missions/new", False, False),
        ("old", "A place freed up for you", "Old one", "/volunteers/missions/old", True, True),
    ]
    assert "volunteers_notice" not in tables
