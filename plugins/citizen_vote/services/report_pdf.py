"""The control commission's report as a tagged, accessible PDF (PDF/UA-1): its printable page
(``citizen_vote/report.html`` and the print rules of ``citizen_vote.css``, A4 landscape) printed
by ``template_pdf``, so the page and the PDF are one document; made by the job
``citizen_vote.report_pdf``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.api import template_pdf
from parvis.plugins.citizen_vote.services.maps import report_maps
from parvis.plugins.citizen_vote.services.report import Report, entry_text

if TYPE_CHECKING:
    from parvis.api import Site
    from parvis.plugins.citizen_vote.models import Vote


def pdf_bytes(site: Site, report: Report, vote: Vote) -> bytes:
    return template_pdf(
        site,
        "citizen_vote/report.html",
        language=report.language,
        title=report.title,
        vote=vote,
        report=report,
        entry_text=entry_text,
        report_maps=report_maps,
    )
