"""pytest fixtures for Parvis and for plugin authors' own test suites.

Enable with ``pytest_plugins = ["parvis.testing"]`` (Parvis's own suite loads it from pyproject).

- ``make_site(plugins=[...], extra=[(name, module)], settings={...})``: a Site with chosen plugins
  on the test database (SQLite file per xdist worker; PostgreSQL when $PARVIS_TEST_DATABASE_URL is
  set, one database per worker); the schema is created from the models.
- ``site``: all built-in plugins. Override the ``parvis_plugins`` / ``parvis_extra_plugins`` fixtures
  to choose others for a whole module.
- ``db``: a session; every table is emptied after the test.
- ``smtp_server``: a local SMTP server the site's mailer sends to; ``.messages`` holds what arrived.
- ``clock``: the site's clock stopped for the test (``clock.set(datetime(...))``, ``clock.advance(...)``).
- ``client``: an HTTP test client that sends the CSRF token like htmx does (``csrf=False`` to test
  refusal). ``login(client, account)`` signs in through the real form.
- ``make_account(roles=..., verified=True, **person_facts)``: an account with a person, password
  "password-123456", its address confirmed unless ``verified=False``.
- ``audit_entries(db, "plugin.")``: the audit log's entries, to check an action left exactly one.
- ``live_server``: the site served by uvicorn on a free local port, for browser tests, with a
  job worker running in the background (jobs started by the pages run as in production).
- ``run_jobs``: background jobs, run synchronously in the test. ``run_jobs()`` runs every queued
  job (and what they queue) and returns how many attempts ran; ``run_jobs(later=True)`` also runs
  retries scheduled for later at once. ``run_jobs.follow(client, response)`` runs the jobs a
  response started (a redirect to, or the page of, a job) and returns the page the job leads to
  (its result page, its file) or, for a failed job, the job's page with its error.
  ``run_jobs.schedule(at)`` queues the scheduled jobs due at ``at`` (then call ``run_jobs()``).
- ``parvis_config``: the configuration file of ``site`` (override it in a plugin's conftest; None:
  $PARVIS_CONFIG, else the bundled profile).
- ``parvis_cli(*args)``: runs a ``parvis`` command (core's or a plugin's) on the test's site and
  database, in English unless ``language=...``; returns click's ``Result``.
- ``run_concurrently``, ``wait_until``, ``waits_on_a_lock``: for tests of concurrent behaviour
  (see ``parvis.testing_threads``).
- ``empty_database``: the URL of a brand-new, empty database of the engine under test (for
  migrations and command-line tests).
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import create_engine, exists, inspect, literal, select, text, union_all
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from parvis import auth
from parvis.config import load_config
from parvis.db import Base, make_engine, sqlite_write_intent, utcnow
from parvis.identity import Account, NationalityGroup, Person, RoleGrant
from parvis.site import Site

# The web and browser fixtures live in their own modules; importing them here registers them
# with this plugin module and keeps ``from parvis.testing import ...`` working.
from parvis.testing_browser import (  # noqa: F401 - fixtures and checks, public
    CHROMIUM_ARGS,
    REFLOW_WIDTH,
    a11y,
    axe_script,
    browser,
    check_accessibility,
    check_reflow,
    check_typography,
    context,
    page,
    project_root,
    typography_faults,
)
from parvis.testing_threads import run_concurrently, wait_until, waits_on_a_lock  # noqa: F401 - public
from parvis.testing_web import (  # noqa: F401 - fixtures and helpers, public
    TEST_PASSWORD,
    ParvisClient,
    app,
    client,
    free_port,
    live_server,
    login,
    login_as,
)
from parvis.web.blocking import watch_event_loop

logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per test request drowns real failures
_sites: dict[tuple[Any, ...], Site] = {}


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def parvis_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database: PostgreSQL when $PARVIS_TEST_DATABASE_URL names a server, else SQLite."""
    base = os.environ.get("PARVIS_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path_factory.getbasetemp() / f'parvis-{_worker()}.sqlite3'}"
    url = make_url(base).set(drivername="postgresql+psycopg")
    return _postgres_database(url, f"{url.database or 'parvis_test'}_{_worker()}")


def _postgres_database(url: Any, name: str, *, create: bool = True) -> str:
    """(Re)create, or only drop, the PostgreSQL database ``name`` on ``url``'s server."""
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if create:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def empty_database(tmp_path: Path, parvis_database_url: str) -> Iterator[str]:
    """A brand-new empty database of the engine under test: a SQLite file, or a PostgreSQL database
    named after this worker's (so parallel workers never drop each other's), dropped afterwards."""
    if not parvis_database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    url = make_url(parvis_database_url)
    name = f"{url.database}_empty"
    yield _postgres_database(url, name)
    _postgres_database(url, name, create=False)


@pytest.fixture(scope="session")
def make_site(parvis_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Site]:
    auth.use_fast_hashing()
    os.environ.setdefault("PARVIS_SECRET_KEY", "test-secret-key-not-for-production")

    shared: dict[str, Any] = {}

    def factory(
        plugins: list[str] | None = None,
        extra: list[tuple[str, Any]] | tuple[tuple[str, Any], ...] = (),
        settings: dict[str, dict[str, Any]] | None = None,
        config_path: str | None = None,
    ) -> Site:
        extra_key = tuple((name, id(module)) for name, module in extra)
        key = (tuple(plugins) if plugins is not None else None, extra_key, repr(settings), config_path)
        if key not in _sites:
            config = load_config(config_path)
            if plugins is not None:
                config.plugins.enabled = list(plugins)
            if settings:
                config.settings.update(settings)
            config.server.database_url = parvis_database_url
            config.server.development = True
            # Cheap argon2 (the same as auth.use_fast_hashing), so signing in never re-hashes.
            config.accounts.argon2_time_cost = 1
            config.accounts.argon2_memory_kib = 8
            config.accounts.argon2_parallelism = 1
            # Development writes mail to files: keep them out of the working tree.
            config.mail.folder = str(tmp_path_factory.mktemp("mail"))
            config.mail.smtp_url = ""
            if "engine" not in shared:
                # One small pool for every site of the run: PostgreSQL allows 100 connections by
                # default, shared by the xdist workers and the servers some tests start. Threads
                # beyond 40 wait for a connection (a race test's 200 casts) rather than fail.
                shared["engine"] = make_engine(
                    parvis_database_url, pool_size=4, max_overflow=36, pool_timeout=300
                )
                # A request's query on the event loop is a failure (a 500), not a slow page.
                watch_event_loop(shared["engine"], strict=True)
            site = Site.create(config, extra_plugins=extra, engine=shared["engine"])
            Base.metadata.create_all(site.engine)
            _sites[key] = site
        return _sites[key]

    return factory


@pytest.fixture
def parvis_plugins() -> list[str] | None:
    """Plugins enabled for the ``site`` fixture (None: the configuration's list)."""
    return None


@pytest.fixture
def parvis_extra_plugins() -> list[tuple[str, Any]]:
    return []


@pytest.fixture
def parvis_config() -> str | None:
    """The configuration file of the ``site`` fixture (None: $PARVIS_CONFIG, else the bundled one)."""
    return None


@pytest.fixture
def site(
    make_site: Callable[..., Site],
    parvis_plugins: list[str] | None,
    parvis_extra_plugins: list,
    parvis_config: str | None,
) -> Iterator[Site]:
    """The test's site, active for the test (its time zone, currency and words)."""
    chosen = make_site(parvis_plugins, tuple(parvis_extra_plugins), config_path=parvis_config)
    with chosen.activate() as active:
        yield active


def empty_all_tables(site: Site) -> None:
    """Empty what the test filled. Asking which tables hold rows is one cheap query, while
    emptying every table each time is not: PostgreSQL's TRUNCATE costs ~10 ms a table (it swaps
    files), which over ~90 tables was most of the suite's time on PostgreSQL. Tables whose id
    sequence moved are truncated too, so ids start again from 1."""
    with site.engine.begin() as connection:
        # Only tables the database has: a test plugin imported by another test (its models join
        # the metadata) may never have been migrated into this worker's database.
        present = set(inspect(connection).get_table_names())
        tables = [t for t in reversed(Base.metadata.sorted_tables) if t.name in present]
        used = _tables_with_rows(connection, tables)
        if site.engine.dialect.name == "postgresql":
            used |= _tables_whose_sequence_moved(connection, tables)
            if used:
                names = ", ".join(f'"{t.name}"' for t in tables if t.name in used)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                if table.name in used:
                    connection.execute(table.delete())


def _tables_with_rows(connection: Any, tables: list[Any]) -> set[str]:
    checks = [select(literal(t.name)).where(exists(select(literal(1)).select_from(t))) for t in tables]
    return set(connection.execute(union_all(*checks)).scalars())


def _tables_whose_sequence_moved(connection: Any, tables: list[Any]) -> set[str]:
    owners = {
        f"{t.name}_{column.name}_seq"[:63]: t.name
        for t in tables
        for column in t.primary_key.columns
        if column.autoincrement is True
        or (column.autoincrement == "auto" and len(t.primary_key.columns) == 1)
    }
    used = (
        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
    )
    moved = connection.execute(text(used)).scalars()
    return {owners[name] for name in moved if name in owners}


class FrozenClock:
    """The site's clock, stopped at a chosen time: ``clock.set(datetime(...))``, ``clock.advance(...)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("give an aware datetime (UTC)")
        self.now = now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock(site: Site) -> Iterator[FrozenClock]:
    """Stop the site's clock (at the current time) for one test; it runs again afterwards."""
    frozen = FrozenClock(site.now())
    site.clock = frozen
    try:
        yield frozen
    finally:
        site.clock = utcnow


class Inbox:
    """The messages a test SMTP server received, parsed (``email.message.EmailMessage``).

    Mail leaves through the delivery job (``core.deliver_mail``), which a worker runs once the
    transaction that queued it commits. Reading ``messages`` (or ``to``) first runs the jobs
    waiting in the queue, as a worker would have by then; ``received`` is what arrived so far,
    without running anything. With ``live_server`` its own worker runs them.
    """

    def __init__(self, run_jobs: Callable[[], Any] | None = None) -> None:
        self.received: list[Any] = []
        self._run_jobs = run_jobs

    @property
    def messages(self) -> list[Any]:
        if self._run_jobs is not None:
            self._run_jobs()
        return self.received

    def to(self, address: str) -> list[Any]:
        return [m for m in self.messages if m["To"] == address]


class _SmtpHandler:
    """aiosmtpd's handler (apart from the Inbox: aiosmtpd reads every attribute of its handler)."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        from email import message_from_bytes, policy

        self.inbox.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server(site: Site, request: pytest.FixtureRequest) -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) on a free local port, used by the site's mailer for the test."""
    from aiosmtpd.controller import Controller

    served = "live_server" in request.fixturenames  # its worker delivers: the test must not too
    inbox = Inbox(None if served else site.jobs.drain)
    controller = Controller(_SmtpHandler(inbox), hostname="127.0.0.1", port=free_port())
    controller.start()
    previous = site.config.mail.smtp_url
    site.config.mail.smtp_url = f"smtp://127.0.0.1:{controller.port}"
    try:
        yield inbox
    finally:
        site.config.mail.smtp_url = previous
        controller.stop()


@pytest.fixture
def db(site: Site) -> Iterator[Session]:
    """A session for the test; its SQLite transactions start deferred (the test is one reader among
    the app's requests, not a writer holding the lock). Every table is emptied afterwards."""
    intent = sqlite_write_intent.set(False)
    session = site.session()
    try:
        yield session
    finally:
        session.close()
        sqlite_write_intent.reset(intent)
        empty_all_tables(site)


@pytest.fixture
def make_account(db: Session) -> Callable[..., Account]:
    counter = iter(range(1, 1_000_000))

    def factory(
        *roles: str,
        email: str | None = None,
        body_roles: dict[int, str] | None = None,
        district_roles: dict[str, str] | None = None,
        verified: bool = True,
        **facts: Any,
    ) -> Account:
        n = next(counter)
        person = Person(
            given_name=facts.pop("given_name", f"Test{n}"),
            family_name=facts.pop("family_name", "Person"),
            birth_date=facts.pop("birth_date", date(1990, 5, 17)),
            nationality_group=facts.pop("nationality_group", NationalityGroup.FRENCH),
            resident=facts.pop("resident", True),
            district=facts.pop("district", "11"),
            **facts,
        )
        account = Account(
            email=email or f"user{n}@example.org",
            display_name=person.full_name,
            password_hash=auth.hash_password(TEST_PASSWORD),
            email_verified_at=utcnow() if verified else None,
            person=person,
            roles=[RoleGrant(role=r) for r in roles]
            + [RoleGrant(role=r, body_id=b) for b, r in (body_roles or {}).items()]
            + [RoleGrant(role=r, district=d) for d, r in (district_roles or {}).items()],
        )
        db.add(account)
        db.commit()
        return account

    return factory


def audit_entries(db: Session, action: str = "") -> list[Any]:
    """The audit log's entries (oldest first), those whose action starts with ``action`` if given:
    ``[e] = audit_entries(db, "budget."); assert (e.action, e.target_id) == (...)``."""
    from parvis.audit import AuditEvent

    db.expire_all()
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action.startswith(action, autoescape=True))
    return list(db.scalars(query))


