"""The control commission's report: a printable page and its PDF (made by a job, then cached until
its figures change). Officials who count only; once every place's count is agreed."""

from __future__ import annotations

from typing import Any

from litestar import get
from litestar.response import Redirect, Response, Template

from parvis.api import (
    DB,
    FromPath,
    audit,
    cached_or_job_page,
    can,
    page,
    state_of,
)
from parvis.plugins.citizen_vote.permissions import COUNT
from parvis.plugins.citizen_vote.services import report
from parvis.plugins.citizen_vote.services.maps import report_maps
from parvis.plugins.citizen_vote.web.common import Req, _districts, _now, _vote


@get("/admin/votes/{slug:str}/report", guards=[can(COUNT)], name="citizen-vote-report")
def report_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    vote = _vote(db, slug)
    report.check_complete(db, vote, _now(request))
    site = state_of(request).site
    built = report.build(db, site, vote, _districts(request), site.today())
    return page(
        request,
        "citizen_vote/report.html",
        title=built.title,
        vote=vote,
        report=built,
        entry_text=report.entry_text,
        report_maps=report_maps,
    )


@get("/admin/votes/{slug:str}/report.pdf", guards=[can(COUNT)], name="citizen-vote-report-pdf")
def report_pdf(request: Req, db: DB, slug: FromPath[str]) -> Response[Any] | Redirect:
    """The report as PDF: made once by a job, then served from the cache until its figures change."""
    vote = _vote(db, slug)
    report.check_complete(db, vote, _now(request))
    state = state_of(request)
    built = report.build(db, state.site, vote, _districts(request), state.site.today())
    # It names the officials who entered the counts: every download is in the audit log (the
    # job's own when it makes the file: this GET only reads before it starts the job).
    return cached_or_job_page(
        request,
        db,
        "citizen_vote.report_pdf",
        cache_key=report.pdf_key(state.site, vote, built),
        return_to=f"/admin/votes/{vote.slug}/report",
        served=lambda: audit.record_request(request, "citizen_vote.report.download", target=vote),
        vote_id=vote.id,
    )
