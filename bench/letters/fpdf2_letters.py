"""The Assembly's letters as fpdf2 drew them until they became tagged PDFs from HTML (kept only to
compare the two in ``run.py``; not used by Parvis). Same page: heading, date, window address,
subject, text, code in a box, signature, privacy note; the shared text wrapped once."""

from __future__ import annotations

from typing import Any

from parvis.api import choose_font, latin1

FONT = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf")
MONO = ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "/usr/share/fonts/dejavu/DejaVuSansMono.ttf")


def fpdf2_letters(text: Any, addressed: list[Any], language: str) -> bytes:
    """``text``: a ``letters_pdf.LetterText``; ``addressed``: ``letters_pdf.Addressed`` rows."""
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue, XPos, YPos

    font, mono = choose_font(FONT), choose_font(MONO)
    pdf = FPDF(format="A4")
    pdf.set_title(text.title)
    pdf.set_creator("Parvis")
    pdf.set_lang(language)
    pdf.set_auto_page_break(False)
    if font.path:
        pdf.add_font("doc", "", font.path)
        pdf.add_font("doc", "B", font.bold_path or font.path)
        family, show = "doc", str
    else:
        family, show = "helvetica", latin1
    code_family = "mono" if font.path and mono.path else family
    if code_family == "mono":
        pdf.add_font("mono", "", mono.path)
        pdf.add_font("mono", "B", mono.bold_path or mono.path)

    def wrapped(value: str, style: str, size: float) -> list[str]:
        pdf.set_font(family, style, size)
        return pdf.multi_cell(170, 5, show(value), dry_run=True, output=MethodReturnValue.LINES)

    def lines(rows: list[str], style: str, size: float, height: float) -> None:
        pdf.set_font(family, style, size)
        for row in rows:
            pdf.set_x(20)
            pdf.cell(170, height, row, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.add_page()
    subject = wrapped(text.subject, "B", 11)
    body = [wrapped(paragraph, "", 10.5) for paragraph in text.paragraphs]
    privacy = wrapped(text.privacy, "", 8)
    for number, letter in enumerate(addressed):
        if number:
            pdf.add_page()
        pdf.set_font(family, "B", 14)
        pdf.set_xy(20, 18)
        pdf.cell(0, 7, show(text.heading), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(family, "", 9)
        pdf.set_x(20)
        pdf.cell(0, 5, show(text.place_date))
        pdf.set_font(family, "", 11)
        for row, part in enumerate(letter.address):
            pdf.set_xy(110, 48 + 5.5 * row)
            pdf.cell(85, 5.5, show(part))
        pdf.set_xy(20, 95)
        lines(subject, "B", 11, 6)
        pdf.ln(3)
        for paragraph in body:
            lines(paragraph, "", 10.5, 5.4)
            pdf.ln(2)
        pdf.set_font(code_family, "B", 20)
        pdf.set_x(20)
        pdf.cell(170, 14, letter.code, border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
        pdf.set_font(family, "", 10.5)
        pdf.set_x(20)
        pdf.cell(170, 5.4, show(text.signatory), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(262)
        lines(privacy, "", 8, 4)
    return bytes(pdf.output())
