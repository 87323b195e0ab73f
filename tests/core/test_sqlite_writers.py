"""SQLite writers wait for the write lock rather than fail while the database is only busy."""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import text

from parvis.db import make_engine


def test_a_writer_refused_at_once_by_sqlite_waits_for_the_lock(tmp_path):
    """SQLite answers "locked" at once, without its busy handler, to a connection that still reads
    while a writer holds the lock; the writer retries until that lock is released."""
    path = tmp_path / "busy.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE note (body TEXT)"))
        connection.execute(text("INSERT INTO note VALUES ('a'), ('b')"))

    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer = engine.connect()
    # A statement of this connection left half-read: SQLite will not let it wait politely.
    pending = writer.connection.dbapi_connection.execute("SELECT body FROM note")
    pending.fetchone()
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO note VALUES ('c')")
    # The other writer gives up (no new snapshot to miss), a moment after the writer has asked.
    releaser = threading.Timer(0.3, lambda: other.execute("ROLLBACK"))
    releaser.start()
    try:
        writer.execute(text("INSERT INTO note VALUES ('d')"))
        writer.commit()
    finally:
        releaser.join()
        pending.close()
        writer.close()
        other.close()
    with engine.connect() as connection:
        assert sorted(connection.scalars(text("SELECT body FROM note"))) == ["a", "b", "d"]
    engine.dispose()
