"""The budget's photos move to core's photo store with their data (on SQLite and PostgreSQL, like
every migration test): an idea's photo and a project's realisation photos keep their public id
(their old address redirects to the same photo), bytes, description as alternative text, uploader,
order and date; downgrading puts them back in the budget's tables."""

from datetime import date

import sqlalchemy as sa
from alembic import command

from parvis.testing import row_inserter
from parvis.testing_migrations import AT, migrated_to

BEFORE = ("0ec11a683fdd", "33ba0a65ff04")  # core before its photo store; the budget before the move


def test_idea_and_realisation_photos_are_copied_into_core_photo_store(site, empty_database):
    with migrated_to(site, empty_database, *BEFORE) as (connection, config):
        insert = row_inserter(connection)
        person = insert("core_person")
        author = insert("core_account", email="author@example.org", person_id=person)
        campaign = insert("budget_campaign", slug="2026", n_grades=5)

        def photo(key, data, description=""):
            return insert(
                "budget_photo",
                public_id=key,
                content_type="image/png",
                data=data,
                size=len(data),
                description=description,
                uploaded_at=AT,
                uploaded_by_id=author,
            )

        insert(
            "budget_idea",
            public_id="idea1",
            campaign_id=campaign,
            photo_id=photo("ph1", b"one", "Un banc"),
        )
        insert("budget_idea", public_id="idea2", campaign_id=campaign)  # without a photo
        project = insert("budget_project", public_id="proj1", campaign_id=campaign)
        for key, taken in (("ph2", date(2027, 4, 2)), ("ph3", None)):
            insert(
                "budget_project_photo",
                project_id=project,
                photo_id=photo(key, key.encode()),
                taken_on=taken,
            )
        command.upgrade(config, "heads")
        moved = connection.execute(
            sa.text(
                "SELECT public_id, owner_kind, owner_key, position, data, alt, taken_on, uploaded_by_id"
                " FROM core_photo ORDER BY public_id"
            )
        ).all()
        tables = set(sa.inspect(connection).get_table_names())
        idea_columns = {c["name"] for c in sa.inspect(connection).get_columns("budget_idea")}
        command.downgrade(config, BEFORE[1])
        back_ideas = connection.execute(
            sa.text(
                "SELECT i.public_id, p.public_id, p.description, p.data FROM budget_idea AS i"
                " LEFT JOIN budget_photo AS p ON p.id = i.photo_id ORDER BY i.public_id"
            )
        ).all()
        back_projects = connection.execute(
            sa.text(
                "SELECT p.public_id, pp.taken_on FROM budget_project_photo AS pp"
                " JOIN budget_photo AS p ON p.id = pp.photo_id ORDER BY pp.id"
            )
        ).all()
        left = connection.execute(sa.text("SELECT COUNT(*) FROM core_photo")).scalar()
    assert [tuple(row[:6]) for row in moved] == [
        ("ph1", "budget.idea", "idea1", 0, b"one", "Un banc"),
        ("ph2", "budget.project", "proj1", 0, b"ph2", ""),
        ("ph3", "budget.project", "proj1", 1, b"ph3", ""),
    ]
    assert [str(row[6]) if row[6] else None for row in moved] == [None, "2027-04-02", None]
    assert {row[7] for row in moved} == {author}
    assert not {"budget_photo", "budget_project_photo"} & tables and "photo_id" not in idea_columns
    assert [tuple(row) for row in back_ideas] == [
        ("idea1", "ph1", "Un banc", b"one"),
        ("idea2", None, None, None),
    ]
    assert [(key, str(taken) if taken else None) for key, taken in back_projects] == [
        ("ph2", "2027-04-02"),
        ("ph3", None),
    ]
    assert left == 0
