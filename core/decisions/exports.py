"""Open data (CSV, JSON) and the printable PDF of the right-to-follow-up report.

All three are built from ``tracker`` rows, the same ones the public pages show. The PDF uses
fpdf2 (pure Python) with the first usable font of ``[settings.decisions] pdf_fonts``: Japanese
needs a CJK font, and a PDF must embed its fonts to show accents and kana at all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parvis import exports as downloads
from parvis.bodies.models import Body
from parvis.decisions.registry import registry
from parvis.decisions.text import labelled, percent
from parvis.decisions.tracker import Filters, Row, Tracker, status_label
from parvis.formatting import format_date
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

# Embedding a CJK font takes about a second: the PDF is made by a job (``decisions.followup_pdf``)
# and kept as a stored file whose key is everything it depends on (body, filters, language, day
# and the latest history entry of the body), so it is made again only when one of them changes.


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


@dataclass(frozen=True, slots=True)
class FontChoice:
    path: str | None  # None: the PDF core font (Latin-1 only)
    index: int = 0
    bold_path: str | None = None


@lru_cache(maxsize=8)
def choose_font(candidates: tuple[str, ...]) -> FontChoice:
    """The first candidate that exists ("path" or "path#index" in a font collection)."""
    for candidate in candidates:
        path, _sep, number = candidate.partition("#")
        if Path(path).is_file():
            bold = path.replace("Regular", "Bold") if "Regular" in path else path.replace(".ttf", "-Bold.ttf")
            return FontChoice(path, int(number or 0), bold if bold != path and Path(bold).is_file() else None)
    return FontChoice(None)


_LATIN1 = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "—": "-",
        "–": "-",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "€": "EUR",
        "\u202f": " ",
    }
)


def latin1(value: str) -> str:
    """Text for a PDF core font (Latin-1 only): typographic signs spelled out, the rest replaced."""
    return value.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def pdf_report(site: Site, found: Tracker, filters: Filters, today: date) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import WrapMode, XPos, YPos

    font = choose_font(tuple(site.settings("decisions").pdf_fonts))
    locale = current_locale.get()
    footer_text = _("Page {page}").format(page="{page}")

    class Report(FPDF):
        def footer(self) -> None:  # fpdf2's page-footer hook
            self.set_y(-12)
            self.set_font(family, size=8)
            self.set_text_color(90)
            self.cell(0, 6, text(footer_text.replace("{page}", f"{self.page_no()}/{{nb}}")), align="C")

    pdf = Report(format="A4")
    if font.path:
        pdf.add_font("report", "", font.path, collection_font_number=font.index)
        pdf.add_font("report", "B", font.bold_path or font.path, collection_font_number=font.index)
        family = "report"

        def text(value: str) -> str:
            return value
    else:
        family = "helvetica"

        def text(value: str) -> str:
            return latin1(value)

    wrap = WrapMode.CHAR if locale in {"ja", "zh", "ko"} else WrapMode.WORD
    title = report_title(found.body, filters)
    pdf.set_title(title)
    pdf.set_lang(locale)
    pdf.set_creator("Parvis")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def para(value: str, size: float = 10, style: str = "", height: float = 5.2, color: int = 20) -> None:
        pdf.set_font(family, style, size)
        pdf.set_text_color(color)
        pdf.multi_cell(width, height, text(value), wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    para(title, 18, "B", 8.5)
    para(
        _("The City's response and progress for each measure, as of {date}.").format(date=format_date(today)),
        10,
        "",
        5.5,
        70,
    )
    pdf.ln(3)

    # Summary: one grey bar per status with its count written beside it (readable in black and white).
    counts = found.followup_counts()
    largest = max((c for _code, _label, c in counts), default=0) or 1
    para(_("Summary"), 13, "B", 7)
    for _code, label, count in counts:
        pdf.set_font(family, "", 9.5)
        pdf.set_text_color(20)
        pdf.cell(45, 6, text(label))
        bar = (width - 60) * count / largest
        y = pdf.get_y()
        pdf.set_fill_color(60, 60, 140)
        if bar:
            pdf.rect(pdf.get_x(), y + 1.2, bar, 3.6, style="F")
        pdf.set_x(pdf.get_x() + bar + 2)
        pdf.cell(15, 6, str(count), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)

    for row in found.rows:
        decision, followup = row.decision, row.followup
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.set_draw_color(200)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.ln(2)
        heading = f"{decision.reference} — {decision.title}" if decision.reference else decision.title
        para(heading, 12, "B", 6.2)
        meta = [registry(site).type_label(decision.type), decision.term.label]
        if decision.topic:
            meta.append(decision.topic)
        para(" · ".join(meta), 9, "", 5, 90)
        line = labelled(_("Status"), status_label(row.status))
        if row.state.followup:
            line += " — " + labelled(_("Progress"), percent(row.progress))
        if row.overdue:
            line += f" — {_('Overdue')}"
        para(line, 10, "B")
        if row.state.followup:
            y = pdf.get_y() + 0.5
            pdf.set_fill_color(225)
            pdf.rect(pdf.l_margin, y, 60, 2.5, style="F")
            pdf.set_fill_color(24, 117, 60) if row.progress == 100 else pdf.set_fill_color(60, 60, 140)
            if row.progress:
                pdf.rect(pdf.l_margin, y, 60 * row.progress / 100, 2.5, style="F")
            pdf.ln(4.5)
        if followup and followup.response:
            label = _("The City's response")
            if followup.response_on:
                label += f" ({format_date(followup.response_on)})"
            para(label, 10, "B")
            para(followup.response)
        details = []
        if followup and followup.department:
            details.append(labelled(_("Responsible department"), followup.department))
        if followup and followup.elected_official:
            details.append(labelled(_("Elected official in charge"), followup.elected_official))
        if followup and followup.expected_on:
            details.append(labelled(_("Expected completion"), format_date(followup.expected_on)))
        if details:
            para("\n".join(details), 9.5, "", 5, 50)
        if decision.milestones and row.state.followup:
            para(_("Milestones"), 10, "B")
            for milestone in decision.milestones:
                when = (
                    _("done on {date}").format(date=format_date(milestone.done_on))
                    if milestone.done_on
                    else _("planned for {date}").format(date=format_date(milestone.planned_on))
                    if milestone.planned_on
                    else _("planned")
                )
                para(f"• {milestone.title} ({when})", 9.5, "", 5, 40)
        pdf.ln(3)
    if not found.rows:
        para(_("No decision matches these filters."))
    return bytes(pdf.output())
