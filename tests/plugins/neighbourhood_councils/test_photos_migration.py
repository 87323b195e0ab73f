"""Contributions' photos move to core's photo store with their data (on SQLite and PostgreSQL,
like every migration test): same public id (the old address redirects to it), bytes, alternative
text, the contribution's author as uploader; downgrading puts them back."""

import sqlalchemy as sa
from alembic import command

from parvis.testing import row_inserter
from parvis.testing_migrations import AT, migrated_to

BEFORE = ("0ec11a683fdd", "2955d363f90e")  # core before its photo store; the plugin before the move


def test_contribution_photos_are_copied_into_core_photo_store(site, empty_database):
    with migrated_to(site, empty_database, *BEFORE) as (connection, config):
        insert = row_inserter(connection)
        person = insert("core_person")
        author = insert("core_account", email="author@example.org", person_id=person)
        programme = insert("neighbourhood_councils_programme", slug="lilas", district="20")
        for key, with_photo in (("c1", True), ("c2", False)):
            contribution = insert(
                "neighbourhood_councils_contribution",
                public_id=key,
                programme_id=programme,
                person_id=person,
                category="greenery",
                created_at=AT,
            )
            if with_photo:
                insert(
                    "neighbourhood_councils_contribution_photo",
                    public_id="ph1",
                    contribution_id=contribution,
                    content_type="image/jpeg",
                    data=b"jpeg",
                    size=4,
                    alt="Un square sans fleurs",
                )
        command.upgrade(config, "heads")
        moved = connection.execute(
            sa.text(
                "SELECT public_id, owner_kind, owner_key, position, content_type, data, alt,"
                " uploaded_by_id FROM core_photo"
            )
        ).all()
        tables = set(sa.inspect(connection).get_table_names())
        command.downgrade(config, BEFORE[1])
        back = connection.execute(
            sa.text(
                "SELECT p.public_id, c.public_id, p.data, p.alt"
                " FROM neighbourhood_councils_contribution_photo AS p"
                " JOIN neighbourhood_councils_contribution AS c ON c.id = p.contribution_id"
            )
        ).all()
        left = connection.execute(sa.text("SELECT COUNT(*) FROM core_photo")).scalar()
    assert [tuple(row) for row in moved] == [
        (
            "ph1",
            "neighbourhood_councils.contribution",
            "c1",
            0,
            "image/jpeg",
            b"jpeg",
            "Un square sans fleurs",
            author,
        )
    ]
    assert "neighbourhood_councils_contribution_photo" not in tables
    assert [tuple(row) for row in back] == [("ph1", "c1", b"jpeg", "Un square sans fleurs")]
    assert left == 0
