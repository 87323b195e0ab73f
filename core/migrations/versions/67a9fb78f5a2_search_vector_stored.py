"""search: PostgreSQL keeps each document's full-text vector in a stored column, indexed by GIN

Revision ID: 67a9fb78f5a2
Revises: 6f4e15914523
Create Date: 2026-12-03 23:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "67a9fb78f5a2"
down_revision: str | None = "6f4e15914523"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of parvis.search.models.POSTGRES (a phrase is rechecked against the stored vector,
# not rebuilt from the text row by row). SQLite's FTS5 table is unchanged.
VECTOR = "to_tsvector('simple'::regconfig, title_stems || ' ' || stems || ' ' || facets)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_core_search_document_fulltext")
    op.execute(
        f"ALTER TABLE core_search_document ADD COLUMN IF NOT EXISTS search_vector tsvector"
        f" GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_core_search_document_fulltext ON core_search_document"
        " USING gin (search_vector)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_core_search_document_fulltext")
    op.execute("ALTER TABLE core_search_document DROP COLUMN IF EXISTS search_vector")
    op.execute(
        f"CREATE INDEX ix_core_search_document_fulltext ON core_search_document USING gin (({VECTOR}))"
    )
