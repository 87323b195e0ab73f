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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from parvis.auth import AuthSession
from parvis.bodies import services as bodies
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import Body, Membership, MembershipStatus, Term
from parvis.i18n import N_, _
from parvis.identity import Account, Person, RoleGrant
from parvis.permissions import ADMIN, FACILITATOR, MEMBER, MODERATOR, OFFICIAL
from parvis.refusals import Invalid, Refused

if TYPE_CHECKING:
    from parvis.site import Site

# Roles an administrator grants site-wide, and per body.
SITE_ROLES = {OFFICIAL: N_("City official"), MODERATOR: N_("Moderator"), ADMIN: N_("Administrator")}
BODY_ROLES = {MEMBER: N_("Member"), FACILITATOR: N_("Facilitator"), OFFICIAL: N_("Body official")}


def site_role_label(role: str) -> str:
    return _(SITE_ROLES[role]) if role in SITE_ROLES else role


def body_role_label(role: str) -> str:
    return _(BODY_ROLES[role]) if role in BODY_ROLES else role


# ---------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    text: str = ""  # words found in a name or an e-mail address
    district: str = ""
    role: str = ""  # a site role
    status: str = ""  # "active" or "disabled"


def _like(word: str) -> str:
    return "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_query(filters: Filters) -> Select[Account]:
    """Accounts matching every word of ``filters.text`` in their or their person's names and
    e-mail addresses, and the other filters; by name."""
    query = (
        select(Account)
        .outerjoin(Person, Person.id == Account.person_id)
        .options(contains_eager(Account.person), selectinload(Account.roles))
    )
    for word in filters.text.split()[:5]:
        pattern = _like(word)
        columns = (Account.display_name, Account.email, Person.given_name, Person.family_name, Person.email)
        query = query.where(or_(*(func.lower(c).like(pattern, escape="\\") for c in columns)))
    if filters.district:
        query = query.where(Person.district == filters.district)
    if filters.role:
        granted = select(RoleGrant.account_id).where(
            RoleGrant.role == filters.role, RoleGrant.body_id.is_(None), RoleGrant.district.is_(None)
        )
        query = query.where(Account.id.in_(granted))
    if filters.status in ("active", "disabled"):
        query = query.where(Account.active.is_(filters.status == "active"))
    return query.order_by(func.lower(Account.display_name), Account.id)


# ---------------------------------------------------------------------------
# What an account holds
# ---------------------------------------------------------------------------


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
# Site roles
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
# Per-body roles
# ---------------------------------------------------------------------------


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


def body_choices(db: Session) -> list[tuple[str, str]]:
    return [(b.slug, b.name) for b in db.scalars(select(Body).order_by(Body.name))]
