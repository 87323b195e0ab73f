"""Colleges of a body and their seats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.bodies.models import (
    Body,
    College,
    FillMethod,
    Membership,
    Term,
)
from parvis.bodies.services.common import CODE, SEAT_HOLDING, BodyError, _check_rule, _required
from parvis.i18n import _

if TYPE_CHECKING:
    from parvis.site import Site


def seats_taken(db: Session, college: College, term: Term) -> int:
    """Seats of ``college`` held in ``term`` (active and invited members)."""
    return int(
        db.scalar(
            select(func.count()).where(
                Membership.college_id == college.id,
                Membership.term_id == term.id,
                Membership.status.in_(SEAT_HOLDING),
            )
        )
        or 0
    )


def seat_counts(db: Session, body: Body, term: Term | None) -> dict[int, int]:
    """{college id: seats held in ``term``} for every college of the body."""
    counts = dict.fromkeys((c.id for c in body.colleges), 0)
    if term is None:
        return counts
    rows = db.execute(
        select(Membership.college_id, func.count())
        .where(
            Membership.term_id == term.id,
            Membership.college_id.is_not(None),
            Membership.status.in_(SEAT_HOLDING),
        )
        .group_by(Membership.college_id)
    )
    counts.update({college_id: int(n) for college_id, n in rows if college_id is not None})
    return counts


def _check_college(
    db: Session,
    site: Site,
    body: Body,
    *,
    code: str,
    name: str,
    seats: int,
    fill_method: FillMethod | str,
    eligibility: str | None,
    college_id: int | None,
) -> tuple[str, str, FillMethod, str | None]:
    code = (code or "").strip().lower()
    if not CODE.match(code):
        raise BodyError(
            _("Use 1 to 32 lower-case letters, digits, hyphens or underscores."),
            "code",
        )
    name = _required(name, "name")
    if seats is None or seats < 0:
        raise BodyError(_("Enter a number of at least {minimum}.").format(minimum=0), "seats")
    try:
        method = FillMethod(fill_method)
    except ValueError:
        raise BodyError(_("Choose among the options shown."), "fill_method") from None
    clash = db.scalar(
        select(College.id).where(
            College.body_id == body.id, College.code == code, College.id != (college_id or -1)
        )
    )
    if clash:
        raise BodyError(_("This body already has a college with this code."), "code")
    return code, name, method, _check_rule(site, eligibility, "eligibility")


def add_college(
    db: Session,
    site: Site,
    body: Body,
    *,
    code: str,
    name: str,
    seats: int,
    fill_method: FillMethod | str,
    eligibility: str | None = None,
) -> College:
    code, name, method, rule = _check_college(
        db,
        site,
        body,
        code=code,
        name=name,
        seats=seats,
        fill_method=fill_method,
        eligibility=eligibility,
        college_id=None,
    )
    college = College(body=body, code=code, name=name, seats=seats, fill_method=method, eligibility=rule)
    db.add(college)
    db.flush()
    return college


def update_college(
    db: Session,
    site: Site,
    college: College,
    *,
    code: str,
    name: str,
    seats: int,
    fill_method: FillMethod | str,
    eligibility: str | None = None,
) -> College:
    """Change a college; fewer seats than some term already fills is refused."""
    body = college.body
    unchanged_rule = eligibility == college.eligibility  # keeps a rule the configuration lost
    code, name, method, rule = _check_college(
        db,
        site,
        body,
        code=code,
        name=name,
        seats=seats,
        fill_method=fill_method,
        eligibility=None if unchanged_rule else eligibility,
        college_id=college.id,
    )
    if unchanged_rule:
        rule = college.eligibility
    for term in body.terms:
        taken = seats_taken(db, college, term)
        if taken > seats:
            raise BodyError(
                _("{count} seats are already filled for the term {term}. Remove members first.").format(
                    count=taken, term=term.label
                ),
                "seats",
            )
    college.code, college.name, college.seats = code, name, seats
    college.fill_method, college.eligibility = method, rule
    db.flush()
    return college


def delete_college(db: Session, college: College) -> None:
    if db.scalar(select(func.count()).where(Membership.college_id == college.id)):
        raise BodyError(_("This college has members. Remove them or move them to another college first."))
    db.delete(college)
    db.flush()
