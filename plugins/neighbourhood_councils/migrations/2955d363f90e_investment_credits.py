"""Investment credits beside the operating allocation: allocations and spending decisions name their
credit; existing rows are the operating allocation's.

Revision ID: 2955d363f90e
Revises: 0c97e77c2283
Create Date: 2026-12-04 08:56:25.327089
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2955d363f90e"
down_revision: str | None = "0c97e77c2283"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _credit(**extra: object) -> sa.Column:
    kind = sa.Enum("operating", "investment", name="credit", native_enum=False, length=16)
    return sa.Column("credit", kind, nullable=False, **extra)  # type: ignore[arg-type]


def upgrade() -> None:
    for table in ("neighbourhood_councils_allocation", "neighbourhood_councils_spending"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_credit(server_default="operating"))  # existing rows: operating
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("credit", server_default=None)
    with op.batch_alter_table("neighbourhood_councils_allocation", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_neighbourhood_councils_allocation_council_id_year"), type_="unique"
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_neighbourhood_councils_allocation_council_id_year_credit"),
            ["council_id", "year", "credit"],
        )


def downgrade() -> None:
    op.execute("DELETE FROM neighbourhood_councils_spending WHERE credit = 'investment'")
    op.execute("DELETE FROM neighbourhood_councils_allocation WHERE credit = 'investment'")
    with op.batch_alter_table("neighbourhood_councils_spending", schema=None) as batch_op:
        batch_op.drop_column("credit")
    with op.batch_alter_table("neighbourhood_councils_allocation", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_neighbourhood_councils_allocation_council_id_year_credit"), type_="unique"
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_neighbourhood_councils_allocation_council_id_year"), ["council_id", "year"]
        )
        batch_op.drop_column("credit")
