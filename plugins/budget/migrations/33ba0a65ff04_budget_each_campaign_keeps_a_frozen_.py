"""budget: each campaign keeps a frozen description of its counting rule; results keep the rule's own figures

Revision ID: 33ba0a65ff04
Revises: a3c1f0d2b7e9
Create Date: 2026-12-03 13:47:26.982573
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "33ba0a65ff04"
down_revision: str | None = "a3c1f0d2b7e9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Campaigns published before this revision have no frozen description: their pages use the
    # registered rule while it exists (ballot_rules.rule_view).
    op.add_column("budget_campaign", sa.Column("rule_description", sa.JSON(), nullable=True))
    op.add_column("budget_result_project", sa.Column("figures", sa.JSON(), nullable=True))
    op.execute("UPDATE budget_result_project SET figures = '{}'")
    with op.batch_alter_table("budget_result_project") as batch:
        batch.alter_column("figures", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("budget_result_project") as batch:
        batch.drop_column("figures")
    with op.batch_alter_table("budget_campaign") as batch:
        batch.drop_column("rule_description")
