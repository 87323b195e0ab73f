"""The register of referrals: topics the Mayor refers to a council and those it takes up itself,
each with where it stands and, once there is one, the output that answers it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.councils import lifecycle
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import Referral, ReferralOrigin
from parvis.decisions.models import Decision
from parvis.i18n import _
from parvis.workflows import site_of_session

if TYPE_CHECKING:
    from parvis.auth import Actor


def referrals(db: Session, body: Body, *, year: int | None = None) -> list[Referral]:
    """A body's referrals, the latest received first (those received in ``year`` if given)."""
    query = select(Referral).where(Referral.body_id == body.id)
    if year is not None:
        query = query.where(extract("year", Referral.received_on) == year)
    return list(db.scalars(query.order_by(Referral.received_on.desc(), Referral.id.desc())))


def add_referral(
    db: Session,
    body: Body,
    *,
    origin: ReferralOrigin | str,
    title: str,
    received_on: date,
    description: str = "",
) -> Referral:
    title = (title or "").strip()
    if not title:
        raise CouncilRefused(_("This field is required."), "title", status_code=400)
    try:
        origin = ReferralOrigin(origin)
    except ValueError:
        raise CouncilRefused(_("Choose among the options shown."), "origin", status_code=400) from None
    referral = Referral(
        body_id=body.id,
        origin=origin,
        title=title[:300],
        description=(description or "").strip(),
        received_on=received_on,
        status=lifecycle.initial(db, lifecycle.REFERRAL),
    )
    db.add(referral)
    db.flush()
    return referral


def update_referral(
    db: Session,
    referral: Referral,
    *,
    status: str,
    decision: Decision | None = None,
    actor: Actor | None = None,
) -> Referral:
    """Change where a referral stands (its workflow's move to ``status``, by ``actor``; None: the
    route checked the official); the answering output must be one of the same body."""
    if status not in lifecycle.state_labels(site_of_session(db), lifecycle.REFERRAL):
        raise CouncilRefused(_("Choose among the options shown."), "status", status_code=400)
    if decision is not None and decision.body_id != referral.body_id:
        raise CouncilRefused(_("Choose among the options shown."), "decision", status_code=400)
    if status != str(referral.status):
        lifecycle.advance(db, lifecycle.REFERRAL, referral, status, actor)
    referral.decision_id = decision.id if decision else None
    db.flush()
    return referral
