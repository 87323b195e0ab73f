"""The public questionnaire: a pre-drawn resident's code, their answers, once.

A code is claimed by a conditional UPDATE (``code_used_at IS NULL``) in the same transaction as
the answer's INSERT, and an answer's invitee is unique: two submissions with one code, even at
the same instant, leave exactly one answer.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from parvis.api import _, rows_affected, utcnow
from parvis.plugins.assembly.models import (
    AssemblyDraw,
    AssemblyInvitee,
    AssemblyPromotion,
    AssemblyResponse,
    DrawKind,
)
from parvis.plugins.assembly.services import codes
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.services.letters import deadline_of
from parvis.plugins.assembly.services.places import neighbourhood_qpop

if TYPE_CHECKING:
    from parvis.api import Site


@dataclass(frozen=True, slots=True)
class Answers:
    resident: bool
    gender: str
    district: str
    availability: str
    consent: bool
    age_band: str | None = None
    education: str | None = None
    neighbourhood: str | None = None
    guardian_agreement: bool | None = None
    contact: str | None = None


def new_pool_id() -> str:
    """A random pseudonym for the published pool (48 bits; unique in the database)."""
    return secrets.token_hex(6)


def find_invitee(db: Session, site: Site, text: str) -> AssemblyInvitee:
    """The invitee a typed code belongs to, if it may still answer; else AssemblyError."""
    code = codes.normalise(text)
    invitee = (
        db.scalar(select(AssemblyInvitee).where(AssemblyInvitee.code_hash == codes.digest(code)))
        if code
        else None
    )
    if invitee is None:
        raise AssemblyError(_("This code is not valid. Check it against your letter."), "code")
    if invitee.code_used_at is not None:
        raise AssemblyError(_("This code has already been used: the answers were received."), "code")
    reason = closed_reason(db, site, invitee)
    if reason:
        raise AssemblyError(reason, "code")
    return invitee


def open_until(db: Session, site: Site) -> date | None:
    """The last day a letter's code may still be used, if a questionnaire (or the young
    people's information form) of some promotion is open today; None when all are closed."""
    from parvis.plugins.assembly.services import common
    from parvis.plugins.assembly.settings import ROLL, YOUNG

    body = common.find_body(db, site)
    if body is None:
        return None
    today = site.today()
    latest: date | None = None
    for promotion in common.promotions(db, body):
        for college in body.colleges:
            deadline = deadline_of(promotion, college) if college.code in (ROLL, YOUNG) else None
            if deadline is None or today > deadline or _prepared(db, promotion.id, college.id):
                continue
            latest = deadline if latest is None else max(latest, deadline)
    return latest


def _prepared(db: Session, promotion_id: int, college_id: int) -> bool:
    """Whether the college's draw (after the pre-draw) is prepared: no more answers then."""
    found = db.scalar(
        select(AssemblyDraw.id).where(
            AssemblyDraw.promotion_id == promotion_id,
            AssemblyDraw.college_id == college_id,
            AssemblyDraw.kind != DrawKind.PREDRAW,
        )
    )
    return found is not None


def closed_reason(db: Session, site: Site, invitee: AssemblyInvitee) -> str | None:
    promotion = db.get(AssemblyPromotion, invitee.promotion_id)
    assert promotion is not None
    deadline = deadline_of(promotion, invitee.college)
    if deadline is not None and site.today() > deadline:
        return _("The questionnaire closed on {date}.").format(date=deadline.isoformat())
    frozen = db.scalar(
        select(AssemblyDraw.id).where(
            AssemblyDraw.promotion_id == invitee.promotion_id,
            AssemblyDraw.college_id == invitee.college_id,
            AssemblyDraw.kind != DrawKind.PREDRAW,
        )
    )
    if frozen:
        return _("The questionnaire is closed: the draw has been prepared.")
    return None


def submit(db: Session, site: Site, code_text: str, answers: Answers, *, locale: str) -> AssemblyResponse:
    """Record the answers and use up the code (the caller commits)."""
    invitee = find_invitee(db, site, code_text)
    if not answers.consent:
        raise AssemblyError(_("This box must be ticked to continue."), "consent")
    hood = site.config.neighbourhood(answers.neighbourhood or "")
    if hood is not None and hood.district != answers.district:
        raise AssemblyError(
            _("This {site.neighbourhood} is not in the {site.district} chosen."), "neighbourhood"
        )
    claimed = db.execute(
        update(AssemblyInvitee)
        .where(AssemblyInvitee.id == invitee.id, AssemblyInvitee.code_used_at.is_(None))
        .values(code_used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if rows_affected(claimed) != 1:
        raise AssemblyError(_("This code has already been used: the answers were received."), "code")
    response = AssemblyResponse(
        promotion_id=invitee.promotion_id,
        college_id=invitee.college_id,
        invitee_id=invitee.id,
        pool_id=new_pool_id(),
        locale=locale,
        resident=answers.resident,
        age_band=answers.age_band,
        gender=answers.gender,
        education=answers.education,
        district=answers.district,
        neighbourhood=answers.neighbourhood or None,
        qpop=neighbourhood_qpop(site, answers.neighbourhood),
        availability=answers.availability,
        consent=True,
        guardian_agreement=answers.guardian_agreement,
        contact=(answers.contact or "").strip()[:254] or None,
    )
    db.add(response)
    db.flush()
    db.expire(invitee)
    return response
