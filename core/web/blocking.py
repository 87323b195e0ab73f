"""Database work on the event loop: caught in tests, reported in production.

A web worker serves every request on one event loop. A query run there — in a coroutine guard,
a middleware, an exception handler, a template's lazy load — holds up every other request of the
worker for as long as it takes, and a query can wait seconds: on a row lock an official's
transaction holds, on SQLite's write lock, on a free connection of the pool. Handlers are
synchronous and run in worker threads; this module watches that nothing else slips back.

``watch_event_loop(engine, strict=True)`` (the test fixtures) makes such a query fail with
``DatabaseOnEventLoopError``, so the route walk of the test suite finds any; in production
(``strict=False``) each offending statement is logged once as a warning.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from parvis.web.unit_of_work import current_request_state

log = logging.getLogger("parvis.web.blocking")
_watched: weakref.WeakKeyDictionary[Engine, dict[str, Any]] = weakref.WeakKeyDictionary()


class DatabaseOnEventLoopError(RuntimeError):
    """A request touched the database from the event loop's thread."""


def on_event_loop() -> bool:
    """Whether the calling code runs on an event loop (not in a worker thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def watch_event_loop(engine: Engine, *, strict: bool) -> None:
    """Check every statement, commit, rollback and connection checkout of ``engine`` made for a
    web request: on the event loop's thread it raises (``strict``) or logs a warning once."""
    watch = _watched.get(engine)
    if watch is not None:
        watch["strict"] = watch["strict"] or strict
        return
    watch = _watched[engine] = {"strict": strict, "seen": set()}

    def check(what: str) -> None:
        if current_request_state.get() is None or not on_event_loop():
            return
        message = f"database I/O on the event loop during a request: {what}"
        if watch["strict"]:
            raise DatabaseOnEventLoopError(message)
        if what not in watch["seen"]:
            watch["seen"].add(what)
            log.warning("%s", message, stack_info=True)

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        check(" ".join(sql.split())[:200])

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", lambda _conn: check("COMMIT"))
    event.listen(engine, "rollback", lambda _conn: check("ROLLBACK"))
    event.listen(engine, "checkout", lambda *_args: check("connection checkout"))