class CommandLine:
    """Runs ``parvis`` commands in the test, on the test's site (the ``parvis_cli`` fixture)."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def __call__(self, *args: str, input: str | None = None, language: str = "en") -> Any:  # noqa: A002
        from click.testing import CliRunner

        from parvis.cli import Context, cli

        command_context = Context.for_site(self.site)  # the test's site: its plugins, settings and database
        return CliRunner().invoke(
            cli, list(args), obj=command_context, input=input, env={"PARVIS_LANG": language}
        )


@pytest.fixture
def parvis_cli(site: Site, db: Session) -> CommandLine:
    """``parvis_cli("budget", "rank", ...)``: a ``click.testing.Result`` (``.exit_code``, ``.output``)
    of the command run on the test's site and database; commit what the command should see first."""
    return CommandLine(site)


class JobRunner:
    """Runs a site's queued jobs inside the test (the ``run_jobs`` fixture)."""

    RESULT_LINK = re.compile(r'id="job-result" href="([^"]+)"')

    def __init__(self, site: Site) -> None:
        self.site = site

    def __call__(self, *, later: bool = False) -> int:
        return self.site.jobs.drain(later=later)

    def schedule(self, at: datetime) -> int:
        return self.site.jobs.run_schedule(at)

    def follow(self, http: TestClient, response: Any, *, later: bool = False) -> Any:
        """Run the jobs, then open the job's page and follow its result link (if it succeeded)."""
        if response.status_code in (301, 302, 303, 307):
            location = response.headers["location"]
        else:
            location = str(response.url)
        path = location.split("://", 1)[-1].split("/", 1)[-1]
        assert re.match(r"^[a-z]{2}/jobs/[\w-]+$", path.split("?")[0]), f"not a job's page: {location}"
        self(later=later)
        job_page = http.get("/" + path)
        assert job_page.status_code == 200, job_page.text[:500]
        found = self.RESULT_LINK.search(job_page.text)
        if found is None:
            return job_page
        return http.get(html.unescape(found.group(1)))


@pytest.fixture
def run_jobs(site: Site) -> JobRunner:
    site.jobs.flush()
    return JobRunner(site)
