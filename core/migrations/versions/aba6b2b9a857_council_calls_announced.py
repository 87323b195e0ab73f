"""council calls announced: when the eligible residents were told a call is open (calls open at
the upgrade are announced by the next hourly run)

Revision ID: aba6b2b9a857
Revises: 67a9fb78f5a2
Create Date: 2026-12-04 04:30:57.463639
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import parvis.db

revision: str = "aba6b2b9a857"
down_revision: str | None = "67a9fb78f5a2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("core_council_call", schema=None) as batch_op:
        batch_op.add_column(sa.Column("announced_at", parvis.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("core_council_call", schema=None) as batch_op:
        batch_op.drop_column("announced_at")
