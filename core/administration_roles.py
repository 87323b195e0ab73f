"""The roles an administrator grants (site-wide and per body), their labels, and the roles an
account holds: site roles, district roles, per-body grants and memberships."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.kinds import kind_of
from parvis.bodies.models import Body, Membership, MembershipStatus, Term
from parvis.i18n import N_, _
from parvis.identity import Account, RoleGrant
from parvis.permissions import ADMIN, FACILITATOR, MEMBER, MODERATOR, OFFICIAL

if TYPE_CHECKING:
    from parvis.site import Site

# Roles an administrator grants site-wide, and per body.
SITE_ROLES = {OFFICIAL: N_("City official"), MODERATOR: N_("Moderator"), ADMIN: N_("Administrator")}
BODY_ROLES = {MEMBER: N_("Member"), FACILITATOR: N_("Facilitator"), OFFICIAL: N_("Body official")}


def site_role_label(role: str) -> str:
    return _(SITE_ROLES[role]) if role in SITE_ROLES else role


def body_role_label(role: str) -> str:
    return _(BODY_ROLES[role]) if role in BODY_ROLES else role


@dataclass(frozen=True, slots=True)
class BodyRole:
    """One per-body role of an account: a grant, or a membership (with its term)."""

    body: Body
    role: str
    label: str
    membership: Membership | None = None

    @property
    def term(self) -> Term | None:
        return self.membership.term if self.membership is not None else None


def site_roles(db: Session, account: Account) -> set[str]:
    return set(
        db.scalars(
            select(RoleGrant.role).where(
                RoleGrant.account_id == account.id, RoleGrant.body_id.is_(None), RoleGrant.district.is_(None)
            )
        )
    )


def district_roles(db: Session, account: Account) -> dict[str, set[str]]:
    """The account's roles granted in districts: {role: {district code, ...}}."""
    found: dict[str, set[str]] = {}
    for role, district in db.execute(
        select(RoleGrant.role, RoleGrant.district).where(
            RoleGrant.account_id == account.id, RoleGrant.district.is_not(None)
        )
    ):
        if district is not None:
            found.setdefault(role, set()).add(district)
    return found


def body_roles(db: Session, site: Site, account: Account) -> list[BodyRole]:
    """The account's per-body grants, and its person's active memberships of running and coming terms."""
    found: list[BodyRole] = [
        BodyRole(body, role, body_role_label(role))
        for role, body in db.execute(
            select(RoleGrant.role, Body)
            .join(Body, Body.id == RoleGrant.body_id)
            .where(RoleGrant.account_id == account.id)
            .order_by(Body.name, RoleGrant.role)
        )
    ]
    if account.person_id is not None:
        today = site.today()
        for membership in db.scalars(
            select(Membership)
            .join(Term, Term.id == Membership.term_id)
            .where(
                Membership.person_id == account.person_id,
                Membership.status == MembershipStatus.ACTIVE,
                Term.ends_on >= today,
            )
            .order_by(Term.starts_on)
        ):
            body = db.get(Body, membership.body_id)
            assert body is not None
            label = kind_of(site, body.kind).role_label(membership.role)
            found.append(BodyRole(body, MEMBER, label, membership))
    return sorted(found, key=lambda r: (r.body.name.lower(), r.role))  # stable: terms stay in order
