"""Running one attempt of a job: claim it, run it in its requester's language, record the outcome.

A worker first claims the job (``queued`` -> ``running``, in one UPDATE that only one worker can
win), so a job whose message two workers see runs once. The function's session commits together
with the row's ``done``, guarded by the attempt number: if the tidy-up gave an interrupted job to
another worker meanwhile, this attempt's work is rolled back instead of being committed twice.
A ``Refused`` fails the job at once with its (translated) message; any other error is retried
with back-off, then fails the job with the error for officials.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.db import rows_affected, sqlite_write_intent
from parvis.i18n import use_locale
from parvis.jobs.context import JobContext, Ticket
from parvis.jobs.models import Job, JobStatus, PeriodicRun
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.jobs.definitions import JobDefinition
    from parvis.site import Site

log = logging.getLogger("parvis.jobs")


@contextlib.contextmanager
def write_intent(writer: bool) -> Iterator[None]:
    """SQLite: a short bookkeeping transaction takes the write lock at once (BEGIN IMMEDIATE); the
    job's own session starts deferred, so its reads never block the site's writers."""
    token = sqlite_write_intent.set(writer)
    try:
        yield
    finally:
        sqlite_write_intent.reset(token)


def technical(error: BaseException) -> str:
    """The error for officials: its type, message and where it was raised (English, as raised)."""
    where = traceback.extract_tb(error.__traceback__)[-3:] if error.__traceback__ else []
    lines = [f"{type(error).__name__}: {error}"]
    lines += [f"  at {frame.filename.rsplit('/', 2)[-1]}:{frame.lineno} in {frame.name}" for frame in where]
    return "\n".join(lines)[:4000]


def claim(site: Site, job_id: int) -> Ticket | None:
    """Move the job from queued to running; None if another worker has it, or it is finished."""
    now = site.now()
    with write_intent(True), site.session() as db, db.begin():
        won = rows_affected(
            db.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == JobStatus.QUEUED)
                .values(
                    status=JobStatus.RUNNING,
                    attempts=Job.attempts + 1,
                    started_at=now,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        )
        if won != 1:
            return None
        job = db.scalar(select(Job).where(Job.id == job_id))
        assert job is not None
        return Ticket(
            job.id, job.public_id, job.kind, job.locale, job.owner_id, dict(job.arguments), job.attempts
        )


def run_job(site: Site, job_id: int) -> None:
    """One attempt of job ``job_id`` (what the queue's worker calls)."""
    ticket = claim(site, job_id)
    if ticket is None:
        log.info("job %s: not queued (another worker has it, or it is finished)", job_id)
        return
    definition = site.jobs.definitions.get(ticket.kind)
    if definition is None:
        fail(site, ticket, error=f"no job named {ticket.kind!r} on this site (is its plugin enabled?)")
        return
    log.info("job %s (%s): attempt %s", ticket.public_id, ticket.kind, ticket.attempt)
    with site.activate(), use_locale(ticket.locale), write_intent(False), site.session() as db:
        context = JobContext(site, db, ticket)
        try:
            definition.function(context, **ticket.arguments)
            if not mark_done(db, site, ticket, context.result):
                db.rollback()
                log.warning("job %s was given to another worker; this attempt is dropped", ticket.public_id)
                return
            db.commit()
        except Refused as refusal:
            db.rollback()
            log.info("job %s refused: %s", ticket.public_id, refusal.message)
            fail(
                site,
                ticket,
                error=f"Refused: {refusal.message}",
                message=refusal.message,
                details=_details(refusal.details),
            )
            return
        except Exception as error:  # retried, then reported: a job must never kill its worker
            db.rollback()
            log.exception("job %s (%s) failed, attempt %s", ticket.public_id, ticket.kind, ticket.attempt)
            retry_or_fail(site, ticket, definition, error)
            return
    log.info("job %s (%s): done", ticket.public_id, ticket.kind)


def mark_done(db: Session, site: Site, ticket: Ticket, result: dict[str, object]) -> bool:
    """In the job's own transaction: done, if this attempt still owns the job."""
    now = site.now()
    return (
        rows_affected(
            db.execute(
                update(Job)
                .where(Job.id == ticket.id, Job.status == JobStatus.RUNNING, Job.attempts == ticket.attempt)
                .values(
                    status=JobStatus.DONE,
                    percent=100,
                    result=result,
                    error=None,
                    error_message=None,
                    error_details=None,
                    finished_at=now,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        )
        == 1
    )


def _details(details: object) -> list[str] | None:
    if details is None:
        return None
    if isinstance(details, list | tuple):
        return [str(d) for d in details]
    return [str(details)]


def fail(
    site: Site, ticket: Ticket, *, error: str, message: str | None = None, details: list[str] | None = None
) -> None:
    now = site.now()
    with write_intent(True), site.session() as db, db.begin():
        db.execute(
            update(Job)
            .where(Job.id == ticket.id, Job.status == JobStatus.RUNNING, Job.attempts == ticket.attempt)
            .values(
                status=JobStatus.FAILED,
                error=error,
                error_message=message,
                error_details=details,
                finished_at=now,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )


def retry_or_fail(site: Site, ticket: Ticket, definition: JobDefinition, error: BaseException) -> None:
    if ticket.attempt > definition.retries:
        fail(site, ticket, error=technical(error))
        return
    delay = definition.delay_before(ticket.attempt)
    now = site.now()
    with write_intent(True), site.session() as db, db.begin():
        again = rows_affected(
            db.execute(
                update(Job)
                .where(Job.id == ticket.id, Job.status == JobStatus.RUNNING, Job.attempts == ticket.attempt)
                .values(
                    status=JobStatus.QUEUED,
                    error=technical(error),
                    run_after=now + timedelta(seconds=delay),
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        )
    if again == 1:
        site.jobs.enqueue(ticket.id, delay=delay)


# -- scheduled runs --------------------------------------------------------------------------------


def slot_of(moment: datetime) -> str:
    """The minute a scheduled run is due, as its claim's key (ISO 8601, UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(second=0, microsecond=0).isoformat()


def claim_slot(site: Site, name: str, slot: str) -> int | None:
    """Insert the run's row; None if another worker already inserted it (it runs the slot)."""
    try:
        with write_intent(True), site.session() as db, db.begin():
            run = PeriodicRun(name=name, slot=slot, started_at=site.now())
            db.add(run)
            db.flush()
            return run.id
    except IntegrityError:
        return None


def run_periodic(site: Site, name: str, slot: str) -> bool:
    """Run scheduled job ``name`` for ``slot`` unless another worker has; True if this one ran it."""
    definition = site.jobs.definitions.get(name)
    if definition is None:
        log.warning("scheduled job %s is not declared on this site", name)
        return False
    run_id = claim_slot(site, name, slot)
    if run_id is None:
        log.info("scheduled job %s for %s: another worker has it", name, slot)
        return False
    error: str | None = None
    with (
        site.activate(),
        use_locale(site.config.site.default_locale),
        write_intent(False),
        site.session() as db,
    ):
        try:
            definition.function(JobContext(site, db, None))
            db.commit()
        except Exception as failure:  # reported on the officials' jobs page; the next slot runs again
            db.rollback()
            log.exception("scheduled job %s for %s failed", name, slot)
            error = technical(failure)
    with write_intent(True), site.session() as db, db.begin():
        db.execute(
            update(PeriodicRun)
            .where(PeriodicRun.id == run_id)
            .values(finished_at=site.now(), error=error)
            .execution_options(synchronize_session=False)
        )
    return True
