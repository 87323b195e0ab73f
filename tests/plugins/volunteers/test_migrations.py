"""The plugin's migrations build the schema of its models, search objects included."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from parvis.db import Base, make_engine
from parvis.migrate import upgrade
from parvis.plugins.volunteers.models import Mission, Organisation

# Created by search/schema.py, outside the models (FTS5 shadow tables, a GIN expression index).
FTS_OBJECTS = ("volunteers_mission_fts", "ix_volunteers_mission_search")


@pytest.fixture
def scratch_engine(empty_database):
    engine = make_engine(empty_database)
    yield engine
    engine.dispose()


def test_migrated_schema_matches_the_models(site, scratch_engine):
    upgrade(site, scratch_engine)
    with scratch_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            if "volunteers_" in str(d) and not any(name in str(d) for name in FTS_OBJECTS)
        ]
    assert differences == []


def test_migrated_search_works(site, scratch_engine):
    upgrade(site, scratch_engine)
    with scratch_engine.begin() as connection:
        connection.execute(Organisation.__table__.insert().values(id=1, slug="o", name="Org"))
        connection.execute(
            Mission.__table__.insert().values(
                organisation_id=1,
                title="Jardins",
                theme="environment",
                status="published",
                search_document="Les jardins partagés",
                search_stems="le jardin partag",
            )
        )
        if scratch_engine.dialect.name == "sqlite":
            query = (
                "SELECT rowid FROM volunteers_mission_fts WHERE volunteers_mission_fts MATCH '\"jardin\"*'"
            )
        else:
            query = (
                "SELECT id FROM volunteers_mission"
                " WHERE (to_tsvector('volunteers_fr'::regconfig, search_document)"
                " || to_tsvector('volunteers_simple'::regconfig, search_document))"
                " @@ (to_tsquery('volunteers_fr'::regconfig, 'partag')"
                " || to_tsquery('volunteers_simple', 'parta:*'))"
            )
        found = connection.execute(text(query)).all()
    assert len(found) == 1
