"""Helpers for tests of concurrent behaviour, re-exported by ``parvis.testing``.

- ``run_concurrently(site, jobs)``: each job ``job(session)`` in its own thread and session, all
  released at once; what succeeds is committed. Returns (results, errors).
- ``wait_until(check, timeout=...)``: poll a condition instead of sleeping a guessed time.
- ``waits_on_a_lock(site)``: whether some transaction of the test database is queued behind a
  lock (PostgreSQL's ``pg_locks``); None on SQLite, which cannot tell.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from parvis.site import Site


def run_concurrently(site: Site, jobs: list[Callable[[Any], Any]]) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(job: Callable[[Any], Any]) -> None:
        session = site.session()
        try:
            barrier.wait()
            result = job(session)
            session.commit()
            with lock:
                results.append(result)
        except BaseException as error:
            session.rollback()
            with lock:
                errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def wait_until(check: Callable[[], Any], timeout: float = 120.0, every: float = 0.02) -> bool:
    """True as soon as ``check()`` is true; False after ``timeout`` seconds (generous: a loaded
    machine is slow, and a test must fail only when the condition never comes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return bool(check())


def waits_on_a_lock(site: Site) -> bool | None:
    if site.engine.dialect.name != "postgresql":
        return None
    with site.engine.connect() as connection:
        waiting = connection.scalar(
            # A row lock is waited on as the holder's transaction id, a lock with no database:
            # select by the waiting backend's database instead.
            text(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE NOT l.granted AND a.datname = current_database()"
            )
        )
    return bool(waiting)
