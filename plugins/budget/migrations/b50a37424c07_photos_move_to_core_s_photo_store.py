"""photos move to core's photo store

The photos of ideas and of projects' realisation leave ``budget_photo`` (and the link table
``budget_project_photo``, and ``budget_idea.photo_id``) for core's ``core_photo``, attached to
their content ref (``budget.idea`` or ``budget.project`` and the object's public id). A photo
keeps its public id, so its old address (``/budget/photos/<id>``) redirects to the same photo; a
photo used twice (never done by the forms) gets a derived id for its second use. Its description
becomes its alternative text. Downgrading copies them back.

Revision ID: b50a37424c07
Revises: 33ba0a65ff04
Create Date: 2026-12-04 15:30:36.022445
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import parvis.api

revision: str = "b50a37424c07"
down_revision: str | None = "33ba0a65ff04"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "ea6ad603af24"  # core's photo store


# Kinds are written into the SQL: PostgreSQL cannot type a parameter used only as a value.
IDEA_PHOTOS = sa.text(
    """INSERT INTO core_photo (public_id, owner_kind, owner_key, position, content_type, data, size, alt, taken_on,
 uploaded_at, uploaded_by_id)
SELECT CASE WHEN i.id = (SELECT MIN(o.id) FROM budget_idea AS o WHERE o.photo_id = i.photo_id)
  THEN p.public_id ELSE substr(p.public_id, 1, 12) || 'i' || CAST(i.id AS VARCHAR(11)) END,
 'budget.idea', i.public_id, 0, p.content_type, p.data, p.size, p.description, NULL,
 p.uploaded_at, p.uploaded_by_id
FROM budget_idea AS i JOIN budget_photo AS p ON p.id = i.photo_id"""
)

PROJECT_PHOTOS = sa.text(
    """INSERT INTO core_photo (public_id, owner_kind, owner_key, position, content_type, data, size, alt, taken_on,
 uploaded_at, uploaded_by_id)
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM budget_idea AS i WHERE i.photo_id = pp.photo_id)
   AND pp.id = (SELECT MIN(o.id) FROM budget_project_photo AS o WHERE o.photo_id = pp.photo_id)
  THEN p.public_id ELSE substr(p.public_id, 1, 12) || 'p' || CAST(pp.id AS VARCHAR(11)) END,
 'budget.project', pr.public_id,
 (SELECT COUNT(*) FROM budget_project_photo AS o WHERE o.project_id = pp.project_id AND o.id < pp.id),
 p.content_type, p.data, p.size, p.description, pp.taken_on, p.uploaded_at, p.uploaded_by_id
FROM budget_project_photo AS pp
JOIN budget_photo AS p ON p.id = pp.photo_id
JOIN budget_project AS pr ON pr.id = pp.project_id"""
)

BACK_PHOTOS = sa.text(
    """INSERT INTO budget_photo (public_id, content_type, data, size, description, uploaded_at, uploaded_by_id)
SELECT public_id, content_type, data, size, alt, uploaded_at, uploaded_by_id
FROM core_photo WHERE owner_kind IN ('budget.idea', 'budget.project')"""
)

BACK_IDEAS = sa.text(
    """UPDATE budget_idea SET photo_id = (SELECT MIN(b.id) FROM budget_photo AS b
 JOIN core_photo AS c ON c.public_id = b.public_id
 WHERE c.owner_kind = 'budget.idea' AND c.owner_key = budget_idea.public_id AND c.position = 0)"""
)

BACK_PROJECTS = sa.text(
    """INSERT INTO budget_project_photo (project_id, photo_id, taken_on)
SELECT pr.id, b.id, c.taken_on FROM core_photo AS c
JOIN budget_project AS pr ON pr.public_id = c.owner_key
JOIN budget_photo AS b ON b.public_id = c.public_id
WHERE c.owner_kind = 'budget.project' ORDER BY pr.id, c.position, c.id"""
)


def upgrade() -> None:
    bind = op.get_bind()
    bind.execute(IDEA_PHOTOS)
    bind.execute(PROJECT_PHOTOS)
    with op.batch_alter_table("budget_idea", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_budget_idea_photo_id_budget_photo"), type_="foreignkey")
        batch_op.drop_column("photo_id")
    with op.batch_alter_table("budget_project_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_project_photo_project_id"))
    op.drop_table("budget_project_photo")
    op.drop_table("budget_photo")


def downgrade() -> None:
    op.create_table(
        "budget_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("uploaded_at", parvis.api.UTCDateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["core_account.id"],
            name=op.f("fk_budget_photo_uploaded_by_id_core_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_photo")),
        sa.UniqueConstraint("public_id", name=op.f("uq_budget_photo_public_id")),
    )
    op.create_table(
        "budget_project_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["photo_id"],
            ["budget_photo.id"],
            name=op.f("fk_budget_project_photo_photo_id_budget_photo"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["budget_project.id"],
            name=op.f("fk_budget_project_photo_project_id_budget_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_project_photo")),
    )
    with op.batch_alter_table("budget_project_photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_project_photo_project_id"), ["project_id"], unique=False)
    with op.batch_alter_table("budget_idea", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_budget_idea_photo_id_budget_photo"),
            "budget_photo",
            ["photo_id"],
            ["id"],
            ondelete="SET NULL",
        )
    bind = op.get_bind()
    bind.execute(BACK_PHOTOS)
    bind.execute(BACK_IDEAS)
    bind.execute(BACK_PROJECTS)
    bind.execute(sa.text("DELETE FROM core_photo WHERE owner_kind IN ('budget.idea', 'budget.project')"))
