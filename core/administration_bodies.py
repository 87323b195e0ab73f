"""Per-body roles: a body's official or facilitator is a grant; "member" is a seat in the body's
running term, given and ended with the bodies' own rules (eligibility, duplicates, history kept)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.administration_roles import BODY_ROLES, body_roles
from parvis.bodies import services as bodies
from parvis.bodies.models import Body, Membership, MembershipStatus, Term
from parvis.i18n import _
from parvis.identity import Account, RoleGrant
from parvis.permissions import MEMBER
from parvis.refusals import Invalid, Refused

if TYPE_CHECKING:
    from parvis.site import Site


def _check_body_role(role: str) -> str:
    if role not in BODY_ROLES:
        raise Invalid(_("Choose among the options shown."), "role")
    return role


def _running_term(db: Session, site: Site, body: Body) -> Term:
    terms = bodies.current_terms(db, body, site.today())
    if not terms:
        raise Refused(
            _("{body} has no term running today: add one in the body's back office first.").format(
                body=body.name
            ),
            "body",
        )
    return terms[-1]


def _refused(error: bodies.BodyError) -> Refused:
    """A refusal of the bodies' rules (eligibility, seats), shown above the form with its reasons."""
    return Refused(error.message, None, error.details or None)


def grant_body_role(
    db: Session, site: Site, account: Account, body: Body, role: str, *, by: Account | None
) -> RoleGrant | Membership:
    """A grant for a body; for "member", a seat in the body's running term (its rules apply)."""
    role = _check_body_role(role)
    if role != MEMBER:
        exists = db.scalar(
            select(RoleGrant.id).where(
                RoleGrant.account_id == account.id, RoleGrant.role == role, RoleGrant.body_id == body.id
            )
        )
        if exists:
            raise Refused(_("{name} already has this role.").format(name=account.display_name))
        grant = RoleGrant(
            account_id=account.id, role=role, body_id=body.id, granted_by_id=by.id if by else None
        )
        db.add(grant)
        db.flush()
        return grant
    if account.person is None:
        raise Refused(_("This account has no person details, so it cannot sit in a body."))
    term = _running_term(db, site, body)
    existing = db.scalar(
        select(Membership).where(Membership.term_id == term.id, Membership.person_id == account.person.id)
    )
    try:
        if existing is None:
            return bodies.add_member(db, site, body, term, account.person, role=MEMBER)
        if existing.status == MembershipStatus.ACTIVE:
            raise Refused(
                _("{name} is already a member for the term {term}.").format(
                    name=account.display_name, term=term.label
                )
            )
        return bodies.update_member(
            db,
            site,
            existing,
            role=existing.role,
            college=existing.college,
            status=MembershipStatus.ACTIVE,
            starts_on=existing.starts_on,
            ends_on=None,
        )
    except bodies.BodyError as error:
        raise _refused(error) from None


def revoke_body_role(db: Session, site: Site, account: Account, body: Body, role: str) -> Membership | None:
    """Remove a per-body grant; for "member", end its memberships of running and coming terms
    (status "left", kept for history; returns the last)."""
    role = _check_body_role(role)
    if role != MEMBER:
        grant = db.scalar(
            select(RoleGrant).where(
                RoleGrant.account_id == account.id, RoleGrant.role == role, RoleGrant.body_id == body.id
            )
        )
        if grant is None:
            raise Refused(_("{name} does not have this role.").format(name=account.display_name))
        db.delete(grant)
        db.flush()
        return None
    memberships = [
        r.membership for r in body_roles(db, site, account) if r.membership and r.body.id == body.id
    ]
    if not memberships:
        raise Refused(_("{name} does not have this role.").format(name=account.display_name))
    for membership in memberships:
        assert membership is not None
        membership.status = MembershipStatus.LEFT
        membership.ends_on = site.today()
    db.flush()
    return memberships[-1]
