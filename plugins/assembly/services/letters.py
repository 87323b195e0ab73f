"""Letters to pre-drawn residents: a response code each, a mail-merge CSV and printable PDF letters.

Codes are created *in the same step* as the letters and only their hashes are stored, so the
ZIP returned here is the only place the codes exist: hand it to the print shop, keep no copy.
If it is lost, ``reissue`` gives new codes to everyone who has not answered yet (the old codes
stop working). Letters are in the site's letter language (French for Paris).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import Actor, _, csv_text, format_date, use_locale, utcnow
from parvis.api.bodies import College
from parvis.plugins.assembly.models import AssemblyInvitee, AssemblyPromotion, DrawStatus
from parvis.plugins.assembly.services import codes
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.services.imports import predraw_of
from parvis.plugins.assembly.services.pdf import new_document
from parvis.plugins.assembly.settings import YOUNG

if TYPE_CHECKING:
    from parvis.api import Site

CSV_COLUMNS = [
    "reference",
    "given_name",
    "family_name",
    "address",
    "postcode",
    "city",
    "email",
    "code",
    "url",
    "deadline",
]


@dataclass(frozen=True, slots=True)
class Letter:
    invitee: AssemblyInvitee
    code: str  # plain, never stored


def _invitees(
    db: Session, promotion: AssemblyPromotion, college: College, *, reissue: bool
) -> list[AssemblyInvitee]:
    query = select(AssemblyInvitee).where(
        AssemblyInvitee.promotion_id == promotion.id,
        AssemblyInvitee.college_id == college.id,
        AssemblyInvitee.code_used_at.is_(None),
    )
    if not reissue:
        query = query.where(AssemblyInvitee.code_hash.is_(None))
    return list(db.scalars(query.order_by(AssemblyInvitee.rank)))


def issue(
    db: Session,
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    *,
    actor: Actor | None,
    reissue: bool = False,
) -> list[Letter]:
    """Codes for every invitee without one (``reissue``: for everyone who has not answered)."""
    predraw = predraw_of(db, promotion, college)
    if predraw is None or predraw.status != DrawStatus.PUBLISHED:  # the pre-draw's page vouches for them
        raise AssemblyError(_("Letters go out only from a published pre-draw."))
    length = settings_of(site).code_length
    invitees = _invitees(db, promotion, college, reissue=reissue)
    if not invitees:
        raise AssemblyError(_("Every invited person already has a letter."))
    batch = (
        db.scalar(
            select(func.max(AssemblyInvitee.letter_batch)).where(AssemblyInvitee.promotion_id == promotion.id)
        )
        or 0
    ) + 1
    now = utcnow()
    letters: list[Letter] = []
    seen: set[str] = set()
    for invitee in invitees:
        code = codes.new_code(length)
        while code in seen:  # 80 random bits: never in practice, but cheap to rule out
            code = codes.new_code(length)
        seen.add(code)
        invitee.code_hash = codes.digest(code)
        invitee.letter_batch = batch
        invitee.letter_at = now
        letters.append(Letter(invitee, code))
    db.flush()
    return letters


def deadline_of(promotion: AssemblyPromotion, college: College) -> date | None:
    return promotion.young_form_closes_on if college.code == YOUNG else promotion.questionnaire_closes_on


def questionnaire_url(site: Site) -> str:
    settings = settings_of(site)
    return f"{settings.public_base_url.rstrip('/')}/{settings.letters_locale}/assembly/questionnaire"


def csv_bytes(site: Site, promotion: AssemblyPromotion, college: College, letters: Sequence[Letter]) -> bytes:
    """The mail-merge file (UTF-8 with BOM so spreadsheets read the accents); names and addresses
    come from an imported roll, so formulas in them are neutralised like any export's."""
    url = questionnaire_url(site)
    deadline = deadline_of(promotion, college)
    rows = (
        [
            letter.invitee.source_id,
            letter.invitee.given_name,
            letter.invitee.family_name,
            letter.invitee.address,
            letter.invitee.postcode,
            letter.invitee.city,
            letter.invitee.email,
            codes.display(letter.code),
            url,
            deadline,
        ]
        for letter in letters
    )
    return ("\ufeff" + csv_text(CSV_COLUMNS, rows)).encode("utf-8")


