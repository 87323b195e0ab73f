"""Database plumbing: one declarative base, engines for SQLite and PostgreSQL, common column helpers.

Tables are prefixed by their owner (``core_``, ``budget_``...). Times are UTC, money integer cents,
and public URLs use opaque ids (``public_id``), never sequential keys.
"""

from __future__ import annotations

import enum
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, MetaData, String, TypeDecorator, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every engine (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Parvis stores aware UTC times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


def enum_type(enum_class: type[enum.Enum], length: int = 32) -> Enum:
    """A portable enum column storing the members' values ("woman"), checked in Python, not a DB type."""
    return Enum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def declare_unmanaged(*names: str) -> None:
    """Name schema objects a plugin's migrations create outside the models (full-text tables,
    trigger-maintained indexes), so schema comparison and autogenerate leave them alone."""
    Base.metadata.info.setdefault("unmanaged", set()).update(names)


def is_unmanaged(name: str | None) -> bool:
    return bool(name) and any(str(name).startswith(n) for n in Base.metadata.info.get("unmanaged", ()))


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_public_id() -> str:
    """An unguessable, URL-safe id for public links (about 80 bits)."""
    return secrets.token_urlsafe(10)


class PublicIdMixin:
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=new_public_id)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# SQLite takes the write lock lazily, so two transactions that read then write can deadlock and
# fail at once. Writers therefore BEGIN IMMEDIATE (and queue on busy_timeout); pure readers (GET
# requests, set by the web layer) keep a deferred BEGIN so they never wait for writers under WAL.
sqlite_write_intent: ContextVar[bool] = ContextVar("sqlite_write_intent", default=True)

# A reader that sometimes writes (a test driving a live server: it reads between the pages it
# opens, and writes its fixtures): its transaction starts deferred and, at its first write, starts
# again as a queued writer. SQLite refuses at once a reader's upgrade while someone holds the write
# lock, and a snapshot taken before another's commit cannot write at all.
sqlite_reader_may_write: ContextVar[bool] = ContextVar("sqlite_reader_may_write", default=False)

# A savepoint counts: it is how one tries a write, and the restart must come before it.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT")

# How long a writer from another process queues for SQLite's lock before "database is locked".
SQLITE_BUSY_SECONDS = 30


class _SQLiteWriters:
    """One writer at a time per engine, queued in the process before SQLite is asked.

    SQLite's busy handler polls with growing sleeps instead of queueing, so under a burst of
    writers (200 voters' threads, a busy worker) one can lose every race for 30 s and fail although
    the database is only busy. Writers of one process therefore wait on a lock, which wakes the
    next one as soon as the previous transaction ends; busy_timeout is left for other processes.
    """

    KEY = "parvis_sqlite_writer"

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def begin(self, conn: Any) -> None:
        if not sqlite_write_intent.get():
            conn.exec_driver_sql("BEGIN")
            return
        self._queue(conn)
        try:
            self._begin_immediate(conn.exec_driver_sql)
        except BaseException:
            self.end(conn)
            raise

    def _queue(self, conn: Any) -> None:
        # Bounded, so a second writing connection opened inside a writing one fails, not hangs.
        if not self._lock.acquire(timeout=4 * SQLITE_BUSY_SECONDS):
            raise OperationalError("BEGIN IMMEDIATE", None, Exception("database is locked"))
        conn.info[self.KEY] = True

    def before_write(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        """A reader that may write (``sqlite_reader_may_write``), at its first write: queue like
        every writer, end the read snapshot (nothing was written in it) and start as a writer."""
        if conn.info.get(self.KEY) or not sqlite_reader_may_write.get():
            return
        if not statement.lstrip().upper().startswith(_WRITES):
            return
        self._queue(conn)
        # On the driver's connection: this runs inside the execution of the write itself.
        dbapi_connection = conn.connection.dbapi_connection
        try:
            if dbapi_connection.in_transaction:
                dbapi_connection.execute("COMMIT")
            self._begin_immediate(dbapi_connection.execute)
        except BaseException:
            self.end(conn)
            raise

    @staticmethod
    def _begin_immediate(execute: Any) -> None:
        """BEGIN IMMEDIATE, tried again until the busy timeout. SQLite answers "locked" at once,
        without its busy handler, when it judges that waiting could deadlock (this connection
        still reads while a writer from outside the queue holds the lock: a reader turned writer,
        another process); that writer ends soon, so this one waits for it instead of failing."""
        deadline = time.monotonic() + SQLITE_BUSY_SECONDS
        delay = 0.002
        while True:
            try:
                execute("BEGIN IMMEDIATE")
                return
            except (OperationalError, sqlite3.OperationalError) as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    def end(self, conn: Any, *_args: Any) -> None:
        """Release the lock when this connection's transaction ends, however it ends."""
        if conn.info.pop(self.KEY, False):
            self._lock.release()

    def listen(self, engine: Engine) -> None:
        event.listen(engine, "begin", self.begin)
        event.listen(engine, "before_cursor_execute", self.before_write)
        event.listen(engine, "commit", self.end)
        event.listen(engine, "rollback", self.end)
        # A connection returned or dropped mid-transaction (an error, a killed thread) ends it too.
        for name in ("checkin", "invalidate", "close"):
            event.listen(engine.pool, name, lambda dbapi, record, *_: self._end_record(record))

    def _end_record(self, record: Any) -> None:
        if record is not None and record.info.pop(self.KEY, False):
            self._lock.release()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for SQLite (WAL, foreign keys on, created folder) or PostgreSQL (psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS})
        engine = create_engine(parsed, **kwargs)
        if parsed.database and parsed.database != ":memory:":
            # The file's folder is made on first connection, not here: building a site (`parvis
            # config check`, `--help`) must leave the disk as it was.
            folder = Path(parsed.database).parent
            event.listen(engine, "do_connect", lambda *_args: folder.mkdir(parents=True, exist_ok=True))
        event.listen(engine, "connect", _sqlite_pragmas)
        _SQLiteWriters().listen(engine)
        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    # No ping on every checkout (a round trip per request): connections are recycled hourly, and
    # a connection found dead invalidates the pool, so a server restart costs one failed request.
    kwargs.setdefault("pool_recycle", 3600)
    return create_engine(parsed, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def is_sqlite(engine_or_session: Engine | Session) -> bool:
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else engine_or_session
    return bind.dialect.name == "sqlite"


def rows_affected(result: Any) -> int:
    """The rows an UPDATE or DELETE touched (its result is a CursorResult; typing sees a Result)."""
    return int(result.rowcount or 0)


def end_read_transaction(db: Session) -> None:
    """End ``db``'s transaction if it has only read so far (it holds SQLite's write lock when it
    began as a writer); a transaction that changed something is a programming error here."""
    if not db.in_transaction():
        return
    if db.new or db.dirty or db.deleted:
        raise RuntimeError("the transaction has changes; this step must come before any write")
    db.commit()


@contextmanager
def reading_only(db: Session) -> Iterator[None]:
    """Run slow work that only reads (a password hash check) without holding SQLite's single write
    lock, so other writers are not queued behind it. On SQLite the request's read-so-far
    transaction ends, the block runs in a deferred (reader) transaction that ends with it, and the
    next statement starts a writer again. PostgreSQL locks rows, not the database: nothing to do.
    """
    if not is_sqlite(db):
        yield
        return
    end_read_transaction(db)
    token = sqlite_write_intent.set(False)
    try:
        yield
        end_read_transaction(db)
    except BaseException:
        db.rollback()
        raise
    finally:
        sqlite_write_intent.reset(token)
