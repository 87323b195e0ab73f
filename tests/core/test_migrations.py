"""Migrations build the same schema as the models, on SQLite and on PostgreSQL."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from parvis import migrate
from parvis.db import Base, is_unmanaged, make_engine


@pytest.fixture
def empty_engine(empty_database):
    """A brand-new empty database of the engine under test."""
    engine = make_engine(empty_database)
    yield engine
    engine.dispose()


@pytest.mark.hooks("register_migrations")
def test_upgrading_an_empty_database_gives_the_models_schema(site, empty_engine):
    migrate.upgrade(site, empty_engine)
    owners = ("core_", *(f"{name}_" for name in site.config.plugins.enabled))

    def ours(obj, name, type_, reflected, compare_to):
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return str(table).startswith(owners) and not is_unmanaged(name) and not is_unmanaged(table)

    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": ours})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models and migrations differ; run `parvis db revision <branch> -m ...`"


def test_upgrade_twice_is_harmless(site, empty_engine):
    migrate.upgrade(site, empty_engine)
    migrate.upgrade(site, empty_engine)
    with empty_engine.connect() as connection:
        assert migrate.unapplied(site, connection) == []


def test_a_database_behind_the_code_lists_its_missing_revisions(site, empty_engine):
    with empty_engine.connect() as connection:
        assert set(migrate.unapplied(site, connection)) >= set(migrate.current_heads(site))
    migrate.upgrade(site, empty_engine)
    with empty_engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('64869cbb20d1')"))
        missing = migrate.unapplied(site, connection)
    assert "94ec2857a05f" in missing
    assert "64869cbb20d1" not in missing


def test_the_suite_runs_on_the_engine_it_was_asked_for(parvis_database_url):
    wanted = os.environ.get("PARVIS_TEST_DATABASE_URL")
    assert parvis_database_url.startswith("postgresql") == bool(wanted)


def test_model_class_names_are_unique_across_plugins(site):
    """Relationship targets are resolved by class name: two plugins' `Campaign` would break both."""
    names = [mapper.class_.__name__ for mapper in Base.registry.mappers]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"mapped classes sharing a name: {duplicates}"
