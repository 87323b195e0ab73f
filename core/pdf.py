"""Deprecated (hook API 1.1, removed in 2.0): a PDF report drawn by hand with fpdf2, for plugins
written against ``parvis.api.pdf_document``, ``choose_font`` and ``latin1``.

A document drawn by hand is neither tagged nor accessible. Every report of core and of the
built-in plugins (the follow-up report, the control reports, the Assembly's letters) is a page
printed by ``parvis.api.template_pdf`` (WeasyPrint, tagged PDF/UA); nothing in Parvis uses this
module any more. Names of ``parvis.api`` stay until the next major version (docs/plugins.md,
"Stability"), so these do, and fpdf2 with them.

``pdf_document(site, title, language=...)`` gives an ``FPDF`` with the first usable font of
``[settings.decisions] pdf_fonts`` (a PDF must embed its fonts to show accents and kana; without
any font file the core font is used and ``text`` folds the text to Latin-1), numbered pages
("Page 2/5" in the report's language) and the line wrapping of the language.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parvis.site import Site

# Languages written without spaces between words: lines break between any two characters.
CHARACTER_WRAP = frozenset({"ja", "zh", "ko"})


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


@dataclass(frozen=True, slots=True)
class PdfDocument:
    pdf: Any  # fpdf.FPDF, with automatic page breaks and the font added as ``family``
    family: str  # the font family to ``set_font`` (regular and "B")
    text: Callable[[str], str]  # text as the font can show it (identity, or folded to Latin-1)
    wrap: Any  # fpdf's WrapMode for ``multi_cell(..., wrapmode=wrap)``

    def para(self, value: str, size: float = 10, style: str = "", height: float = 5.2) -> None:
        """A paragraph over the page's width, then the next line."""
        from fpdf.enums import XPos, YPos

        self.pdf.set_font(self.family, style, size)
        self.pdf.multi_cell(
            self.pdf.epw, height, self.text(value), wrapmode=self.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )


def pdf_document(
    site: Site,
    title: str,
    *,
    language: str,
    page_label: str = "{page}",
    fonts: Sequence[str] = (),
    landscape: bool = False,
) -> PdfDocument:
    """A new A4 document whose footer numbers its pages: ``page_label`` is a translated text with
    ``{page}`` (filled with "2/5"); ``fonts`` are tried before the site's ``pdf_fonts``."""
    warnings.warn(
        "parvis.api.pdf_document is deprecated (removed in 2.0): print a page template as a tagged"
        " PDF with parvis.api.template_pdf",
        DeprecationWarning,
        stacklevel=2,
    )
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    font = choose_font((*fonts, *site.settings("decisions").pdf_fonts))

    if font.path:
        family = "report"

        def text(value: str) -> str:
            return value
    else:
        family = "helvetica"

        def text(value: str) -> str:
            return latin1(value)

    class Numbered(FPDF):
        def footer(self) -> None:  # fpdf2's page-footer hook
            self.set_y(-12)
            self.set_font(family, size=8)
            self.set_text_color(90)
            self.cell(0, 6, text(page_label.replace("{page}", f"{self.page_no()}/{{nb}}")), align="C")
            self.set_text_color(0)

    pdf = Numbered(format="A4", orientation="L" if landscape else "P")
    if font.path:
        pdf.add_font(family, "", font.path, collection_font_number=font.index)
        pdf.add_font(family, "B", font.bold_path or font.path, collection_font_number=font.index)
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.set_creator("Parvis")
    pdf.set_auto_page_break(True, margin=18)
    wrap = WrapMode.CHAR if language in CHARACTER_WRAP else WrapMode.WORD
    return PdfDocument(pdf, family, text, wrap)
