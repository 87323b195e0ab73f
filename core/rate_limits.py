"""Rate limits counted in the database, so every web node of a site shares them.

``hit(db, site, key, limit=..., window=...)`` adds one to the counter of ``key`` for the current
window and tells whether the limit still holds. The increment is one atomic statement (an insert
that adds one on conflict, returning the new count): forty simultaneous requests on PostgreSQL
count to forty, never fewer. Windows are fixed (aligned on multiples of ``window``), so a burst
across a boundary may reach twice the limit; for the limits here (a few mails an hour) that is
acceptable, and it keeps the check to a single row.

The count belongs to the caller's transaction: a request that is rolled back did not count.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Integer, String, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis.db import Base

if TYPE_CHECKING:
    from parvis.site import Site

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# Counters of windows that ended more than this long ago are deleted as new ones are counted.
KEEP = timedelta(days=1)


class RateCounter(Base):
    """How many times ``key`` was counted in the window starting at ``window_start``."""

    __tablename__ = "core_rate_counter"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(primary_key=True, index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


def hashed(value: str) -> str:
    """A key part that must not be stored as typed (an e-mail address): its SHA-256."""
    return hashlib.sha256(value.encode()).hexdigest()


def window_start(now: datetime, window: timedelta) -> datetime:
    elapsed = (now - EPOCH) // window
    return EPOCH + elapsed * window


def hit(db: Session, site: Site, key: str, *, limit: int, window: timedelta) -> bool:
    """Count one for ``key`` now; True while the count of this window is at most ``limit``."""
    now = site.now()
    start = window_start(now, window)
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    table = RateCounter.__table__
    statement = dialect.insert(table).values(key=key[:100], window_start=start, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key, table.c.window_start], set_={"count": table.c.count + 1}
    ).returning(table.c.count)
    count = db.execute(statement).scalar_one()
    if count == 1:  # the first of a window: a good moment to forget old windows
        db.execute(delete(RateCounter).where(RateCounter.window_start < now - window - KEEP))
    return count <= limit


__all__ = ["RateCounter", "hashed", "hit"]
