"""Accounts from the command line: create one, grant and revoke site roles, disable and enable.

The rules are ``parvis.administration``'s (the back office's: the last active administrator is
kept); this adds creating accounts, the citizen role every account has, answers for what is
already so, and the audit log entry of each change, with its actor: an account, or a name for
actors without one (``by="command line (root@host)"``).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import administration, audit
from parvis.accounts import passwords
from parvis.auth import Actor, hash_password, normalise_email
from parvis.i18n import _
from parvis.identity import Account, Person, RoleGrant
from parvis.permissions import ADMIN, CITIZEN, MODERATOR, OFFICIAL, ROLE_LABELS
from parvis.refusals import Invalid, Refused
from parvis.web.forms import EMAIL

if TYPE_CHECKING:
    from parvis.site import Site

SITE_ROLES = (ADMIN, OFFICIAL, MODERATOR, CITIZEN)  # citizen: every account; the others are granted
Who = Actor | Account | None


class UnknownAccount(Refused):
    status_code = 404


def check_role(role: str) -> str:
    if role not in SITE_ROLES:
        raise Invalid(
            _("Unknown role '{role}'. Choose one of: {roles}.").format(role=role, roles=", ".join(SITE_ROLES))
        )
    return role


def find(db: Session, email: str) -> Account:
    account = db.scalar(select(Account).where(Account.email == normalise_email(email)))
    if account is None:
        raise UnknownAccount(_("No account uses the address {email}.").format(email=normalise_email(email)))
    return account


def create(
    db: Session,
    site: Site,
    email: str,
    *,
    role: str = CITIZEN,
    name: str = "",
    locale: str | None = None,
    password: str | None = None,
    actor: Who = None,
    by: str | None = None,
) -> Account:
    """A new account with ``role``. With a password, its address counts as confirmed (whoever
    creates it vouches for it); without one, nobody can sign in until a link sets it."""
    email = normalise_email(email)
    check_role(role)
    if not EMAIL.match(email) or len(email) > 254:
        raise Invalid(_("Enter an e-mail address like name@example.org."))
    if locale is not None and locale not in site.locales:
        raise Invalid(
            _("Unknown language '{locale}'. Choose one of: {locales}.").format(
                locale=locale, locales=", ".join(site.locales)
            )
        )
    if db.scalar(select(Account.id).where(Account.email == email)) is not None:
        raise Refused(_("An account already uses the address {email}.").format(email=email))
    if password is not None:
        passwords.check(site, password, email)
    display = name.strip() or email.split("@", 1)[0]
    account = Account(
        email=email,
        display_name=display[:120],
        # Without a password, a random one nobody knows: the invitation link replaces it.
        password_hash=hash_password(password if password is not None else secrets.token_urlsafe(32), site),
        locale=locale,
        person=Person(given_name=display[:120], email=email),
        email_verified_at=site.now() if password is not None else None,
    )
    db.add(account)
    db.flush()
    audit.record(db, site, "core.account.create", actor=actor, by=by, target=account, role=role)
    if role != CITIZEN:
        grant(db, site, account, role, actor=actor, by=by)
    return account


def site_roles(db: Session, account: Account) -> list[str]:
    return sorted(administration.site_roles(db, account))


def _granter(actor: Who) -> Account | None:
    return actor.account if isinstance(actor, Actor) else actor


def grant(
    db: Session, site: Site, account: Account, role: str, *, actor: Who = None, by: str | None = None
) -> bool:
    """Give a site-wide role; False when the account already had it."""
    if check_role(role) == CITIZEN:
        raise Refused(_("Every account is a citizen: there is nothing to grant."))
    if role in administration.site_roles(db, account):
        return False
    administration.grant_site_role(db, account, role, by=_granter(actor))
    audit.record(db, site, "core.role.grant", actor=actor, by=by, target=account, role=role)
    return True


def revoke(
    db: Session, site: Site, account: Account, role: str, *, actor: Who = None, by: str | None = None
) -> bool:
    """Take a site-wide role away; False when the account did not have it. The last active
    administrator keeps the role (``parvis.administration`` refuses)."""
    if check_role(role) == CITIZEN:
        raise Refused(_("Every account is a citizen: that role cannot be taken away."))
    if role not in administration.site_roles(db, account):
        return False
    administration.revoke_site_role(db, account, role)
    audit.record(db, site, "core.role.revoke", actor=actor, by=by, target=account, role=role)
    return True


def _audit_districts(
    db: Session,
    site: Site,
    action: str,
    account: Account,
    *,
    role: str,
    districts: list[str],
    actor: Who,
    by: str | None,
    address: str,
) -> None:
    """Audit a role's change in districts; nothing when no district changed."""
    if districts:
        audit.record(
            db,
            site,
            action,
            actor=actor,
            by=by,
            target=account,
            address=address,
            role=role,
            districts=districts,
        )


