"""The plugin's notices are core's notifications: its own table goes.

Since core's notifications arrived, every notice was also recorded as one of them (event
"notice", detail: the kind's label). Notices from before that are copied over (read or not, and
marked as mailed: they were mailed when they happened), then the table is dropped.

Revision ID: 5864050a9be0
Revises: b96b04a60115
Create Date: 2026-12-04 07:43:30.064098
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import parvis.api

revision: str = "5864050a9be0"
down_revision: str | None = "b96b04a60115"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "6f4e15914523"  # core's notifications

# NOTICE_LABELS (personal_data/declarations.py) as they were: the message ids core translates.
LABELS = {
    "promoted": "A place freed up for you",
    "declined": "Participation declined",
    "cancelled": "Mission cancelled",
    "validated": "Participation validated",
    "published": "Mission published",
    "returned": "Mission sent back to draft",
}

COPY = """INSERT INTO core_notification (account_id, content_kind, content_key, event, title, path,
    detail, actor_name, created_at, read_at, mailed_at)
SELECT n.account_id, 'volunteers.mission', m.public_id, 'notice', SUBSTR(m.title, 1, 300),
    '/volunteers/missions/' || m.public_id, :label, '', n.created_at, n.read_at, n.created_at
FROM volunteers_notice n JOIN volunteers_mission m ON m.id = n.mission_id
WHERE n.kind = :kind AND NOT EXISTS (
    SELECT 1 FROM core_notification c
    WHERE c.account_id = n.account_id AND c.content_kind = 'volunteers.mission'
      AND c.content_key = m.public_id AND c.event = 'notice' AND c.detail = :label)"""


def upgrade() -> None:
    for kind, label in LABELS.items():
        op.execute(sa.text(COPY).bindparams(kind=kind, label=label))
    with op.batch_alter_table("volunteers_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteers_notice_inbox"))
    op.drop_table("volunteers_notice")


def downgrade() -> None:
    # The table comes back empty: the notifications stay core's.
    op.create_table(
        "volunteers_notice",
        sa.Column("id", sa.INTEGER(), nullable=False),
        sa.Column("account_id", sa.INTEGER(), nullable=False),
        sa.Column("kind", sa.VARCHAR(length=16), nullable=False),
        sa.Column("mission_id", sa.INTEGER(), nullable=True),
        sa.Column("slot_id", sa.INTEGER(), nullable=True),
        sa.Column("created_at", parvis.api.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", parvis.api.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
            name=op.f("fk_volunteers_notice_account_id_core_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["volunteers_mission.id"],
            name=op.f("fk_volunteers_notice_mission_id_volunteers_mission"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["volunteers_slot.id"],
            name=op.f("fk_volunteers_notice_slot_id_volunteers_slot"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteers_notice")),
    )
    with op.batch_alter_table("volunteers_notice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteers_notice_inbox"), ["account_id", "read_at"], unique=False
        )
