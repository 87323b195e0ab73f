"""budget: where a project is built, for the map of realisations

Revision ID: a3c1f0d2b7e9
Revises: 6da8076a3747
Create Date: 2026-11-27 10:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a3c1f0d2b7e9"
down_revision: str | None = "6da8076a3747"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("budget_project", sa.Column("latitude", sa.Float(), nullable=True))
    op.add_column("budget_project", sa.Column("longitude", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("budget_project") as batch:
        batch.drop_column("longitude")
        batch.drop_column("latitude")
