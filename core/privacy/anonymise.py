"""Erasure's way to unlink a record from the erased person while keeping it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import InstrumentedAttribute, Session

from parvis.db import rows_affected


def anonymise(db: Session, column: InstrumentedAttribute[Any], subject_id: int) -> int:
    """Set ``column`` to NULL on the rows where it refers to ``subject_id`` (the erased account or
    person): the rows stay, with everything else they hold, referring to nobody. In bulk, so the
    caller's loaded objects are not refreshed (the erasure's caller commits, which expires them).
    Returns how many rows changed."""
    done = db.execute(
        update(column.class_)
        .where(column == subject_id)
        .values({column.key: None})
        .execution_options(synchronize_session=False)
    )
    return rows_affected(done)
