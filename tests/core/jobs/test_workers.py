"""Workers: each job runs once with several consumers, scheduled runs are claimed per minute, the
tidy-up rescues lost and interrupted jobs, and the programs that run them (parvis worker, serve)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from litestar.testing import TestClient
from sqlalchemy import func, select

from parvis import jobs
from parvis.jobs.models import Job, JobStatus, PeriodicRun
from parvis.jobs.queue import JobQueue
from parvis.testing import wait_until

from .conftest import RUNS


def statuses(site):
    with site.session() as db:
        return dict(db.execute(select(Job.public_id, Job.status)).all())


def test_each_job_runs_once_with_two_consumers_seeing_every_message_twice(db, site, run_jobs):
    started = [jobs.start(db, site, "tests.count") for _ in range(12)]
    db.commit()
    machines = [JobQueue(site), JobQueue(site)]  # two workers' own queues (own connections)
    for job in started:  # every message is seen twice
        machines[1].enqueue(job.id)
    consumers = [m.consumer(workers=2, periodic=False, embedded=True, max_delay=0.05) for m in machines]
    for consumer in consumers:
        consumer.start()
    try:
        assert wait_until(lambda: set(statuses(site).values()) == {JobStatus.DONE})
        time.sleep(0.3)  # let the duplicate messages reach the workers too
        assert wait_until(lambda: all(m.pending() == 0 for m in machines))
    finally:
        for consumer in consumers:
            consumer.stop(graceful=True)
    assert {job.public_id: RUNS[job.public_id] for job in started} == {job.public_id: 1 for job in started}
    with site.session() as check:
        assert set(check.scalars(select(Job.attempts))) == {1}


def test_a_scheduled_job_runs_once_per_slot_whatever_the_number_of_consumers(db, site, run_jobs):
    machines = [JobQueue(site), JobQueue(site)]
    at = datetime(2026, 5, 4, 10, 0, 12, tzinfo=UTC)  # 12:00 in Paris: */10 matches
    assert all(m.run_schedule(at) >= 1 for m in machines)  # both schedulers queue the tick
    assert machines[0].run_schedule(at + timedelta(seconds=30)) >= 1  # same minute, again
    consumers = [m.consumer(workers=2, periodic=False, embedded=True, max_delay=0.05) for m in machines]
    for consumer in consumers:
        consumer.start()
    try:
        assert wait_until(lambda: all(m.pending() == 0 for m in machines))
        time.sleep(0.3)
    finally:
        for consumer in consumers:
            consumer.stop(graceful=True)
    assert RUNS["tick"] == 1
    assert machines[0].run_schedule(at + timedelta(minutes=1)) == 1  # the mail delivery, not the tick
    machines[0].run_schedule(at + timedelta(minutes=10))
    run_jobs()
    assert RUNS["tick"] == 2
    runs = db.scalars(select(PeriodicRun).where(PeriodicRun.name == "tests.tick").order_by(PeriodicRun.id))
    assert [(r.slot, r.error, r.finished_at is not None) for r in runs] == [
        ("2026-05-04T10:00:00+00:00", None, True),
        ("2026-05-04T10:10:00+00:00", None, True),
    ]


def test_the_schedule_is_read_in_the_site_s_time_zone(site):
    from huey import crontab

    from parvis.jobs.definitions import JobDefinition

    queue = JobQueue(site)
    morning = JobDefinition("tests.morning", print, "", schedule=crontab("0", "8"))
    queue.definitions = {"tests.morning": morning}
    assert queue.run_schedule(datetime(2026, 1, 15, 7, 0, tzinfo=UTC)) == 1  # 8:00 in Paris (winter)
    assert queue.run_schedule(datetime(2026, 1, 15, 8, 0, tzinfo=UTC)) == 0
    queue.flush()


def test_the_tidy_up_requeues_lost_and_interrupted_jobs(db, site, run_jobs, clock):
    lost = jobs.start(db, site, "tests.count")
    db.commit()
    site.jobs.flush()  # the message is lost (the program stopped right after the commit)
    interrupted = jobs.start(db, site, "tests.count")
    db.commit()
    run_jobs()
    row = db.get(Job, interrupted.id)
    row.status, row.attempts = JobStatus.RUNNING, 1  # its worker died in the middle
    gone = jobs.start(db, site, "tests.count")
    db.commit()
    gone_id = gone.id
    run_jobs()
    db.get(Job, gone_id).finished_at = clock.now - timedelta(days=40)
    db.commit()
    clock.advance(timedelta(minutes=90))
    tidy = jobs.start(db, site, "core.tidy_jobs")
    db.commit()
    run_jobs()
    db.expire_all()
    assert db.get(Job, tidy.id).status == JobStatus.DONE
    assert db.get(Job, lost.id).status == JobStatus.DONE
    assert db.get(Job, interrupted.id).status == JobStatus.DONE
    assert db.get(Job, interrupted.id).attempts == 2
    assert db.scalar(select(func.count()).select_from(Job).where(Job.id == gone_id)) == 0  # too old


def test_parvis_worker_runs_queued_jobs_until_stopped(cli_site):
    site, env = cli_site
    with site.session() as db:
        job = jobs.start(db, site, "core.tidy_jobs")
        db.commit()
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("parvis")), "worker", "--workers", "1", "--no-schedule"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert wait_until(lambda: statuses(site).get(job.public_id) == JobStatus.DONE)
    finally:
        worker.send_signal(signal.SIGINT)
        output = worker.communicate(timeout=120)[0]
    assert worker.returncode == 0, output
    assert "Running the background jobs" in output


def test_the_development_server_runs_jobs_itself(db, site):
    from parvis.web.app import create_app

    app = create_app(site, run_jobs=True)
    job = jobs.start(db, site, "tests.count")
    db.commit()
    with TestClient(app):  # the lifespan starts and stops the embedded worker
        assert wait_until(lambda: statuses(site).get(job.public_id) == JobStatus.DONE)
    assert RUNS[job.public_id] == 1
    assert db.scalar(select(func.count()).select_from(Job)) == 1
