"""The queue: huey, on the site's own database engine, carrying job ids to the workers.

On SQLite (the embedded default) the messages live in a second SQLite file beside the site's
database (``var/parvis.sqlite3`` -> ``var/parvis-jobs.sqlite3``): the queue's exclusive
transactions never wait on the site's writers, and no server is needed. On PostgreSQL they live
in huey's own tables (``huey_*``) of the site's database: workers take messages with ``FOR UPDATE
SKIP LOCKED`` and wake up on ``LISTEN/NOTIFY``. Either way a message is only a job id: the job's
row (``core_job``) is the truth, and claiming it makes each job run once.

Scheduled jobs are huey periodic tasks: every consumer's scheduler checks each minute which
declared schedules match (in the site's time zone) and queues one run per (job, minute); the
run's claim row lets one worker run it.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huey import Huey
from huey.consumer import Consumer
from huey.storage import MemoryStorage, PostgresStorage, SqliteStorage
from sqlalchemy.engine import make_url

from parvis.jobs.definitions import JobDefinition, collect
from parvis.jobs.runner import run_job, run_periodic, slot_of

if TYPE_CHECKING:
    from parvis.site import Site

log = logging.getLogger("parvis.jobs")
QUEUE_NAME = "parvis"
FAR_FUTURE = datetime(9999, 1, 1)  # noqa: DTZ001 - huey compares naive UTC times


class ParvisHuey(Huey):
    """huey whose periodic tasks are the site's scheduled jobs, each run keyed by its minute."""

    queue: JobQueue

    def read_periodic(self, timestamp: datetime | None) -> list[Any]:
        moment = (timestamp or self._get_timestamp()).replace(tzinfo=UTC)
        local = moment.astimezone(self.queue.site.formats.timezone).replace(tzinfo=None)
        slot = slot_of(moment)
        return [
            self.queue.periodic_task.s(name, slot)
            for name, definition in self.queue.definitions.items()
            if definition.schedule is not None and definition.schedule(local)
        ]


class EmbeddedConsumer(Consumer):
    """A consumer running inside another program (the development server, a test): threads only,
    and the program's own signal handlers are left alone."""

    def _set_signal_handlers(self) -> None:
        pass


def storage_for(site: Site) -> tuple[type[Any], dict[str, Any]]:
    """huey's storage class and arguments for the site: its SQLite file's sibling, or its PostgreSQL."""
    configured = site.settings("jobs").queue_url
    url = make_url(configured) if configured else site.engine.url
    backend = url.get_backend_name()
    if backend == "postgresql":
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresStorage, {"dsn": dsn, "table_prefix": "huey", "blocking": True, "read_timeout": 1}
    if backend == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:":
            return MemoryStorage, {}
        path = Path(database)
        if not configured:
            path = path.with_name(f"{path.stem}-jobs{path.suffix or '.sqlite3'}")
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteStorage, {"filename": str(path), "timeout": 30}
    raise ValueError(f"the job queue cannot live on {backend!r}: use SQLite or PostgreSQL")


class JobQueue:
    """The site's queue: its job definitions, the huey instance, and consumers to run them."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.definitions: dict[str, JobDefinition] = collect(site.hook.register_jobs(site=site))
        self._huey: ParvisHuey | None = None
        self._lock = threading.Lock()

    @property
    def huey(self) -> ParvisHuey:
        if self._huey is None:
            with self._lock:
                if self._huey is None:
                    self._huey = self._build()
        return self._huey

    def _build(self) -> ParvisHuey:
        storage_class, options = storage_for(self.site)
        for attempt in range(3):
            try:
                huey = ParvisHuey(QUEUE_NAME, results=False, utc=True, storage_class=storage_class, **options)
                break
            except Exception:  # two processes creating huey's tables at once: the second retries
                if attempt == 2:
                    raise
                time.sleep(0.2 * (attempt + 1))
        huey.queue = self  # type: ignore[possibly-undefined]  # the loop ends with it or raises
        site = self.site

        def job(job_id: int) -> None:
            run_job(site, job_id)

        def periodic(name: str, slot: str) -> None:
            run_periodic(site, name, slot)

        self.job_task = huey.task(name="parvis_job")(job)
        self.periodic_task = huey.task(name="parvis_periodic")(periodic)
        return huey

    # -- queueing ------------------------------------------------------------------------------

    def enqueue(self, job_id: int, *, delay: float | None = None) -> None:
        """Send a job's id to the workers (``jobs.start`` does it once the job's row is committed)."""
        huey = self.huey
        if delay:
            self.job_task.schedule(args=(job_id,), delay=delay)
        else:
            huey.enqueue(self.job_task.s(job_id))

    def pending(self) -> int:
        """Messages waiting in the queue (also a check that the queue is reachable)."""
        return self.huey.pending_count()

    def flush(self) -> None:
        """Forget every message (tests start from an empty queue)."""
        self.huey.storage.flush_queue()
        self.huey.storage.flush_schedule()

    # -- running in this process ---------------------------------------------------------------

    def drain(self, *, later: bool = False, limit: int = 1000) -> int:
        """Run queued jobs here, one after the other, until none is left; returns how many attempts
        ran. ``later=True`` also runs retries scheduled for later at once (tests)."""
        huey = self.huey
        storage = huey.storage
        blocking = getattr(storage, "blocking", None)
        if blocking is not None:
            storage.blocking = False  # PostgreSQL: answer "empty" at once instead of listening
        count = 0
        try:
            while count < limit:
                task = huey.dequeue()
                if task is None:
                    waiting = huey.read_schedule(FAR_FUTURE if later else None)
                    if not waiting:
                        break
                    for scheduled in waiting:
                        huey.enqueue(scheduled)
                    continue
                if huey.ready_to_run(task, FAR_FUTURE if later else None):
                    count += 1
                huey.execute(task, FAR_FUTURE if later else None)
        finally:
            if blocking is not None:
                storage.blocking = blocking
        return count

    def run_schedule(self, at: datetime) -> int:
        """Queue the scheduled jobs due at ``at`` (what a consumer's scheduler does each minute)."""
        moment = at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at
        tasks = self.huey.read_periodic(moment)
        for task in tasks:
            self.huey.enqueue(task)
        return len(tasks)

    def consumer(
        self,
        *,
        workers: int = 1,
        periodic: bool = True,
        processes: bool = False,
        embedded: bool = False,
        max_delay: float = 1.0,
    ) -> Consumer:
        """A huey consumer: ``workers`` threads (or processes) taking jobs, and a scheduler that
        queues retries and scheduled jobs when due. ``embedded``: inside another program."""
        huey = self.huey
        if processes:
            engine = self.site.engine

            @huey.on_startup(name="parvis_fork")
            def fresh_connections() -> None:  # a forked worker must not share the parent's sockets
                engine.dispose(close=False)

        cls = EmbeddedConsumer if embedded else Consumer
        return cls(
            huey,
            workers=workers,
            periodic=periodic,
            worker_type="process" if processes and not embedded else "thread",
            initial_delay=0.05,
            backoff=1.5,
            max_delay=max_delay,
            scheduler_interval=1,
            check_worker_health=not embedded,
            shutdown_timeout=30,
        )
