"""photos move to core's photo store

Contributions' photos leave ``neighbourhood_councils_contribution_photo`` for core's
``core_photo``, attached to their content ref (``neighbourhood_councils.contribution`` and the
contribution's public id), with the same public id (the old address redirects to it), their
alternative text, the contribution's date and its author's account as uploader. Downgrading
copies them back.

Revision ID: 8213e98908af
Revises: 2955d363f90e
Create Date: 2026-12-04 15:31:16.070766
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8213e98908af"
down_revision: str | None = "2955d363f90e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "ea6ad603af24"  # core's photo store

TABLE = "neighbourhood_councils_contribution_photo"

# The kind is written into the SQL: PostgreSQL cannot type a parameter used only as a value.
COPY = sa.text(
    """INSERT INTO core_photo (public_id, owner_kind, owner_key, position, content_type, data, size,
 alt, taken_on, uploaded_at, uploaded_by_id)
SELECT p.public_id, 'neighbourhood_councils.contribution', c.public_id, 0, p.content_type, p.data,
 p.size, p.alt, NULL, c.created_at,
 (SELECT MIN(a.id) FROM core_account AS a WHERE a.person_id = c.person_id)
FROM neighbourhood_councils_contribution_photo AS p
JOIN neighbourhood_councils_contribution AS c ON c.id = p.contribution_id"""
)

# The plugin kept one photo a contribution: the first in order goes back.
BACK = sa.text(
    """INSERT INTO neighbourhood_councils_contribution_photo (public_id, contribution_id, content_type,
 data, size, alt)
SELECT p.public_id, c.id, p.content_type, p.data, p.size, p.alt
FROM core_photo AS p
JOIN neighbourhood_councils_contribution AS c ON c.public_id = p.owner_key
WHERE p.owner_kind = 'neighbourhood_councils.contribution' AND p.id = (SELECT MIN(o.id) FROM core_photo AS o
 WHERE o.owner_kind = p.owner_kind AND o.owner_key = p.owner_key AND o.position = (SELECT MIN(q.position)
 FROM core_photo AS q WHERE q.owner_kind = p.owner_kind AND q.owner_key = p.owner_key))"""
)


def upgrade() -> None:
    op.get_bind().execute(COPY)
    op.drop_table(TABLE)


def downgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contribution_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("alt", sa.String(length=300), nullable=False),
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["contribution_id"],
            ["neighbourhood_councils_contribution.id"],
            name="fk_nbhd_photo_contribution_id",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighbourhood_councils_contribution_photo")),
        sa.UniqueConstraint(
            "contribution_id", name=op.f("uq_neighbourhood_councils_contribution_photo_contribution_id")
        ),
        sa.UniqueConstraint("public_id", name=op.f("uq_neighbourhood_councils_contribution_photo_public_id")),
    )
    bind = op.get_bind()
    bind.execute(BACK)
    bind.execute(sa.text("DELETE FROM core_photo WHERE owner_kind = 'neighbourhood_councils.contribution'"))
