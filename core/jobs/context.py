"""What a job function receives: the site, its own session, progress and a way to give a result.

The session is the job's unit of work: committed when the function returns, rolled back if it
raises. ``progress`` is written at once in a separate short session, so the job's page sees it
while the work goes on. The job runs in its requester's language.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from parvis.auth import ANONYMOUS, Actor, load_actor
from parvis.db import is_sqlite, sqlite_write_intent
from parvis.identity import Account
from parvis.jobs.models import Job, StoredFile

if TYPE_CHECKING:
    from parvis.site import Site

WROTE = "parvis.jobs.wrote"
PROGRESS_INTERVAL = 0.5  # seconds between two progress writes (the page polls every second)


@dataclass(frozen=True, slots=True)
class Ticket:
    """The claimed job, as read when its attempt started."""

    id: int
    public_id: str
    kind: str
    locale: str
    owner_id: int | None
    arguments: dict[str, Any]
    attempt: int


@dataclass
class JobContext:
    site: Site
    db: Session
    ticket: Ticket | None  # None for a scheduled run, which has no job row
    result: dict[str, Any] = field(default_factory=dict)
    _actor: Actor | None = None
    _last_write: float = 0.0
    _written: tuple[int | None, str] | None = None

    def __post_init__(self) -> None:
        event.listen(self.db, "after_flush", _mark_written)
        event.listen(self.db, "after_commit", _clear_written)
        event.listen(self.db, "after_rollback", _clear_written)

    # -- who and where ---------------------------------------------------------------------------

    @property
    def locale(self) -> str:
        return self.ticket.locale if self.ticket else self.site.config.site.default_locale

    @property
    def actor(self) -> Actor:
        """The person who started the job, with their roles today (anonymous for scheduled runs)."""
        if self._actor is None:
            owner = self.ticket.owner_id if self.ticket else None
            account = self.db.get(Account, owner) if owner is not None else None
            self._actor = load_actor(self.db, account, self.site.today()) if account else ANONYMOUS
        return self._actor

    def url(self, path: str) -> str:
        """A page's path in the requester's language: ``url("/budget")`` -> ``"/fr/budget"``."""
        return f"/{self.locale}{path if path.startswith('/') else '/' + path}"

    # -- progress and result ---------------------------------------------------------------------

    def progress(self, percent: float | None = None, step: str | None = None) -> None:
        """Tell the job's page how far the work is (0-100, None: unknown) and what it is doing.

        Written at most every half second (always when the step changes). On SQLite a job that has
        already written to its own session holds the database's only write lock, so its progress
        waits in memory until the end; a job reads first, reports progress while it computes,
        and writes last.
        """
        if self.ticket is None:
            return
        value = None if percent is None else max(0, min(100, int(percent)))
        wanted = (value, step if step is not None else (self._written or (None, ""))[1])
        now = time.monotonic()
        if wanted == self._written or (
            self._written is not None
            and wanted[1] == self._written[1]
            and now - self._last_write < PROGRESS_INTERVAL
        ):
            return
        if is_sqlite(self.db):
            if self._holds_writes():
                return
            if self.db.in_transaction():
                self.db.commit()  # nothing to write: only ends the read snapshot
        self._written, self._last_write = wanted, now
        write_progress(self.site, self.ticket.id, *wanted)

    def set_result(
        self, url: str | None = None, message: str | None = None, *, href: str | None = None
    ) -> None:
        """Where the person goes when the job is done (a path without the language, or ``href``
        used as is, like an ``/api/...`` address) and a message."""
        if url is not None:
            self.result["url"] = self.url(url)
        if href is not None:
            self.result["url"] = href
        if message is not None:
            self.result["message"] = message

    def store_file(
        self,
        content: bytes,
        *,
        name: str,
        media_type: str,
        cache_key: str | None = None,
        keep: timedelta | None = None,
    ) -> StoredFile:
        """Keep a generated file in the database (in this job's unit of work); it becomes the
        job's result, downloaded from the job's page. A ``cache_key`` (``files.key_of(data...)``)
        lets the next request for the same data reuse it; ``keep`` deletes it sooner than the
        jobs' ``keep_days`` (a file holding secrets)."""
        from parvis.jobs import files

        stored = files.store(
            self.db, self.site, content, name=name, media_type=media_type, cache_key=cache_key, keep=keep
        )
        self.result["file"] = stored.public_id
        return stored

    def _holds_writes(self) -> bool:
        db = self.db
        return bool(db.new or db.dirty or db.deleted or db.info.get(WROTE))


def _mark_written(session: Session, _context: Any) -> None:
    session.info[WROTE] = True


def _clear_written(session: Session) -> None:
    session.info.pop(WROTE, None)


def write_progress(site: Site, job_id: int, percent: int | None, step: str) -> None:
    token = sqlite_write_intent.set(True)
    try:
        with site.session() as db, db.begin():
            db.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(percent=percent, step=step[:300], updated_at=site.now())
                .execution_options(synchronize_session=False)
            )
    finally:
        sqlite_write_intent.reset(token)
