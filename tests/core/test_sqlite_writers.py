"""SQLite writers wait for the write lock rather than fail while the database is only busy."""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import text

from parvis.db import make_engine, sqlite_reader_may_write, sqlite_write_intent


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


def test_a_reader_that_may_write_waits_its_turn_and_writes(tmp_path):
    """A test's session reads while the live server writes: at its first write it queues behind
    the server's writer and starts again as a writer, where SQLite would refuse the upgrade at once
    (a writer holds the lock, and the reader's snapshot misses that writer's commit)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE note (body TEXT)"))
    server_wrote = threading.Event()
    release = threading.Event()

    def server() -> None:
        with engine.begin() as connection:  # a writer: BEGIN IMMEDIATE through the queue
            connection.execute(text("INSERT INTO note VALUES ('server')"))
            server_wrote.set()
            release.wait(5)

    intent = sqlite_write_intent.set(False)
    may_write = sqlite_reader_may_write.set(True)
    try:
        with engine.connect() as reader:
            assert reader.scalar(text("SELECT count(*) FROM note")) == 0  # a deferred read snapshot
            thread = threading.Thread(target=server)
            thread.start()
            server_wrote.wait(5)
            threading.Timer(0.2, release.set).start()
            reader.execute(text("INSERT INTO note VALUES ('test')"))
            reader.commit()
            thread.join()
    finally:
        sqlite_reader_may_write.reset(may_write)
        sqlite_write_intent.reset(intent)
    with engine.connect() as connection:
        assert sorted(connection.scalars(text("SELECT body FROM note"))) == ["server", "test"]
    engine.dispose()
