"""Who may submit an idea and who may vote: eligibility rules as data, plus the optional
official verification of a resident's residence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Actor, EligibilityRule, Person, _, utcnow
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import Verification, VerificationStatus

if TYPE_CHECKING:
    from parvis.api import Site


def _rule(site: Site, name: str) -> EligibilityRule:
    """The site's rule of that name, else Paris's: residents aged ``min_age`` or more."""
    configured = site.eligibility_rules.get(name)
    if configured is not None:
        return configured
    return EligibilityRule(min_age=site.settings("budget").min_age, residents_only=True)


def submit_rule(site: Site) -> EligibilityRule:
    return _rule(site, site.settings("budget").submit_rule)


def vote_rule(site: Site) -> EligibilityRule:
    return _rule(site, site.settings("budget").vote_rule)


def submit_refusals(site: Site, person: Person | None, today: date) -> list[str]:
    if person is None:
        return [_("Please complete your details first.")]
    return submit_rule(site).failures(person, today)


def vote_refusals(db: Session, site: Site, person: Person | None, today: date) -> list[str]:
    """Why this person may not vote (empty when they may): eligibility, then verification."""
    if person is None:
        return [_("Please complete your details first.")]
    reasons = vote_rule(site).failures(person, today)
    if not reasons and site.settings("budget").verification == "official":
        status = verification_status(db, person.id)
        if status != VerificationStatus.VERIFIED:
            reasons.append(
                _("An official must first confirm that you live in the city.")
                if status != VerificationStatus.REFUSED
                else _("Your residence could not be confirmed. Please contact the City.")
            )
    return reasons


def is_child(site: Site, person: Person, today: date) -> bool:
    age = person.age_on(today)
    return age is not None and age < site.settings("budget").child_anonymity_age


def verification_status(db: Session, person_id: int) -> VerificationStatus | None:
    return db.scalar(select(Verification.status).where(Verification.person_id == person_id))


def request_verification(db: Session, person: Person) -> Verification:
    """Ask officials to confirm one's residence (asking again after a refusal reopens it)."""
    verification = db.get(Verification, person.id)
    if verification is None:
        verification = Verification(person_id=person.id)
        db.add(verification)
    elif verification.status == VerificationStatus.REFUSED:
        verification.status = VerificationStatus.PENDING
        verification.requested_at = utcnow()
    return verification


def decide_verification(db: Session, person_id: int, actor: Actor, *, verified: bool, note: str = "") -> None:
    verification = db.get(Verification, person_id)
    if verification is None:
        raise BudgetRefused(_("This resident has not asked for a verification."))
    verification.status = VerificationStatus.VERIFIED if verified else VerificationStatus.REFUSED
    verification.decided_at = utcnow()
    verification.decided_by_id = actor.account.id if actor.account else None
    verification.note = note


def pending_verifications(db: Session) -> list[tuple[Verification, Person]]:
    rows = db.execute(
        select(Verification, Person)
        .join(Person, Person.id == Verification.person_id)
        .where(Verification.status == VerificationStatus.PENDING)
        .order_by(Verification.requested_at)
    )
    return [(v, p) for v, p in rows]
