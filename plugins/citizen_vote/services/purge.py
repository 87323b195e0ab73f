"""Retention: the roll and the poll book of old votes are deleted."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.api import pollbook, rows_affected
from parvis.plugins.citizen_vote.models import (
    RollEntry,
    Vote,
)

if TYPE_CHECKING:
    from parvis.api import Site


def purge(db: Session, site: Site, now: datetime) -> int:
    """Delete the roll and the poll book of votes past their retention."""
    from datetime import timedelta

    keep = timedelta(days=site.settings("citizen_vote").roll_retention_days)
    removed = 0
    for vote in db.scalars(select(Vote).where(Vote.closes_at < now - keep, Vote.roll_count > 0)):
        removed += rows_affected(db.execute(delete(RollEntry).where(RollEntry.vote_id == vote.id)))
        pollbook.forget_poll(db, vote.poll)
        vote.roll_count = 0
    db.flush()
    return removed
