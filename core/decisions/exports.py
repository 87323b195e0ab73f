"""Open data (CSV, JSON) and the printable PDF of the right-to-follow-up report.

All three are built from ``tracker`` rows, the same ones the public pages show. The PDF is the
report's HTML page printed by WeasyPrint as a tagged PDF/UA document (``parvis.pdf_html``).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from parvis import exports as downloads
from parvis.bodies.models import Body
from parvis.decisions.registry import registry
from parvis.decisions.text import labelled, percent
from parvis.decisions.tracker import Filters, Row, Tracker, status_label
from parvis.i18n import _, current_locale

if TYPE_CHECKING:
    from parvis.jobs import JobContext
    from parvis.site import Site

CSV_COLUMNS = [
    "id",
    "reference",
    "title",
    "type",
    "term",
    "topic",
    "step",
    "status",
    "status_label",
    "progress",
    "overdue",
    "response",
    "response_on",
    "department",
    "elected_official",
    "expected_on",
    "milestones_done",
    "milestones_total",
    "url",
]


def report_title(body: Body, filters: Filters) -> str:
    if filters.term:
        return _("Right to follow-up: {body}, {term}").format(body=body.name, term=filters.term)
    return _("Right to follow-up: {body}").format(body=body.name)


def safe_filename(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120]


def item(site: Site, row: Row, base_url: str = "") -> dict[str, Any]:
    """One decision as open data: stable codes plus labels in the requested language."""
    decision, followup = row.decision, row.followup
    milestones = decision.milestones
    return {
        "id": decision.public_id,
        "reference": decision.reference,
        "title": decision.title,
        "summary": decision.summary,
        "type": decision.type,
        "type_label": registry(site).type_label(decision.type),
        "term": decision.term.label,
        "topic": decision.topic,
        "step": decision.state,
        "step_label": _(row.state.label),
        "status": row.status,
        "status_label": status_label(row.status),
        "progress": row.progress,
        "overdue": row.overdue,
        "response": followup.response if followup else "",
        "response_on": _iso(followup.response_on if followup else None),
        "department": followup.department if followup else "",
        "elected_official": followup.elected_official if followup else "",
        "expected_on": _iso(followup.expected_on if followup else None),
        "updated_at": followup.updated_at.isoformat() if followup else None,
        "milestones": [
            {"title": m.title, "planned_on": _iso(m.planned_on), "done_on": _iso(m.done_on)}
            for m in milestones
        ],
        "milestones_done": sum(1 for m in milestones if m.done_on),
        "milestones_total": len(milestones),
        "url": f"{base_url}/{current_locale.get()}/decisions/{decision.public_id}",
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def json_document(site: Site, found: Tracker, filters: Filters, today: date, base_url: str) -> dict[str, Any]:
    return {
        "body": {"slug": found.body.slug, "name": found.body.name},
        "date": today.isoformat(),
        "language": current_locale.get(),
        "filters": {k: v for k, v in _filters(filters).items() if v},
        "summary": {code: count for code, _label, count in found.counts()},
        "items": [item(site, row, base_url) for row in found.rows],
    }


def _filters(filters: Filters) -> dict[str, str | None]:
    return {
        "term": filters.term,
        "status": filters.status,
        "topic": filters.topic,
        "department": filters.department,
        "q": filters.q,
    }


def csv_text(site: Site, found: Tracker, base_url: str) -> str:
    items = (item(site, row, base_url) for row in found.rows)
    return downloads.csv_text(CSV_COLUMNS, ([entry.get(column) for column in CSV_COLUMNS] for entry in items))


# -- PDF -----------------------------------------------------------------------------------------

# fontTools logs every subsetting step at INFO; a report is not worth hundreds of log lines.
logging.getLogger("fontTools").setLevel(logging.WARNING)

# Laying out the report and embedding a CJK font take a second or more: the PDF is made by a job
# (``decisions.followup_pdf``) and kept as a stored file whose key is everything it depends on
# (body, filters, language, day and the latest history entry of the body), so it is made again
# only when one of them changes.


def pdf_key(body: Body, filters: Filters, locale: str, today: date, version: int | None) -> str:
    from dataclasses import asdict

    from parvis.jobs import key_of

    return key_of("decisions.followup_pdf", body.id, body.name, asdict(filters), locale, today, version)


def pdf_job(
    job: JobContext,
    *,
    body: str,
    filters: dict[str, str | None],
    day: str,
    cache_key: str,
    name: str,
    url: str,
) -> None:
    """Make the follow-up report's PDF and keep it; the job then leads back to its address."""
    from parvis.bodies.services import body_by_slug
    from parvis.decisions import tracker
    from parvis.jobs import files

    found_body = body_by_slug(job.db, body)
    if found_body is None:
        from parvis.refusals import Refused

        raise Refused(_("This page does not exist or is no longer available."), status_code=404)
    today = date.fromisoformat(day)
    chosen = Filters(**filters)
    job.progress(None, _("Writing the report"))
    found = tracker.build(job.db, job.site, found_body, chosen, today)
    content = pdf_report(job.site, found, chosen, today)
    files.store(job.db, job.site, content, name=name, media_type="application/pdf", cache_key=cache_key)
    job.set_result(url=url)


def report_context(site: Site, found: Tracker, filters: Filters, today: date) -> dict[str, Any]:
    """What ``decisions/report.html`` shows, for its page and its PDF alike."""
    from parvis.decisions.text import colon

    return {
        "body": found.body,
        "tracker": found,
        "filters": filters,
        "registry": registry(site),
        "today": today,
        "title": report_title(found.body, filters),
        "status_label": status_label,
        "labelled": labelled,
        "pct": percent,
        "colon": colon,
    }


def pdf_report(site: Site, found: Tracker, filters: Filters, today: date) -> bytes:
    """The printable report as a tagged PDF (PDF/UA-1) in the current language: the same template
    and print stylesheet as its HTML page (``parvis.pdf_html``)."""
    from parvis.pdf_html import template_pdf

    return template_pdf(
        site,
        "decisions/report.html",
        language=current_locale.get(),
        **report_context(site, found, filters, today),
    )
