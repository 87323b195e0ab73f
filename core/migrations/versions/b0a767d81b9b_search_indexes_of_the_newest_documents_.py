"""search: indexes of the newest documents per kind and district

Revision ID: b0a767d81b9b
Revises: 0ec11a683fdd
Create Date: 2026-12-04 15:35:37.787126
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b0a767d81b9b"
down_revision: str | None = "0ec11a683fdd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


TABLE = "core_search_document"
NEWEST = {
    "ix_core_search_document_kind_newest": ["content_kind", "id"],
    "ix_core_search_document_district_newest": ["district", "id"],
    "ix_core_search_document_kind_district_newest": ["content_kind", "district", "id"],
}
REPLACED = {
    "ix_core_search_document_district": ["district"],
    "ix_core_search_document_kind_district": ["content_kind", "district"],
}


def upgrade() -> None:
    # Plain index operations, not a batch: SQLite must not rebuild the table (its full-text
    # triggers would go).
    for name in REPLACED:
        op.drop_index(name, table_name=TABLE)
    for name, columns in NEWEST.items():
        op.create_index(name, TABLE, columns)


def downgrade() -> None:
    for name in NEWEST:
        op.drop_index(name, table_name=TABLE)
    for name, columns in REPLACED.items():
        op.create_index(name, TABLE, columns)