def grant_in_districts(
    db: Session,
    site: Site,
    account: Account,
    role: str,
    districts: list[str],
    *,
    actor: Who = None,
    by: str | None = None,
    address: str = "",
) -> list[str]:
    """Give ``role`` in districts only (a district's officials); returns the districts added.
    The command line and the back office's account page both call this (``address``: the web
    client's, for the audit log)."""
    if check_role(role) == CITIZEN:
        raise Refused(_("Every account is a citizen: there is nothing to grant."))
    added = administration.grant_district_roles(db, site, account, role, districts, by=_granter(actor))
    _audit_districts(
        db, site, "core.role.grant", account, role=role, districts=added, actor=actor, by=by, address=address
    )
    return added


def revoke_in_districts(
    db: Session,
    site: Site,
    account: Account,
    role: str,
    districts: list[str],
    *,
    actor: Who = None,
    by: str | None = None,
    address: str = "",
) -> list[str]:
    """Take ``role`` away in districts; returns the districts where the account had it."""
    check_role(role)
    removed = administration.revoke_district_roles(db, account, role, districts)
    _audit_districts(
        db,
        site,
        "core.role.revoke",
        account,
        role=role,
        districts=removed,
        actor=actor,
        by=by,
        address=address,
    )
    return removed


def set_active(
    db: Session, site: Site, account: Account, active: bool, *, actor: Who = None, by: str | None = None
) -> bool:
    """Disable (every session ends, nobody can sign in) or enable an account; False if unchanged."""
    if account.active == active:
        return False
    if active:
        administration.enable_account(db, account)
        audit.record(db, site, "core.account.enable", actor=actor, by=by, target=account)
    else:
        ended = administration.disable_account(db, account)
        audit.record(
            db, site, "core.account.disable", actor=actor, by=by, target=account, sessions_ended=ended
        )
    return True


def listing(db: Session, role: str | None = None) -> list[tuple[Account, list[str]]]:
    """Accounts (by address) with their site roles; ``role`` keeps those who have it (citizen:
    those with no site role)."""
    rows: dict[int, list[str]] = {}
    for account_id, granted in db.execute(
        select(RoleGrant.account_id, RoleGrant.role).where(
            RoleGrant.body_id.is_(None), RoleGrant.district.is_(None)
        )
    ):
        rows.setdefault(account_id, []).append(granted)
    accounts = db.scalars(select(Account).order_by(Account.email))
    found = [(a, sorted(rows.get(a.id, []))) for a in accounts]
    if role is None:
        return found
    check_role(role)
    return [(a, r) for a, r in found if (role in r if role != CITIZEN else not r)]


def role_label(role: str) -> str:
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


__all__ = [
    "SITE_ROLES",
    "UnknownAccount",
    "check_role",
    "create",
    "find",
    "grant",
    "grant_in_districts",
    "listing",
    "revoke",
    "revoke_in_districts",
    "set_active",
    "site_roles",
]
