"""Core's own scheduled job: keep the queue honest and the tables small.

Every five minutes, whichever worker claims the slot: a job still waiting well after it was due
(its message was lost: the program stopped between commit and queueing) is queued again; a
running job silent for ``stale_minutes`` lost its worker and is queued again, or failed after its
retries; jobs, files and scheduled-run records older than ``keep_days`` are deleted. A message
queued twice is harmless: only one worker can claim the job.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from huey import crontab
from sqlalchemy import and_, delete, or_, select, update

from parvis.i18n import lazy_gettext
from parvis.jobs.definitions import JobDefinition
from parvis.jobs.models import Job, JobStatus, PeriodicRun, StoredFile

if TYPE_CHECKING:
    from parvis.jobs.context import JobContext

LOST_AFTER = timedelta(minutes=5)
KEEP_RUNS = timedelta(days=2)


def tidy(job: JobContext) -> None:
    site, db = job.site, job.db
    settings = site.settings("jobs")
    now = site.now()
    lost = list(
        db.scalars(select(Job.id).where(Job.status == JobStatus.QUEUED, Job.run_after < now - LOST_AFTER))
    )
    stale = list(
        db.scalars(
            select(Job).where(
                Job.status == JobStatus.RUNNING,
                Job.updated_at < now - timedelta(minutes=settings.stale_minutes),
            )
        )
    )
    for found in stale:
        definition = site.jobs.definitions.get(found.kind)
        if definition is not None and found.attempts <= definition.retries:
            found.status = JobStatus.QUEUED
            found.error = "Interrupted: the worker running this job stopped answering"
            lost.append(found.id)
        else:
            found.status = JobStatus.FAILED
            found.error = "Interrupted: the worker running this job stopped answering"
            found.finished_at = now
        found.updated_at = now
    if lost:
        db.execute(
            update(Job)
            .where(Job.id.in_(lost))
            .values(run_after=now)
            .execution_options(synchronize_session=False)
        )
    old = now - timedelta(days=settings.keep_days)
    db.execute(delete(Job).where(Job.status.in_([JobStatus.DONE, JobStatus.FAILED]), Job.finished_at < old))
    from parvis.draws.service import kept_file_ids  # the register of draws publishes some for good

    db.execute(
        delete(StoredFile).where(
            or_(StoredFile.created_at < old, StoredFile.expires_at < now),
            StoredFile.id.not_in(kept_file_ids()),
        )
    )
    # Frequent scheduled jobs leave a row a minute: successful runs are kept two days only.
    db.execute(
        delete(PeriodicRun).where(
            or_(
                PeriodicRun.started_at < old,
                and_(PeriodicRun.error.is_(None), PeriodicRun.started_at < now - KEEP_RUNS),
            )
        )
    )
    db.commit()
    for job_id in lost:  # after the commit, like jobs.start
        site.jobs.enqueue(job_id)


def definitions() -> list[JobDefinition]:
    return [
        JobDefinition(
            "core.tidy_jobs",
            tidy,
            lazy_gettext("Tidy up the job queue"),
            retries=0,
            schedule=crontab(minute="*/5"),
        )
    ]
