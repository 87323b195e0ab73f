"""search: stems and whole words in one PostgreSQL index

Prefix matching on Snowball stems was too broad ("repas" -> "rep:*" also found "réparer"): the
document vector now holds French stems and whole unaccented words, and prefixes apply to words.
Nothing changes on SQLite (its FTS5 index stores light stems, where prefixes stay precise).

Written by hand: autogenerate does not see expression indexes and would drop the FTS5 tables,
which live outside the models.

Revision ID: 13011b067b06
Revises: e97f003d8711
Create Date: 2026-11-27 06:11:31.717017
"""

from collections.abc import Sequence

from alembic import op

revision: str = "13011b067b06"
down_revision: str | None = "e97f003d8711"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIMPLE_CONFIG = """DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'volunteers_simple') THEN
        CREATE TEXT SEARCH CONFIGURATION volunteers_simple (COPY = simple);
        IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
            ALTER TEXT SEARCH CONFIGURATION volunteers_simple
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END IF;
END
$$"""
NEW_INDEX = """CREATE INDEX IF NOT EXISTS ix_volunteers_mission_search ON volunteers_mission
    USING gin ((to_tsvector('volunteers_fr'::regconfig, search_document)
                || to_tsvector('volunteers_simple'::regconfig, search_document)))"""
OLD_INDEX = """CREATE INDEX IF NOT EXISTS ix_volunteers_mission_fulltext ON volunteers_mission
    USING gin (to_tsvector('volunteers_fr'::regconfig, search_document))"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(SIMPLE_CONFIG)
    op.execute("DROP INDEX IF EXISTS ix_volunteers_mission_fulltext")
    op.execute(NEW_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_volunteers_mission_search")
    op.execute(OLD_INDEX)
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS volunteers_simple")
