"""A sample plugin declaring jobs, as a plugin author writes one, for the jobs tests."""

from __future__ import annotations

import os
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from parvis.api import JobDefinition, Refused, Visibility, _, crontab, hookimpl, lazy_gettext
from parvis.identity import Person

RUNS: Counter[str] = Counter()  # job public id (or slot) -> times its function ran
LOCK = threading.Lock()
GATE = threading.Event()  # the "waits" job holds until the test opens it


def count(job, **arguments):
    with LOCK:
        RUNS[job.ticket.public_id] += 1


def echo(job, *, text, url=None):
    job.progress(50, "echoing")
    job.set_result(url=url, message=text)


def create_person(job, *, name, fail=False):
    job.db.add(Person(given_name=name))
    job.db.flush()
    if fail:
        raise RuntimeError("the printer caught fire")
    job.set_result(url="/bodies")


def flaky(job, *, failures):
    with LOCK:
        RUNS[job.ticket.public_id] += 1
        attempt = RUNS[job.ticket.public_id]
    if attempt <= failures:
        raise ConnectionError(f"attempt {attempt}: the mail server did not answer")
    job.set_result(url="/bodies", message="ok")


def refuse(job):
    raise Refused(_("You do not have access to this page."), details=["one", "two"])


def waits(job):
    job.db.scalar(select(func.count()).select_from(Person))  # a read first: its snapshot must not block
    job.progress(40, "halfway there")
    assert GATE.wait(20), "the test never opened the gate"
    job.set_result(url="/bodies")


def makes_file(job, *, text):
    job.store_file(text.encode(), name="résumé.csv", media_type="text/csv", cache_key=None)


def tick(job):
    with LOCK:
        RUNS["tick"] += 1


class SampleJobs:
    @hookimpl
    def register_jobs(self, site):
        return [
            JobDefinition("tests.count", count, lazy_gettext("Count")),
            JobDefinition("tests.echo", echo, "Echo", visibility=Visibility.OFFICIALS),
            JobDefinition("tests.create_person", create_person, "Create a person", retries=1),
            JobDefinition("tests.flaky", flaky, "Flaky", retries=2, retry_delay=10, retry_backoff=3),
            JobDefinition("tests.refuse", refuse, "Refuse", retries=3),
            JobDefinition("tests.waits", waits, "Waits"),
            JobDefinition("tests.file", makes_file, "File"),
            JobDefinition("tests.tick", tick, "Tick", retries=0, schedule=crontab(minute="*/10")),
        ]


SAMPLE = SampleJobs()


@pytest.fixture
def parvis_extra_plugins():
    return [("jobtests", SAMPLE)]


@pytest.fixture
def cli_site(migrated_database):
    """A site on its own migrated database, and the environment for `parvis` commands on it."""
    from parvis.site import Site

    site = Site.create(database_url=migrated_database)
    env = {
        **os.environ,
        "PARVIS_DATABASE_URL": migrated_database,
        "PARVIS_LANG": "en",
        "PARVIS_SECRET_KEY": "test-secret",
    }
    yield site, env
    site.jobs.huey.storage.close()  # its connection would hold the database being dropped
    site.engine.dispose()


@pytest.fixture(autouse=True)
def _reset():
    RUNS.clear()
    GATE.clear()
    yield
    GATE.set()
