"""Rate limits that slow attackers down without locking anyone out.

A limit is a counter row per key (``login:pair:<account>:<address>``, ``login:address:<address>``...).
Past ``free`` attempts, each further attempt must wait, the wait doubling each time up to a
maximum: a stranger guessing passwords is slowed to a crawl, while nothing ever becomes a hard
lock that a stranger could put on someone else's account.

Counting is atomic on SQLite and PostgreSQL: ``count_attempt`` takes every counter row of the
attempt with ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` (which locks the row on
PostgreSQL; SQLite has a single writer), decides, and writes, in one short transaction of its own,
committed at once. So the check and the increment are one step (40 simultaneous attempts cannot
all read "4 so far"), and the count survives the request's own rollback when the attempt fails.

An attempt is counted *before* the password (or code) is checked, so that concurrent attempts are
bounded; a successful one then gives its attempt back (``forgive``).
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, String, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis.db import Base, end_read_transaction, is_sqlite, sqlite_write_intent
from parvis.i18n import ngettext
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site


class RateCounter(Base):
    """Attempts counted under one key; ``wait_until`` is when the next attempt may be made."""

    __tablename__ = "core_rate_counter"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    wait_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(index=True)


@dataclass(frozen=True, slots=True)
class Limit:
    """``free`` attempts under ``key``, then a wait of ``first_delay`` doubled at each further
    attempt (at most ``max_delay``); a counter left alone for ``forget_after`` starts again."""

    key: str
    free: int
    first_delay: timedelta
    max_delay: timedelta
    forget_after: timedelta

    def delay(self, count: int) -> timedelta:
        """The wait imposed after the ``count``-th attempt."""
        if count < self.free:
            return timedelta(0)
        doublings = min(count - self.free, 30)
        return min(self.first_delay * (2**doublings), self.max_delay)


class Throttled(Refused):
    """Too many attempts: try again in ``wait_seconds`` (HTTP 429, with ``Retry-After``)."""

    status_code = 429

    def __init__(self, wait_seconds: int, message: str | None = None) -> None:
        self.wait_seconds = max(1, wait_seconds)
        super().__init__(message or wait_message(self.wait_seconds))

    @property
    def headers(self) -> dict[str, str]:
        return {"retry-after": str(self.wait_seconds)}


def wait_message(seconds: int) -> str:
    if seconds <= 90:
        return ngettext(
            "Too many failed attempts. Please wait {count} second and try again.",
            "Too many failed attempts. Please wait {count} seconds and try again.",
            seconds,
        ).format(count=seconds)
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many failed attempts. Please wait {count} minute and try again.",
        "Too many failed attempts. Please wait {count} minutes and try again.",
        minutes,
    ).format(count=minutes)


def address_key(address: str) -> str:
    """An address as a counter key: IPv6 by /64 (what one household or server usually holds)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _locked_rows(session: Session, keys: Sequence[str], now: datetime) -> dict[str, RateCounter]:
    """Every counter row of ``keys``, created if missing and locked until the transaction ends."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    rows: dict[str, RateCounter] = {}
    for key in sorted(set(keys)):  # one order everywhere: two attempts never wait on each other
        statement = dialect.insert(RateCounter).values(key=key, count=0, wait_until=None, updated_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=[RateCounter.key], set_={"key": statement.excluded.key}
        ).returning(RateCounter.key, RateCounter.count, RateCounter.wait_until, RateCounter.updated_at)
        found = session.execute(statement).one()
        rows[key] = RateCounter(
            key=found.key,
            count=found.count,
            wait_until=_aware(found.wait_until),
            updated_at=_aware(found.updated_at),
        )
    return rows


def _aware(value: Any) -> Any:
    from datetime import UTC

    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _count(session: Session, limits: Sequence[Limit], now: datetime) -> dict[str, int]:
    rows = _locked_rows(session, [limit.key for limit in limits], now)
    counts: dict[str, int] = {}
    wait = timedelta(0)
    for limit in limits:
        row = rows[limit.key]
        stale = row.updated_at < now - limit.forget_after and (
            row.wait_until is None or row.wait_until <= now
        )
        counts[limit.key] = 0 if stale else row.count
        if counts[limit.key] >= limit.free and row.wait_until is not None and row.wait_until > now:
            wait = max(wait, row.wait_until - now)
    if wait:
        raise Throttled(math.ceil(wait.total_seconds()))
    for limit in limits:
        counts[limit.key] += 1
        delay = limit.delay(counts[limit.key])
        session.execute(
            update(RateCounter)
            .where(RateCounter.key == limit.key)
            .values(count=counts[limit.key], wait_until=now + delay if delay else None, updated_at=now)
        )
    return counts


def count_attempt(
    site: Site,
    limits: Sequence[Limit],
    *,
    then: Callable[[Session, dict[str, int]], None] | None = None,
) -> dict[str, int]:
    """Count one attempt against every limit, or raise ``Throttled`` if one of them says wait.

    Runs in a transaction of its own, committed before returning; ``then(session, counts)`` may
    add work to that transaction (a warning mail that must go out even if the attempt fails).
    Returns each key's count including this attempt. Call it before the request changes anything:
    on SQLite, the request's transaction (if it only read so far) is ended first, since SQLite has
    one writer and the request would otherwise wait on itself.
    """
    _release_sqlite_request_lock(site)
    now = site.now()
    intent = sqlite_write_intent.set(True)  # a writer from the start: SQLite's BEGIN IMMEDIATE
    session = site.session()
    try:
        counts = _count(session, limits, now)
        if then is not None:
            then(session, counts)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
        sqlite_write_intent.reset(intent)
    return counts


def count_in(db: Session, site: Site, limits: Sequence[Limit], *, message: str | None = None) -> None:
    """Count one request against every limit in the caller's transaction, or raise ``Throttled``
    (with ``message`` if given). For requests that cost the site something (a mailed link) in
    the middle of a unit of work: a request that fails did not count. Attempts at a secret use
    ``count_attempt``, whose count must survive the failure."""
    try:
        _count(db, limits, site.now())
    except Throttled as throttled:
        if message is None:
            raise
        raise Throttled(throttled.wait_seconds, message) from None


def per_window(key: str, requests: int, window: timedelta) -> Limit:
    """At most ``requests`` under ``key``, then a wait until ``window`` has passed."""
    return Limit(key, free=requests, first_delay=window, max_delay=window, forget_after=window)


def _release_sqlite_request_lock(site: Site) -> None:
    from parvis.web.unit_of_work import current_request_state

    state = current_request_state.get()
    if state is None or not state.in_transaction() or not is_sqlite(site.engine):
        return
    end_read_transaction(state.db)  # only reads so far (the signed-in actor): releases the lock


def forgive(db: Session, limits: Iterable[Limit], *, reset: Iterable[Limit] = ()) -> None:
    """A successful attempt: give back its count under ``limits`` and forget ``reset`` entirely
    (the account and address that just proved themselves), in the caller's transaction."""
    for limit in limits:
        row = db.execute(select(RateCounter).where(RateCounter.key == limit.key).with_for_update()).scalar()
        if row is not None and row.count > 0:
            row.count -= 1
            if row.count < limit.free:
                row.wait_until = None
    clear(db, [limit.key for limit in reset])


def clear(db: Session, keys: Iterable[str] = (), *, prefixes: Iterable[str] = ()) -> None:
    """Forget counters: these keys, and every key starting with one of ``prefixes``."""
    keys = list(keys)
    if keys:
        db.execute(delete(RateCounter).where(RateCounter.key.in_(keys)))
    for prefix in prefixes:
        db.execute(delete(RateCounter).where(RateCounter.key.startswith(prefix, autoescape=True)))


def purge_stale(db: Session, site: Site, older_than: timedelta) -> int:
    """Delete counters untouched for ``older_than`` whose wait is over (a periodic job's work)."""
    now = site.now()
    result = db.execute(
        delete(RateCounter).where(
            RateCounter.updated_at < now - older_than,
            (RateCounter.wait_until.is_(None)) | (RateCounter.wait_until <= now),
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


__all__ = [
    "Limit",
    "RateCounter",
    "Throttled",
    "address_key",
    "clear",
    "count_attempt",
    "count_in",
    "forgive",
    "per_window",
    "purge_stale",
    "wait_message",
]
