"""Members of a body for a term: eligibility, seats, roles; searching people."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, joinedload

from parvis.bodies.kinds import RESERVED_ROLES, kind_of
from parvis.bodies.models import (
    Body,
    College,
    Membership,
    MembershipStatus,
    Term,
)
from parvis.bodies.services.colleges import seats_taken
from parvis.bodies.services.common import SEAT_HOLDING, BodyError
from parvis.formatting import format_date
from parvis.i18n import _
from parvis.identity import Person

if TYPE_CHECKING:
    from parvis.site import Site


def eligibility_failures(
    site: Site, body: Body, person: Person, college: College | None, on: date
) -> list[str]:
    """Why ``person`` may not sit in ``body`` (and ``college``) on ``on``: the failed conditions.

    A rule named but missing from the configuration refuses everyone (a clear message rather than
    letting anyone in by mistake).
    """
    reasons: list[str] = []
    for rule_name in (body.eligibility, college.eligibility if college else None):
        if not rule_name:
            continue
        rule = site.eligibility_rules.get(rule_name)
        if rule is None:
            missing = _("There is no eligibility rule named {name} in the site configuration.")
            reasons.append(missing.format(name=rule_name))
            continue
        reasons.extend(r for r in rule.failures(person, on) if r not in reasons)
    return reasons


def _check_membership(
    db: Session,
    site: Site,
    body: Body,
    term: Term,
    person: Person,
    *,
    role: str,
    college: College | None,
    status: MembershipStatus,
    starts_on: date | None,
    ends_on: date | None,
    membership: Membership | None,
) -> None:
    if term.body_id != body.id:
        raise BodyError(_("Choose among the options shown."), "term")
    if college is not None and college.body_id != body.id:
        raise BodyError(_("Choose among the options shown."), "college")
    roles = {code for code, _label in kind_of(site, body.kind).role_choices()}
    if role in RESERVED_ROLES or role not in roles:
        raise BodyError(_("Choose among the options shown."), "role")
    if starts_on and ends_on and ends_on < starts_on:
        raise BodyError(_("The end date must be after the start date."), "ends_on")
    duplicate = db.scalar(
        select(Membership.id).where(
            Membership.term_id == term.id,
            Membership.person_id == person.id,
            Membership.id != (membership.id if membership else -1),
        )
    )
    if duplicate:
        raise BodyError(
            _("{name} is already a member for the term {term}.").format(
                name=person.full_name, term=term.label
            ),
            "person",
        )
    takes_seat = college is not None and status in SEAT_HOLDING
    already_holds = (
        membership is not None
        and membership.college_id == (college.id if college else None)
        and membership.term_id == term.id
        and membership.status in SEAT_HOLDING
    )
    if takes_seat and not already_holds:
        assert college is not None
        # Lock the college row so two officials cannot both take its last seat (PostgreSQL);
        # SQLite writers are already serialised by BEGIN IMMEDIATE.
        db.execute(select(College.id).where(College.id == college.id).with_for_update())
        if seats_taken(db, college, term) >= college.seats:
            raise BodyError(
                _("All {seats} seats of {college} are filled for the term {term}.").format(
                    seats=college.seats, college=college.name, term=term.label
                ),
                "college",
            )
    changed_rules = membership is None or membership.college_id != (college.id if college else None)
    if changed_rules:
        failures = eligibility_failures(site, body, person, college, term.starts_on)
        if failures:
            raise BodyError(
                _("{name} does not meet the conditions to sit on {date}: {reasons}").format(
                    name=person.full_name,
                    date=format_date(term.starts_on),
                    reasons=" ".join(failures),
                ),
                "person",
                failures,
            )


def add_member(
    db: Session,
    site: Site,
    body: Body,
    term: Term,
    person: Person,
    *,
    role: str = "member",
    college: College | None = None,
    status: MembershipStatus | str = MembershipStatus.ACTIVE,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Membership:
    """Seat ``person`` for ``term``; refused beyond the college's seats or when a rule is not met.

    Eligibility (the body's rule and the college's) is checked on the term's start date.
    """
    status = MembershipStatus(status)
    _check_membership(
        db,
        site,
        body,
        term,
        person,
        role=role,
        college=college,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        membership=None,
    )
    membership = Membership(
        body_id=body.id,
        term=term,
        person=person,
        college=college,
        role=role,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    db.add(membership)
    db.flush()
    return membership


def update_member(
    db: Session,
    site: Site,
    membership: Membership,
    *,
    role: str,
    college: College | None,
    status: MembershipStatus | str,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Membership:
    """Change a membership's role, college, status or dates, with the same checks as ``add_member``."""
    status = MembershipStatus(status)
    body = db.get(Body, membership.body_id)
    assert body is not None
    _check_membership(
        db,
        site,
        body,
        membership.term,
        membership.person,
        role=role,
        college=college,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        membership=membership,
    )
    membership.role = role
    membership.college = college
    membership.status = status
    membership.starts_on, membership.ends_on = starts_on, ends_on
    db.flush()
    return membership


def remove_member(db: Session, membership: Membership) -> None:
    """Delete a membership (to keep the history, set its status to "left" instead)."""
    db.delete(membership)
    db.flush()


def members(
    db: Session,
    body: Body,
    term: Term | None = None,
    statuses: Iterable[MembershipStatus] | None = None,
) -> list[Membership]:
    """A body's memberships (of one term, with some statuses), people and colleges loaded, by name."""
    query = (
        select(Membership)
        .join(Person, Person.id == Membership.person_id)
        .options(joinedload(Membership.person), joinedload(Membership.college), joinedload(Membership.term))
        .where(Membership.body_id == body.id)
        .order_by(Person.family_name, Person.given_name, Person.id)
    )
    if term is not None:
        query = query.where(Membership.term_id == term.id)
    if statuses is not None:
        query = query.where(Membership.status.in_(list(statuses)))
    return list(db.scalars(query).unique())


def search_people(db: Session, text: str, limit: int = 20) -> list[Person]:
    """People whose names or e-mail address contain every word of ``text`` (case-insensitive)."""
    words = [w for w in (text or "").split() if w][:5]
    if not words:
        return []
    conditions = []
    for word in words:
        pattern = "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                func.lower(Person.given_name).like(pattern, escape="\\"),
                func.lower(Person.family_name).like(pattern, escape="\\"),
                func.lower(Person.email).like(pattern, escape="\\"),
            )
        )
    query = select(Person).where(and_(*conditions)).order_by(Person.family_name, Person.given_name)
    return list(db.scalars(query.limit(limit)))
