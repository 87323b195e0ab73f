"""contributions moderated by core

Beautify contributions leave the plugin's own moderation (its ``status`` and ``moderated_at``
columns) for core's (``core_moderation``): an approved contribution stays published (a visible
state, with the date of its approval), a pending one waits in core's queue, a refused one stays
hidden with a reason its author sees. Downgrading maps the states back.

Revision ID: 61581d48ca06
Revises: 7aeaff979b81
Create Date: 2026-12-03 23:36:44.507264
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import parvis.api

revision: str = "61581d48ca06"
down_revision: str | None = "7aeaff979b81"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "f45318173ce8"  # core's moderation tables

KIND = "neighbourhood_councils.contribution"
# Refusals carried no reason: this one is shown to their authors (moderators write later ones).
REFUSED = "Not published after review by the officials of the district."

# The kind (KIND) is written into the SQL: PostgreSQL cannot type one parameter used both as a
# value and in a comparison.
STATES = sa.text(
    """INSERT INTO core_moderation (content_kind, content_key, status, reason, district,
 author_account_id, queued_at, decided_at, created_at)
SELECT 'neighbourhood_councils.contribution', c.public_id,
 CASE c.status WHEN 'approved' THEN 'visible' WHEN 'rejected' THEN 'hidden' ELSE 'pending' END,
 CASE WHEN c.status = 'rejected' THEN CAST(:refused AS TEXT) ELSE '' END,
 p.district,
 (SELECT MIN(a.id) FROM core_account AS a WHERE a.person_id = c.person_id),
 CASE WHEN c.status = 'pending' THEN c.created_at END,
 CASE WHEN c.status = 'pending' THEN NULL ELSE COALESCE(c.moderated_at, c.created_at) END,
 c.created_at
FROM neighbourhood_councils_contribution AS c
JOIN neighbourhood_councils_programme AS p ON p.id = c.programme_id
WHERE NOT EXISTS (SELECT 1 FROM core_moderation AS m
 WHERE m.content_kind = 'neighbourhood_councils.contribution' AND m.content_key = c.public_id)"""
)

BACK = sa.text(
    """UPDATE neighbourhood_councils_contribution SET
 status = COALESCE((SELECT CASE m.status WHEN 'pending' THEN 'pending' WHEN 'visible' THEN 'approved'
   WHEN 'restored' THEN 'approved' ELSE 'rejected' END
  FROM core_moderation AS m
  WHERE m.content_kind = 'neighbourhood_councils.contribution' AND m.content_key = neighbourhood_councils_contribution.public_id),
  'approved'),
 moderated_at = (SELECT m.decided_at FROM core_moderation AS m
  WHERE m.content_kind = 'neighbourhood_councils.contribution' AND m.content_key = neighbourhood_councils_contribution.public_id)"""
)


def upgrade() -> None:
    op.get_bind().execute(STATES, {"refused": REFUSED})
    with op.batch_alter_table("neighbourhood_councils_contribution", schema=None) as batch_op:
        batch_op.drop_column("status")
        batch_op.drop_column("moderated_at")


def downgrade() -> None:
    with op.batch_alter_table("neighbourhood_councils_contribution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moderated_at", parvis.api.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum("pending", "approved", "rejected", name="moderation", native_enum=False, length=16),
                nullable=False,
                server_default="pending",
            )
        )
    op.get_bind().execute(BACK)
    op.get_bind().execute(sa.text("DELETE FROM core_moderation WHERE content_kind = :kind"), {"kind": KIND})
