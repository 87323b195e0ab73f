"""The Assembly's letters as PDF with fpdf2 (thousands of one-page letters, drawn fast), and its
font choice: the first installed font of a list, so accents print. (The bailiff's report is its
page printed as a tagged PDF: ``services.report.pdf_bytes``.)

French documents prefer DejaVu Sans (small to embed); the decisions' font list follows as a
fallback, and without any font file the PDF core font is used with text folded to Latin-1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from parvis.api import choose_font, latin1

if TYPE_CHECKING:
    from parvis.api import Site

PREFERRED = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
MONO = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
)


@dataclass
class Document:
    pdf: Any  # fpdf.FPDF
    family: str
    mono: str
    text: Callable[[str], str]


def new_document(site: Site, title: str, *, footer: Callable[[Any], None] | None = None) -> Document:
    from fpdf import FPDF

    candidates = (*PREFERRED, *site.settings("decisions").pdf_fonts)
    font = choose_font(tuple(candidates))
    mono = choose_font(MONO)

    class Pdf(FPDF):
        def footer(self) -> None:  # fpdf2's page-footer hook
            if footer is not None:
                footer(self)

    pdf = Pdf(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Parvis")
    if font.path:
        pdf.add_font("doc", "", font.path, collection_font_number=font.index)
        pdf.add_font("doc", "B", font.bold_path or font.path, collection_font_number=font.index)
        family = "doc"

        def text(value: str) -> str:
            return value
    else:
        family = "helvetica"

        def text(value: str) -> str:
            return latin1(value)

    mono_family = family
    if font.path and mono.path:
        pdf.add_font("mono", "", mono.path)
        pdf.add_font("mono", "B", mono.bold_path or mono.path)
        mono_family = "mono"
    elif not font.path:
        mono_family = "courier"
    return Document(pdf, family, mono_family, text)
