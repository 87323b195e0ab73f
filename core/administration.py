"""Account administration: finding accounts, granting and revoking roles, disabling accounts.

Site roles (official, admin) and per-body grants (a body's official or facilitator) are
``RoleGrant`` rows. Membership of a body is not a grant: it is a seat in one of the body's terms
(``parvis.bodies``), so granting "member" seats the person in the body's running term with the
same rules as the bodies' back office (eligibility, duplicates), and revoking it ends that
membership (status "left", the history kept).

The site always keeps one active administrator: revoking the last one's role or disabling them is
refused. Administrators' grants are locked first (PostgreSQL), so two administrators removing each
other at once cannot both succeed.

Nothing here writes the audit log: the caller records the change (a route with
``audit.record_request``, the command line with ``audit.record(..., by=...)``).

This module holds the site and district roles, the last-administrator rule and disabling accounts;
the search is in parvis.administration_search, the roles' labels and what an account holds in
parvis.administration_roles, per-body roles in parvis.administration_bodies (all re-exported here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.administration_bodies import grant_body_role, revoke_body_role
from parvis.administration_roles import (
    BODY_ROLES,
    SITE_ROLES,
    BodyRole,
    body_role_label,
    body_roles,
    district_roles,
    site_role_label,
    site_roles,
)
from parvis.administration_search import Filters, body_choices, search_query
from parvis.auth import AuthSession
from parvis.i18n import _
from parvis.identity import Account, RoleGrant
from parvis.permissions import ADMIN, MODERATOR, OFFICIAL
from parvis.refusals import Invalid, Refused

if TYPE_CHECKING:
    from parvis.site import Site

__all__ = [
    "BODY_ROLES",
    "DISTRICT_ROLES",
    "SITE_ROLES",
    "BodyRole",
    "Filters",
    "body_choices",
    "body_role_label",
    "body_roles",
    "disable_account",
    "district_roles",
    "enable_account",
    "grant_body_role",
    "grant_district_roles",
    "grant_site_role",
    "revoke_body_role",
    "revoke_district_roles",
    "revoke_site_role",
    "search_query",
    "site_role_label",
    "site_roles",
]


# ---------------------------------------------------------------------------
# The last administrator
# ---------------------------------------------------------------------------


def _active_admins(db: Session) -> set[int]:
    """Ids of active accounts holding the site's admin role, after locking every admin grant."""
    db.execute(
        select(RoleGrant.id).where(RoleGrant.role == ADMIN, RoleGrant.body_id.is_(None)).with_for_update()
    )
    return set(
        db.scalars(
            select(Account.id)
            .join(RoleGrant, RoleGrant.account_id == Account.id)
            .where(RoleGrant.role == ADMIN, RoleGrant.body_id.is_(None), Account.active)
        )
    )


def _keep_an_administrator(db: Session, account: Account) -> None:
    if _active_admins(db) == {account.id}:
        raise Refused(
            _(
                "{name} is the last active administrator: make another account administrator first, "
                "so that someone can still manage the site."
            ).format(name=account.display_name)
        )


# ---------------------------------------------------------------------------
# Site and district roles
# ---------------------------------------------------------------------------


def _check_site_role(role: str) -> str:
    if role not in SITE_ROLES:
        raise Invalid(_("Choose among the options shown."), "role")
    return role


def grant_site_role(db: Session, account: Account, role: str, *, by: Account | None) -> RoleGrant:
    role = _check_site_role(role)
    if role in site_roles(db, account):
        raise Refused(_("{name} already has this role.").format(name=account.display_name))
    grant = RoleGrant(account_id=account.id, role=role, granted_by_id=by.id if by else None)
    db.add(grant)
    db.flush()
    return grant


def revoke_site_role(db: Session, account: Account, role: str) -> None:
    role = _check_site_role(role)
    grant = db.scalar(
        select(RoleGrant).where(
            RoleGrant.account_id == account.id,
            RoleGrant.role == role,
            RoleGrant.body_id.is_(None),
            RoleGrant.district.is_(None),
        )
    )
    if grant is None:
        raise Refused(_("{name} does not have this role.").format(name=account.display_name))
    if role == ADMIN and account.active:
        _keep_an_administrator(db, account)
    db.delete(grant)
    db.flush()


# Roles held in a district only: its town hall's officials, and moderators of its content.
DISTRICT_ROLES = (OFFICIAL, MODERATOR)


def grant_district_roles(
    db: Session, site: Site, account: Account, role: str, districts: list[str], *, by: Account | None
) -> list[str]:
    """Give ``role`` in each of ``districts`` (codes of the site's configuration); returns the
    districts where the account did not have it yet."""
    if role not in DISTRICT_ROLES:
        raise Invalid(
            _("Only this role can be given in {site.district:a}: {roles}.").format(
                roles=", ".join(DISTRICT_ROLES)
            ),
            "role",
        )
    known = {d.code for d in site.config.districts}
    unknown = [d for d in districts if d not in known]
    if unknown or not districts:
        raise Invalid(
            _("Unknown {site.district} '{district}'. Choose among: {districts}.").format(
                district=", ".join(unknown), districts=", ".join(sorted(known))
            ),
            "district",
        )
    held = district_roles(db, account).get(role, set())
    added = [d for d in dict.fromkeys(districts) if d not in held]
    for district in added:
        db.add(
            RoleGrant(
                account_id=account.id, role=role, district=district, granted_by_id=by.id if by else None
            )
        )
    db.flush()
    return added


def revoke_district_roles(db: Session, account: Account, role: str, districts: list[str]) -> list[str]:
    """Take ``role`` away in each of ``districts``; returns those where the account had it."""
    grants = db.scalars(
        select(RoleGrant).where(
            RoleGrant.account_id == account.id, RoleGrant.role == role, RoleGrant.district.in_(districts)
        )
    ).all()
    for grant in grants:
        db.delete(grant)
    db.flush()
    return sorted(g.district for g in grants if g.district)


# ---------------------------------------------------------------------------
# Disabling an account
# ---------------------------------------------------------------------------


def disable_account(db: Session, account: Account) -> int:
    """Refuse sign-in to the account and end its sessions at once; returns how many ended."""
    if not account.active:
        raise Refused(_("This account is already disabled."))
    if ADMIN in site_roles(db, account):
        _keep_an_administrator(db, account)
    account.active = False
    result = db.execute(delete(AuthSession).where(AuthSession.account_id == account.id))
    db.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def enable_account(db: Session, account: Account) -> None:
    if account.active:
        raise Refused(_("This account is already active."))
    account.active = True
    db.flush()
