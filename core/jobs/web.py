"""A job's page (progress, result, or why it failed) and the officials' list of jobs.

``/{lang}/jobs/{id}`` shows the job to whoever may follow it: its requester, the site's staff
for officials' jobs, anyone with the link for public ones (admins always). The status part polls
``/status`` every second with htmx (an unchanged job answers 204: nothing is swapped, so screen
readers hear only changes through the polite live region); without JavaScript a plain "Refresh"
link reloads the page. When done, htmx goes on to the result page; the page links to it too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Response, get, post
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.exports import download
from parvis.i18n import _
from parvis.identity import Account
from parvis.jobs import files
from parvis.jobs.launch import job_path, run_again
from parvis.jobs.models import Job, JobStatus, PeriodicRun, StoredFile, Visibility
from parvis.permissions import ADMIN
from parvis.web.context import state_of
from parvis.web.guards import official, public
from parvis.web.render import flash, page, redirect, url
from parvis.web.types import DB, AnyRequest, FromPath, FromQuery


def may_follow(actor: Actor, job: Job) -> bool:
    if job.visibility == Visibility.PUBLIC or actor.has_role(ADMIN):
        return True
    if actor.account is not None and job.owner_id == actor.account.id:
        return True
    return job.visibility == Visibility.OFFICIALS and actor.staff


def job_or_404(request: AnyRequest, db: Session, public_id: str) -> Job:
    """The job if this visitor may follow it; others get 404 (anonymous visitors: sign in first)."""
    job = db.scalar(select(Job).where(Job.public_id == public_id[:24]))
    actor = state_of(request).actor
    if job is not None and may_follow(actor, job):
        return job
    if job is not None and not actor.authenticated:
        raise NotAuthorizedException(_("Please sign in to continue."))
    raise NotFoundException()


def title_of(request: AnyRequest, job: Job) -> str:
    definition = state_of(request).site.jobs.definitions.get(job.kind)
    return str(definition.title) if definition is not None else job.kind


@dataclass(frozen=True, slots=True)
class JobView:
    job: Job
    title: str
    status: str
    token: str  # changes whenever what the page shows changes
    result_url: str | None
    file_url: str | None
    file_name: str | None
    back_url: str | None
    technical: bool  # show the technical error (staff)


def view(request: AnyRequest, db: Session, job: Job) -> JobView:
    result = job.result or {}
    stored = files.by_public_id(db, result["file"]) if result.get("file") else None
    state = state_of(request)
    token = hashlib.sha256(
        repr((job.status.value, job.percent, job.step, job.attempts, job.error_message)).encode()
    ).hexdigest()[:16]
    return JobView(
        job=job,
        title=title_of(request, job),
        status=_(job.status.label),
        token=token,
        result_url=result.get("url"),
        file_url=url(request, f"{job_path(job)}/file") if stored is not None else None,
        file_name=stored.name if stored is not None else None,
        back_url=url(request, job.return_to) if job.return_to else None,
        technical=state.actor.staff,
    )


class JobController(Controller):
    path = "/jobs"
    guards = [public]  # each job is checked against its requester and visibility (job_or_404)

    @get("/{public_id:str}", name="job")
    def show(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        job = job_or_404(request, db, public_id)
        shown = view(request, db, job)
        return page(request, "jobs/job.html", view=shown, title=shown.title)

    @get("/{public_id:str}/status", name="job-status")
    def status(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], seen: FromQuery[str | None] = None
    ) -> Template | Response[bytes]:
        """The status fragment htmx polls: 204 while nothing changed; on success, on to the result."""
        job = job_or_404(request, db, public_id)
        shown = view(request, db, job)
        if seen == shown.token and not job.finished:
            return Response(b"", status_code=204)
        response = page(request, "jobs/_status.html", view=shown, title=shown.title)
        if job.status == JobStatus.DONE and shown.result_url and not shown.file_url:
            response.headers["HX-Redirect"] = shown.result_url
            if message := (job.result or {}).get("message"):
                flash(response, message)
        return response

    @get("/{public_id:str}/file", name="job-file")
    def file(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Response[bytes]:
        job = job_or_404(request, db, public_id)
        stored = files.by_public_id(db, (job.result or {}).get("file") or "")
        if job.status != JobStatus.DONE or stored is None:
            raise NotFoundException()
        return file_response(stored)


def file_response(stored: StoredFile, *, inline: bool = False) -> Response[bytes]:
    """A stored file as a download (``inline``: shown in the browser, for PDFs)."""
    return download(stored.content, stored.name, stored.media_type, inline=inline)


def cached_or_started(
    request: AnyRequest, db: Session, kind: str, *, cache_key: str, url: str, **arguments: Any
) -> Response[Any]:
    """A file made from data by job ``kind``: served if already made from the same data
    (``cache_key``); else the job is started (once, however many ask) and a browser is sent to
    its page, while an API client gets ``202 Accepted`` with ``Retry-After`` and asks ``url``
    again. The job receives ``cache_key`` and ``url`` with ``arguments``; it stores the file under
    the key and leads back to ``url`` (``job.set_result(href=url)``)."""
    found = _cached_or_start(request, db, kind, cache_key, url=url, **arguments)
    if isinstance(found, StoredFile):
        return file_response(found)
    page_url = f"/{state_of(request).locale}{job_path(found)}"
    if "text/html" in request.headers.get("accept", ""):
        return Redirect(path=page_url, status_code=303)
    return Response(
        {
            "status": "preparing",
            "detail": _("The file is being prepared; ask again shortly."),
            "job": page_url,
        },
        status_code=202,
        headers={"retry-after": "2", "location": url},
    )


def cached_or_job_page(
    request: AnyRequest,
    db: Session,
    kind: str,
    *,
    cache_key: str,
    return_to: str,
    served: Callable[[], object] | None = None,
    **arguments: Any,
) -> Response[Any]:
    """A document (a report's PDF) made from data by job ``kind``, for a link in a page: shown
    inline if already made from the same data (``cache_key``; ``served()`` is called first, for
    an audit entry); else the job is started now (this GET's own transaction only reads), once
    however many ask, and the browser is sent to its page, which leads back to ``return_to``. The
    job receives ``cache_key`` with ``arguments`` and stores the file under it.
    (``cached_or_started`` is the same for an API, whose clients get ``202 Accepted``.)"""
    found = _cached_or_start(request, db, kind, cache_key, return_to=return_to, **arguments)
    if isinstance(found, StoredFile):
        if served is not None:
            served()
        return file_response(found, inline=True)
    return redirect(request, job_path(found))


def _cached_or_start(
    request: AnyRequest, db: Session, kind: str, cache_key: str, **job: Any
) -> StoredFile | Job:
    """The file stored under ``cache_key``, else job ``kind`` started now (once, however many ask:
    ``cache_key`` is its unique key), owned by the requester."""
    from parvis.jobs.launch import start_now

    stored = files.cached(db, cache_key)
    if stored is not None:
        return stored
    state = state_of(request)
    return start_now(state.site, kind, owner=state.actor, unique_key=cache_key, cache_key=cache_key, **job)


# -- officials ---------------------------------------------------------------------------------------


FILTERS = ("all", "failed", "unfinished")


class JobsAdminController(Controller):
    path = "/admin/jobs"
    guards = [official]

    @get("/", name="admin-jobs")
    def index(self, request: AnyRequest, db: DB, show: FromQuery[str | None] = None) -> Template:
        site = state_of(request).site
        chosen = show if show in FILTERS else "all"
        query = select(Job, Account.display_name).outerjoin(Account, Account.id == Job.owner_id)
        if chosen == "failed":
            query = query.where(Job.status == JobStatus.FAILED)
        elif chosen == "unfinished":
            query = query.where(Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]))
        rows = db.execute(query.order_by(Job.created_at.desc(), Job.id.desc()).limit(100)).all()
        counts = dict(db.execute(select(Job.status, func.count()).group_by(Job.status)).all())
        last_runs = {
            run.name: run
            for run in db.scalars(
                select(PeriodicRun).where(
                    PeriodicRun.id.in_(select(func.max(PeriodicRun.id)).group_by(PeriodicRun.name))
                )
            )
        }
        last_failures = {
            run.name: run
            for run in db.scalars(
                select(PeriodicRun).where(
                    PeriodicRun.id.in_(
                        select(func.max(PeriodicRun.id))
                        .where(PeriodicRun.error.is_not(None))
                        .group_by(PeriodicRun.name)
                    )
                )
            )
        }
        scheduled = [
            (name, str(definition.title), last_runs.get(name), last_failures.get(name))
            for name, definition in sorted(site.jobs.definitions.items())
            if definition.schedule is not None
        ]
        return page(
            request,
            "jobs/admin.html",
            rows=[
                (job, requester, title_of(request, job), may_follow(state_of(request).actor, job))
                for job, requester in rows
            ],
            failed_count=counts.get(JobStatus.FAILED, 0),
            show=chosen,
            scheduled=scheduled,
            title=_("Background jobs"),
        )

    @post("/{public_id:str}/retry", name="admin-job-retry", status_code=303)
    def retry(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Redirect:
        """Queue a failed job again (after fixing what made it fail), with a fresh set of retries."""
        job = db.scalar(select(Job).where(Job.public_id == public_id[:24]))
        if job is None:
            raise NotFoundException()
        if job.status != JobStatus.FAILED:
            return redirect(request, "/admin/jobs", _("Only a failed job can be run again."))
        run_again(db, state_of(request).site, job)
        return redirect(request, "/admin/jobs", _("The job is queued again."))
