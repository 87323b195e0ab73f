"""Starting a job: its row joins the caller's transaction, its message leaves after the commit.

``start`` adds the ``core_job`` row in the caller's session; the job's id is sent to the queue
only once that session commits (its ``after_commit`` event), so a worker never sees a job whose
transaction was rolled back, and a refused request leaves no job behind.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.i18n import current_locale
from parvis.identity import Account
from parvis.jobs.models import Job, JobStatus, Visibility

if TYPE_CHECKING:
    from parvis.site import Site

log = logging.getLogger("parvis.jobs")
PENDING = "parvis.jobs.pending"
LISTENING = "parvis.jobs.listening"


def start(
    db: Session,
    site: Site,
    kind: str,
    *,
    owner: Actor | Account | None = None,
    return_to: str | None = None,
    unique_key: str | None = None,
    join_running: bool = True,
    locale: str | None = None,
    **arguments: Any,
) -> Job:
    """Start job ``kind`` with JSON ``arguments`` for ``owner`` (who may follow it), in the current
    language; returns its row (``job_path(job)`` is its page).

    ``return_to`` is the path (without the language) of the page the job belongs to, for the job
    page's "back" link. With ``unique_key``, a job of the same kind and key that is still waiting
    or running (and that ``owner`` may follow) is returned instead of starting another;
    ``join_running=False`` joins only a job still waiting (one already running may have read its
    input before the caller's transaction commits: the mail outbox's delivery).
    """
    definition = site.jobs.definitions.get(kind)
    if definition is None:
        raise ValueError(f"no job named {kind!r} is declared (register_jobs)")
    json.dumps(arguments)  # a TypeError here, in the caller, rather than in the worker
    account = owner.account if isinstance(owner, Actor) else owner
    owner_id = account.id if account is not None else None
    if unique_key is not None:
        running = db.scalar(
            select(Job)
            .where(
                Job.kind == kind,
                Job.unique_key == unique_key,
                Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING] if join_running else [JobStatus.QUEUED]),
            )
            .order_by(Job.id.desc())
            .limit(1)
        )
        if running is not None and (running.visibility == Visibility.PUBLIC or running.owner_id == owner_id):
            return running
    now = site.now()
    job = Job(
        kind=kind,
        arguments=arguments,
        owner_id=owner_id,
        visibility=definition.visibility,
        locale=locale or current_locale.get(),
        return_to=return_to,
        unique_key=unique_key,
        status=JobStatus.QUEUED,
        created_at=now,
        run_after=now,
        updated_at=now,
    )
    db.add(job)
    db.flush()
    _enqueue_after_commit(db, site, job.id)
    return job


def start_now(site: Site, kind: str, **options: Any) -> Job:
    """``start`` in a transaction of its own, committed at once: for pages answering GET, whose
    own transaction only reads (on SQLite a reader must not turn writer half-way)."""
    from parvis.db import sqlite_write_intent

    token = sqlite_write_intent.set(True)
    try:
        with site.session() as db:
            job = start(db, site, kind, **options)
            db.commit()
            return job
    finally:
        sqlite_write_intent.reset(token)


def run_again(db: Session, site: Site, job: Job) -> None:
    """Queue a failed job again with a fresh set of retries (sent once ``db`` commits)."""
    now = site.now()
    job.status = JobStatus.QUEUED
    job.attempts = 0
    job.percent = None
    job.step = ""
    job.error_message = None
    job.error_details = None
    job.finished_at = None
    job.run_after = job.updated_at = now
    db.flush()
    _enqueue_after_commit(db, site, job.id)


def job_path(job: Job) -> str:
    """The job's page, without the language (for ``redirect(request, job_path(job))``)."""
    return f"/jobs/{job.public_id}"


def _enqueue_after_commit(db: Session, site: Site, job_id: int) -> None:
    db.info.setdefault(PENDING, []).append((site, job_id))
    if not db.info.get(LISTENING):
        event.listen(db, "after_commit", _send_pending)
        event.listen(db, "after_rollback", _forget_pending)
        db.info[LISTENING] = True


def _send_pending(db: Session) -> None:
    for site, job_id in db.info.pop(PENDING, []):
        try:
            site.jobs.enqueue(job_id)
        except Exception:  # the row is committed: the tidy-up queues it again in a few minutes
            log.exception("job %s is saved but could not be queued now", job_id)


def _forget_pending(db: Session) -> None:
    db.info.pop(PENDING, None)