def pdf_bytes(site: Site, promotion: AssemblyPromotion, college: College, letters: Sequence[Letter]) -> bytes:
    """One A4 page per letter, the address placed for a window envelope (DL, right-hand window)."""
    from fpdf.enums import MethodReturnValue, XPos, YPos

    settings = settings_of(site)
    city = site.config.site.city
    with use_locale(settings.letters_locale):
        doc = new_document(site, _("Citizens' Assembly: your invitation"))
        pdf, text = doc.pdf, doc.text
        pdf.set_auto_page_break(False)
        pdf.set_lang(settings.letters_locale)
        url = questionnaire_url(site)
        deadline = deadline_of(promotion, college)
        today = format_date(site.today())
        heading = _("Citizens' Assembly {site.city:of}")
        subject = _("Subject: you have been drawn by lot to join the Citizens' Assembly")
        young = college.code == YOUNG
        paragraphs = [
            _("Dear Sir or Madam,"),
            (
                _(
                    "You are among the {count} young Citizen Card holders drawn by lot to join the "
                    "{promotion} promotion of the Citizens' Assembly, which gives five seats to "
                    "people aged 16 and 17."
                )
                if young
                else _(
                    "You are among the {count} residents drawn by lot from the electoral roll to join "
                    "the {promotion} promotion of the Citizens' Assembly: 100 residents who meet "
                    "several times a year to deliberate and make recommendations to {site.council:the}."
                )
            ).format(
                count=_number(len(letters) if young else settings.predraw_size), promotion=promotion.label
            ),
            _(
                "If you are interested, answer a short questionnaire before {date}. The members are "
                "then drawn by lot among those who answered, so that the Assembly resembles the city. "
                "Each half-day of work is compensated."
            ).format(date=format_date(deadline) if deadline else "—"),
            _("Go to {url} and enter this personal code (it works only once):").format(url=url),
        ]
        privacy = _(
            "Your answers are used only to organise the draw. They are deleted after the draw unless "
            "you are selected. Questions: {email}."
        ).format(email=site.config.site.contact_email or "-")

        # Wrapping text is most of fpdf2's work: wrap the text shared by every letter once, then
        # write its lines on each page (10,000 letters in well under a minute instead of minutes).
        def wrapped(value: str, style: str, size: float, width: float = 170) -> list[str]:
            pdf.set_font(doc.family, style, size)
            return pdf.multi_cell(width, 5, text(value), dry_run=True, output=MethodReturnValue.LINES)

        pdf.add_page()  # wrapping needs a page; the first letter uses it
        subject_lines = wrapped(subject, "B", 11)
        body_lines = [wrapped(paragraph, "", 10.5) for paragraph in paragraphs]
        privacy_lines = wrapped(privacy, "", 8)

        def lines(rows: list[str], style: str, size: float, height: float, align: str = "L") -> None:
            pdf.set_font(doc.family, style, size)
            for row in rows:
                pdf.set_x(20)
                pdf.cell(170, height, row, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        for number, letter in enumerate(letters):
            person = letter.invitee
            if number:
                pdf.add_page()
            pdf.set_font(doc.family, "B", 14)
            pdf.set_xy(20, 18)
            pdf.cell(0, 7, text(heading), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_font(doc.family, "", 9)
            pdf.set_x(20)
            pdf.cell(0, 5, text(f"{city}, {today}"))
            pdf.set_font(doc.family, "", 11)
            y = 48.0
            for part in (person.full_name, person.address, f"{person.postcode} {person.city}".strip()):
                if part:
                    pdf.set_xy(110, y)
                    pdf.cell(85, 5.5, text(part[:60]))
                    y += 5.5
            pdf.set_xy(20, 95)
            lines(subject_lines, "B", 11, 6)
            pdf.ln(3)
            for paragraph in body_lines:
                lines(paragraph, "", 10.5, 5.4)
                pdf.ln(2)
            pdf.set_font(doc.mono, "B", 20)
            pdf.set_x(20)
            pdf.cell(
                170, 14, codes.display(letter.code), border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(4)
            pdf.set_font(doc.family, "", 10.5)
            pdf.set_x(20)
            pdf.cell(
                170,
                5.4,
                text(settings.letter_signatory or _("{site.mayor:The} {site.city:of}")),
                align="R",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            pdf.set_y(262)
            lines(privacy_lines, "", 8, 4)
        return bytes(pdf.output())


def _number(value: int) -> str:
    from parvis.api import format_number

    return format_number(value)


def bundle(site: Site, promotion: AssemblyPromotion, college: College, letters: Sequence[Letter]) -> bytes:
    """letters.csv and letters.pdf in one ZIP: the only copy of the codes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("letters.csv", csv_bytes(site, promotion, college, letters))
        archive.writestr("letters.pdf", pdf_bytes(site, promotion, college, letters))
    return buffer.getvalue()


def bundle_name(promotion: AssemblyPromotion, college: College, batch: int | None) -> str:
    return f"assembly-{promotion.label}-{college.code}-letters-{batch or 1}.zip"
