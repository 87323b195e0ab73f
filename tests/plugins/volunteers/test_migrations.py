"""The plugin's migrations build the schema of its models, search objects included."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from parvis.db import Base, make_engine
from parvis.migrate import upgrade

# Created by search/schema.py, outside the models (FTS5 shadow tables, a GIN expression index).
FTS_OBJECTS = ("volunteers_mission_fts", "ix_volunteers_mission_fulltext")


@pytest.fixture
def scratch_engine(tmp_path):
    base = os.environ.get("PARVIS_TEST_DATABASE_URL")
    if not base:
        engine = make_engine(f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
        yield engine
        engine.dispose()
        return
    url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"{url.database or 'parvis_test'}_volunteers_migrations"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrated_schema_matches_the_models(site, scratch_engine):
    upgrade(site, scratch_engine)
    with scratch_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            d for d in compare_metadata(context, Base.metadata)
            if "volunteers_" in str(d) and not any(name in str(d) for name in FTS_OBJECTS)
        ]
    assert differences == []


def test_migrated_search_works(site, scratch_engine):
    upgrade(site, scratch_engine)
    with scratch_engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO volunteers_organisation (slug, name, kind, description, website, email, active, created_at, updated_at)"
            " VALUES ('o', 'Org', 'association', '', '', '', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ))
        connection.execute(text(
            "INSERT INTO volunteers_mission (public_id, organisation_id, title, description, theme, kind, category, status,"
            " hidden, place_name, address, prerequisites, skills, slot_count, capacity_total, taken_total,"
            " search_document, search_stems, moderation_note, report_count, created_at, updated_at)"
            " VALUES ('p1', 1, 'Jardins', '', 'environment', 'one_off', 'mission', 'published', false, '', '', '', '',"
            " 0, 0, 0, 'Les jardins partagés', 'le jardin partag', '', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ))
        if scratch_engine.dialect.name == "sqlite":
            found = connection.execute(text(
                "SELECT rowid FROM volunteers_mission_fts WHERE volunteers_mission_fts MATCH '\"jardin\"*'"
            )).all()
        else:
            found = connection.execute(text(
                "SELECT id FROM volunteers_mission WHERE to_tsvector('volunteers_fr'::regconfig, search_document)"
                " @@ to_tsquery('volunteers_fr'::regconfig, 'partage:*')"
            )).all()
    assert len(found) == 1
