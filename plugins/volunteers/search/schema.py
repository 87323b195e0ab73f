"""The database objects the search needs beyond the models: created with the tables.

``install(connection)`` runs after ``volunteers_mission`` is created (``create_all`` in tests
and benchmarks, through a table event); the plugin's migrations hold frozen copies of it. It is
idempotent.

SQLite: an external-content FTS5 table kept in step by triggers (inserts, deletes, and updates
of ``search_stems`` only, so counter updates on sign-up never touch the index).
PostgreSQL: the ``unaccent`` extension when the server has it, two text search configurations
(``volunteers_fr``: French stems; ``volunteers_simple``: whole words, for prefixes) and one GIN
index on the concatenation of both ``tsvector`` (the expression ``backends.PostgresFts`` uses).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from parvis.api import declare_unmanaged
from parvis.plugins.volunteers.models import Mission

# Made by install() and the migrations, not by the models: schema comparison must not drop them.
declare_unmanaged("volunteers_mission_fts", "ix_volunteers_mission_search")

SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS volunteers_mission_fts USING fts5(
        search_stems, content='volunteers_mission', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER IF NOT EXISTS volunteers_mission_fts_ai AFTER INSERT ON volunteers_mission BEGIN
        INSERT INTO volunteers_mission_fts(rowid, search_stems)
            VALUES (new.id, new.search_stems);
    END""",
    """CREATE TRIGGER IF NOT EXISTS volunteers_mission_fts_ad AFTER DELETE ON volunteers_mission BEGIN
        INSERT INTO volunteers_mission_fts(volunteers_mission_fts, rowid, search_stems)
            VALUES ('delete', old.id, old.search_stems);
    END""",
    """CREATE TRIGGER IF NOT EXISTS volunteers_mission_fts_au
    AFTER UPDATE OF search_stems ON volunteers_mission BEGIN
        INSERT INTO volunteers_mission_fts(volunteers_mission_fts, rowid, search_stems)
            VALUES ('delete', old.id, old.search_stems);
        INSERT INTO volunteers_mission_fts(rowid, search_stems)
            VALUES (new.id, new.search_stems);
    END""",
]

POSTGRES_CONFIG = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'volunteers_fr') THEN
        CREATE TEXT SEARCH CONFIGURATION volunteers_fr (COPY = french);
        IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
            ALTER TEXT SEARCH CONFIGURATION volunteers_fr
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'volunteers_simple') THEN
        CREATE TEXT SEARCH CONFIGURATION volunteers_simple (COPY = simple);
        IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
            ALTER TEXT SEARCH CONFIGURATION volunteers_simple
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END IF;
END
$$"""
# Stems (French Snowball) and whole words (for prefixes of what the visitor is still typing).
POSTGRES_INDEX = """CREATE INDEX IF NOT EXISTS ix_volunteers_mission_search ON volunteers_mission
    USING gin ((to_tsvector('volunteers_fr'::regconfig, search_document)
                || to_tsvector('volunteers_simple'::regconfig, search_document)))"""


def install(connection: Connection) -> None:
    dialect = connection.dialect.name
    if dialect == "sqlite":
        for statement in SQLITE:
            connection.execute(text(statement))
    elif dialect == "postgresql":
        connection.execute(text(POSTGRES_CONFIG))
        connection.execute(text(POSTGRES_INDEX))


def rebuild(connection: Connection) -> None:
    """Re-create what is missing and re-index every mission (after a table was rebuilt on SQLite)."""
    install(connection)
    if connection.dialect.name == "sqlite":
        connection.execute(
            text("INSERT INTO volunteers_mission_fts(volunteers_mission_fts) VALUES ('rebuild')")
        )


@event.listens_for(Mission.__table__, "after_create")
def _after_create(_table: Any, connection: Connection, **_kw: Any) -> None:
    install(connection)


@event.listens_for(Mission.__table__, "before_drop")
def _before_drop(_table: Any, connection: Connection, **_kw: Any) -> None:
    if connection.dialect.name == "sqlite":
        connection.execute(text("DROP TABLE IF EXISTS volunteers_mission_fts"))
