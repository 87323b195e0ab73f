"""Starting and running jobs: the transaction, retries with back-off, refusals, progress, files."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from parvis import jobs
from parvis.i18n import _, use_locale
from parvis.identity import Person
from parvis.jobs import files
from parvis.jobs.models import Job, JobStatus, StoredFile

from .conftest import GATE, RUNS


def job_row(db, job):
    db.commit()  # a fresh snapshot: see what the workers committed
    db.expire_all()
    return db.scalar(select(Job).where(Job.id == job.id))


@pytest.mark.hooks("register_jobs")
def test_a_job_is_queued_only_when_its_transaction_commits(db, site, run_jobs):
    job = jobs.start(db, site, "tests.count")
    assert site.jobs.pending() == 0, "nothing leaves before the commit"
    db.rollback()
    assert site.jobs.pending() == 0
    assert db.scalar(select(func.count()).select_from(Job)) == 0
    assert run_jobs() == 0

    job = jobs.start(db, site, "tests.count")
    db.commit()
    assert site.jobs.pending() == 1
    assert run_jobs() == 1
    assert RUNS[job.public_id] == 1
    done = job_row(db, job)
    assert done.status == JobStatus.DONE and done.attempts == 1 and done.percent == 100


def test_arguments_must_be_json_and_the_kind_declared(db, site):
    with pytest.raises(TypeError):
        jobs.start(db, site, "tests.echo", text=object())
    with pytest.raises(ValueError, match="no job named"):
        jobs.start(db, site, "tests.nothing")


def test_the_job_s_work_commits_with_it_or_not_at_all(db, site, run_jobs, clock):
    good = jobs.start(db, site, "tests.create_person", name="Ada")
    bad = jobs.start(db, site, "tests.create_person", name="Bob", fail=True)
    db.commit()
    run_jobs(later=True)
    names = set(db.scalars(select(Person.given_name)))
    assert "Ada" in names and "Bob" not in names
    assert job_row(db, good).result == {"url": "/en/bodies"}
    failed = job_row(db, bad)
    assert failed.status == JobStatus.FAILED and failed.attempts == 2  # retries=1
    assert "RuntimeError: the printer caught fire" in failed.error
    assert failed.error_message is None  # residents get a generic sentence, officials the error


def test_failures_are_retried_with_growing_back_off_then_fail(db, site, run_jobs, clock):
    job = jobs.start(db, site, "tests.flaky", failures=5)
    db.commit()
    start = clock.now
    assert run_jobs() == 1  # the retry waits for later
    row = job_row(db, job)
    assert row.status == JobStatus.QUEUED and row.attempts == 1
    assert row.run_after - start == timedelta(seconds=10)
    assert "ConnectionError: attempt 1" in row.error
    [scheduled] = site.jobs.huey.scheduled()
    assert scheduled.args == (job.id,)

    assert site.jobs.drain(later=True, limit=1) == 1
    row = job_row(db, job)
    assert row.attempts == 2 and row.run_after - start == timedelta(seconds=30)  # 10 s x 3

    run_jobs(later=True)
    row = job_row(db, job)
    assert row.status == JobStatus.FAILED and row.attempts == 3
    assert "attempt 3: the mail server did not answer" in row.error
    assert RUNS[job.public_id] == 3


def test_a_retry_that_succeeds_ends_done(db, site, run_jobs):
    job = jobs.start(db, site, "tests.flaky", failures=1)
    db.commit()
    run_jobs(later=True)
    row = job_row(db, job)
    assert row.status == JobStatus.DONE and row.attempts == 2 and row.error is None
    assert row.result == {"url": "/en/bodies", "message": "ok"}


@pytest.mark.parametrize("locale", ["fr", "ja"])
def test_a_refusal_fails_at_once_in_the_requester_s_language(db, site, run_jobs, locale):
    job = jobs.start(db, site, "tests.refuse", locale=locale)
    db.commit()
    assert run_jobs(later=True) == 1  # no retry for a refusal
    row = job_row(db, job)
    with use_locale(locale):
        expected = _("You do not have access to this page.")
    assert expected != "You do not have access to this page."
    assert row.status == JobStatus.FAILED and row.attempts == 1
    assert row.error_message == expected
    assert row.error_details == ["one", "two"]


def test_progress_is_visible_while_the_job_runs(db, site, run_jobs, client, login_as):
    owner = login_as()
    job = jobs.start(db, site, "tests.waits", owner=owner)
    db.commit()
    worker = threading.Thread(target=run_jobs)
    worker.start()
    try:
        for _attempt in range(200):
            row = job_row(db, job)
            if row.step:
                break
            threading.Event().wait(0.05)
        assert row.status == JobStatus.RUNNING and row.percent == 40 and row.step == "halfway there"
        fragment = client.get(f"/en/jobs/{job.public_id}/status", headers={"hx-request": "true"})
        assert fragment.status_code == 200
        assert 'value="40"' in fragment.text and "halfway there" in fragment.text
        assert "hx-trigger" in fragment.text  # still polling
    finally:
        GATE.set()
        worker.join(20)
    assert job_row(db, job).status == JobStatus.DONE


def test_a_job_can_leave_a_file_and_cached_files_are_shared(db, site, run_jobs):
    job = jobs.start(db, site, "tests.file", text="a,b\n1,2\n")
    db.commit()
    run_jobs()
    row = job_row(db, job)
    stored = files.by_public_id(db, row.result["file"])
    assert stored.content == b"a,b\n1,2\n" and stored.name == "résumé.csv" and stored.size == 8

    key = files.key_of("report", 42, "fr")
    assert key == files.key_of("report", 42, "fr") != files.key_of("report", 43, "fr")
    first = files.store(db, site, b"%PDF", name="r.pdf", media_type="application/pdf", cache_key=key)
    again = files.store(db, site, b"%PDF-other", name="r.pdf", media_type="application/pdf", cache_key=key)
    db.commit()
    assert again.id == first.id and files.cached(db, key).content == b"%PDF"
    assert db.scalar(select(func.count()).select_from(StoredFile).where(StoredFile.cache_key == key)) == 1


def test_a_unique_key_joins_the_job_already_waiting(db, site, run_jobs, make_account):
    owner = make_account()
    first = jobs.start(db, site, "tests.count", owner=owner, unique_key="outbox")
    again = jobs.start(db, site, "tests.count", owner=owner, unique_key="outbox")
    other = jobs.start(db, site, "tests.count", owner=make_account(), unique_key="outbox")
    assert again.id == first.id and other.id != first.id  # another person's job is not shared
    db.commit()
    run_jobs()
    after = jobs.start(db, site, "tests.count", owner=owner, unique_key="outbox")
    assert after.id != first.id  # a finished job is not joined
