"""council calls and applications follow workflows

A call gets the state of its workflow (parvis.councils.lifecycle): drawn when its draw took place,
announced when the eligible residents were told, else scheduled. Applications keep their column
(the same stored names, now read by the workflow engine's state type).

Revision ID: be35114bf643
Revises: aba6b2b9a857
Create Date: 2026-12-04 07:43:10.253331
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "be35114bf643"
down_revision: str | None = "aba6b2b9a857"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("core_council_call", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=32), server_default="scheduled", nullable=False)
        )
    op.execute("UPDATE core_council_call SET status = 'announced' WHERE announced_at IS NOT NULL")
    op.execute("UPDATE core_council_call SET status = 'drawn' WHERE drawn_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("core_council_call", schema=None) as batch_op:
        batch_op.drop_column("status")
