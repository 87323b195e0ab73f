"""The control commission's report as a PDF (A4 landscape, numbered pages), from the same
``Report`` the printable page shows; made by the job ``citizen_vote.report_pdf``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from parvis.api import _, format_number, format_percent, pdf_document, use_locale
from parvis.plugins.citizen_vote.services.report import Group, PlaceLine, Report, entry_text
from parvis.plugins.citizen_vote.services.results import Total

if TYPE_CHECKING:
    from parvis.api import Site


def pdf_bytes(site: Site, report: Report) -> bytes:
    with use_locale(report.language):
        return _pdf(site, report)


def _pdf(site: Site, report: Report) -> bytes:
    from fpdf.fonts import FontFace

    doc = pdf_document(
        site,
        report.title,
        language=report.language,
        page_label=_("Page {page}"),
        fonts=tuple(site.settings("citizen_vote").report_pdf_fonts),
        landscape=True,
    )
    pdf, text, labels = doc.pdf, doc.text, report.labels
    bold = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    headings = FontFace(emphasis="BOLD", fill_color=(235, 235, 235), size_pt=7.5)
    pdf.add_page()
    doc.para(report.title, 15, "B", 7.5)
    pdf.ln(2)
    for label, value in report.facts:
        doc.para(_("{label}: {value}").format(label=label, value=value), 9.5, "", 5)
    pdf.ln(2)
    doc.para(labels["questions"], 12, "B", 6.5)
    for question in report.questions:
        doc.para(f"{question.heading} ({' / '.join(question.options)})", 9.5, "", 5)

    def table(
        widths: tuple[float, ...], heading: list[str], rows: list[tuple[list[str], bool]], numbers: set[int]
    ) -> None:
        """A table with its heading repeated on each page; the columns in ``numbers`` aligned right."""
        pdf.set_font(doc.family, "", 8.5)
        with pdf.table(
            col_widths=widths,
            text_align=tuple("RIGHT" if i in numbers else "LEFT" for i in range(len(widths))),
            line_height=4.6,
            headings_style=headings,
            wrapmode=doc.wrap,
            padding=1,
        ) as found:
            found.row([text(h) for h in heading])
            for cells, emphasised in rows:
                found.row([text(c) for c in cells], style=bold if emphasised else None)
        pdf.ln(3)

    pdf.ln(3)
    doc.para(labels["places"], 12, "B", 6.5)
    heading = [
        labels["place"], labels["registered"], labels["marks"], labels["ballots"], labels["gap"],
        labels["reason"], labels["first"], labels["second"],
    ]  # fmt: skip

    def place_cells(line: PlaceLine) -> list[str]:
        entries = {e.slot: entry_text(e) for e in line.entries}
        return [
            line.name,
            format_number(line.registered) if not line.online else "—",
            format_number(line.marks),
            format_number(line.ballots),
            f"{line.gap:+d}" if line.gap else "0",
            line.reason or "—",
            entries.get(1, "—"),
            entries.get(2, "—"),
        ]

    def sum_cells(group: Group, label: str) -> list[str]:
        return [
            label,
            format_number(group.registered),
            format_number(group.marks),
            format_number(group.ballots),
            f"{group.ballots - group.marks:+d}" if group.ballots != group.marks else "0",
            "",
            "",
            "",
        ]

    rows: list[tuple[list[str], bool]] = []
    for group in report.groups:
        rows += [(place_cells(line), False) for line in group.places]
        rows.append((sum_cells(group, f"{labels['subtotal']} — {group.label}"), True))
    rows.append((sum_cells(report.city, report.city.label), True))
    table((50, 24, 24, 24, 24, 45, 43, 43), heading, rows, {1, 2, 3, 4})

    doc.para(labels["results"], 12, "B", 6.5)
    for question in report.questions:
        if question.position not in report.city.totals:
            continue
        doc.para(question.heading, 10, "B", 5.5)
        options = list(question.options)
        width = (277 - 70) / (len(options) + 3)
        rows = []
        for group in report.groups:
            if question.position not in group.totals:
                continue
            for line in group.places:
                figures = line.figures.get(question.position)
                if figures is not None:
                    rows.append((_answer_cells(line.name, figures, len(options)), False))
            total = group.totals[question.position]
            rows.append((_total_cells(f"{labels['subtotal']} — {group.label}", total), True))
        total = report.city.totals[question.position]
        rows.append((_total_cells(report.city.label, total), True))
        shares = [f"{format_percent(total.share(i), 2)}" for i in range(len(options))]
        rows.append(([labels["share"], *shares, "", "", ""], True))
        table(
            (70, *([width] * (len(options) + 3))),
            [labels["place"], *options, labels["blank"], labels["null"], labels["ballots"]],
            rows,
            set(range(1, len(options) + 4)),
        )
    doc.para(
        labels["turnout_line"].format(
            turnout=format_percent(report.turnout, 2),
            ballots=format_number(report.city.ballots),
            registered=format_number(report.city.registered),
        ),
        10.5,
        "B",
        6,
    )
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    pdf.ln(6)
    doc.para(labels["signatures"], 12, "B", 6.5)
    for signature in report.signature:
        doc.para(signature, 10.5, "", 6)
        pdf.ln(14)
    return bytes(pdf.output())


def _answer_cells(name: str, row: Mapping[str, Any], count: int) -> list[str]:
    return [
        name,
        *(format_number(int(row[f"option_{i + 1}"])) for i in range(count)),
        format_number(int(row["blank"])),
        format_number(int(row["null"])),
        format_number(int(row["ballots"])),
    ]


def _total_cells(label: str, total: Total) -> list[str]:
    return [
        label,
        *(format_number(n) for n in total.options),
        format_number(total.blank),
        format_number(total.null),
        format_number(total.ballots),
    ]
