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
- ``geocoder``: a stub geocoder on a local port that the site's ``[geocoding] url`` points at
  (``geocoder.answers[address] = (lat, lon)``, ``geocoder.down = True``).
- ``run_concurrently``, ``wait_until``, ``waits_on_a_lock``: for tests of concurrent behaviour
  (see ``parvis.testing_threads``).
- ``migrated_to(site, url, *revisions)`` and ``row_inserter(connection)``: for data-migration
  tests, a connection to a database at older revisions, and ``insert(table, **values)`` into the
  tables as an older revision left them, other required columns filled in (``parvis.testing_migrations``).
- ``council_with_terms(db, site, kind, name)``: a council with last year's term and next year's,
  the one a call fills (``parvis.testing_councils``).
- ``RoutesPlugin(routes, api_routes=..., templates=folder)``: a test's plugin that only adds pages.
- ``paris_config_with(folder, toml)``: the Paris profile with a city's additions, for ``parvis_config``.
- ``translated(locale, message, domain)``: a message as a page shows it, for browser journeys.
- ``@pytest.mark.demo``, ``make_demo_site``, ``demo_database``, ``demo_template``: the demo, seeded
  once per run, each test on a copy of its own (or a shared one it only reads): see
  ``parvis.testing_demo``.
- ``empty_database``: the URL of a brand-new, empty database of the engine under test (for
  migrations and command-line tests); ``migrated_database``: one already at the latest migrations
  (copied from a database migrated once per worker).
"""

from __future__ import annotations

import logging

import pytest

# pytest rewrites the asserts of this plugin module only; the fixture modules' asserts (a job's
# page, a browser check) report their values too when registered before they are imported.
# ruff: noqa: E402 - hence the imports below this call
pytest.register_assert_rewrite(
    "parvis.testing_accounts",
    "parvis.testing_browser",
    "parvis.testing_cli",
    "parvis.testing_database",
    "parvis.testing_demo",
    "parvis.testing_geocoder",
    "parvis.testing_jobs",
    "parvis.testing_mail",
    "parvis.testing_migrations",
    "parvis.testing_site",
    "parvis.testing_threads",
    "parvis.testing_web",
)

# The fixtures live in modules of their own, one concern each; importing them here registers them
# with this plugin module and keeps ``from parvis.testing import ...`` working.
from parvis.testing_accounts import audit_entries, make_account  # noqa: F401 - fixture and helper, public
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
    translated,
    typography_faults,
)
from parvis.testing_cli import CommandLine, parvis_cli  # noqa: F401 - fixture, public
from parvis.testing_councils import council_with_terms  # noqa: F401 - helper, public
from parvis.testing_crawl import crawl  # noqa: F401 - helper, public
from parvis.testing_database import (  # noqa: F401 - fixtures and helpers, public
    _migrated_template,
    db,
    empty_all_tables,
    empty_database,
    keep_rows,
    migrated_database,
    parvis_database_url,
)
from parvis.testing_demo import (  # noqa: F401 - fixtures and a hook, public
    DemoTemplate,
    demo_database,
    demo_template,
    make_demo_site,
    pytest_configure,
)
from parvis.testing_geocoder import StubGeocoder, geocoder  # noqa: F401 - fixture, public
from parvis.testing_jobs import JobRunner, run_jobs  # noqa: F401 - fixture, public
from parvis.testing_mail import Inbox, smtp_server  # noqa: F401 - fixture, public
from parvis.testing_migrations import migrated_to, row_inserter  # noqa: F401 - helpers, public
from parvis.testing_site import (  # noqa: F401 - fixtures, public
    FrozenClock,
    clock,
    make_site,
    paris_config_with,
    parvis_config,
    parvis_extra_plugins,
    parvis_plugins,
    site,
)
from parvis.testing_threads import run_concurrently, wait_until, waits_on_a_lock  # noqa: F401 - public
from parvis.testing_web import (  # noqa: F401 - fixtures and helpers, public
    TEST_PASSWORD,
    ParvisClient,
    RoutesPlugin,
    app,
    client,
    free_port,
    live_server,
    login,
    login_as,
)

logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per test request drowns real failures
