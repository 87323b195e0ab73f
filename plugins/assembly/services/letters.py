"""Letters to pre-drawn residents: a response code each, a mail-merge CSV and tagged PDF letters
(``letters_pdf``).

Codes are created *in the same step* as the letters and only their hashes are stored, so the
ZIP returned here is the only place the codes exist: hand it to the print shop, keep no copy.
If it is lost, ``reissue`` gives new codes to everyone who has not answered yet (the old codes
stop working). Letters are in the site's letter language (French for Paris).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import Actor, _, csv_text, utcnow
from parvis.api.bodies import College
from parvis.plugins.assembly.models import AssemblyInvitee, AssemblyPromotion
from parvis.plugins.assembly.services import codes, letters_pdf
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
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
    made = prepare(db, site, promotion, college, reissue=reissue)
    record(db, promotion, made)
    return made


def prepare(
    db: Session, site: Site, promotion: AssemblyPromotion, college: College, *, reissue: bool = False
) -> list[Letter]:
    """Who gets a letter and their new codes, read only: ``record`` stores the codes' hashes. The
    letters' job prints between the two, so that on SQLite (where the first write holds the only
    write lock until the job ends) its progress can still be written while it prints."""
    length = settings_of(site).code_length
    invitees = _invitees(db, promotion, college, reissue=reissue)
    if not invitees:
        raise AssemblyError(_("Every invited person already has a letter."))
    letters: list[Letter] = []
    seen: set[str] = set()
    for invitee in invitees:
        code = codes.new_code(length)
        while code in seen:  # 80 random bits: never in practice, but cheap to rule out
            code = codes.new_code(length)
        seen.add(code)
        letters.append(Letter(invitee, code))
    return letters


def record(db: Session, promotion: AssemblyPromotion, letters: Sequence[Letter]) -> None:
    """Store the prepared letters' code hashes as a new batch (the old codes stop working)."""
    batch = (
        db.scalar(
            select(func.max(AssemblyInvitee.letter_batch)).where(AssemblyInvitee.promotion_id == promotion.id)
        )
        or 0
    ) + 1
    now = utcnow()
    for letter in letters:
        letter.invitee.code_hash = codes.digest(letter.code)
        letter.invitee.letter_batch = batch
        letter.invitee.letter_at = now
    db.flush()


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


def bundle(
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    letters: Sequence[Letter],
    *,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """letters.csv and the letters' PDF files (``letters_pdf.pdf_files``) in one ZIP: the only copy
    of the codes. ``progress`` gets the number of letters printed so far."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("letters.csv", csv_bytes(site, promotion, college, letters))
        for name, content in letters_pdf.pdf_files(site, promotion, college, letters, progress=progress):
            archive.writestr(name, content)
    return buffer.getvalue()


def bundle_name(promotion: AssemblyPromotion, college: College, batch: int | None) -> str:
    return f"assembly-{promotion.label}-{college.code}-letters-{batch or 1}.zip"
