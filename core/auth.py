"""Accounts, passwords, login sessions and the current actor.

Passwords are hashed with argon2id (argon2-cffi, the reference binding of the Password Hashing
Competition winner). Sessions are server-side rows keyed by the SHA-256 of a random cookie token,
so a stolen database does not hold usable tokens; a new token is issued at every login.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Executable, ForeignKey, String, delete, literal, select, union_all
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis.bodies.models import Membership, MembershipStatus, Term
from parvis.db import Base, rows_affected, utcnow
from parvis.identity import Account, RoleGrant
from parvis.permissions import ADMIN, CITIZEN, MEMBER, OFFICIAL

if TYPE_CHECKING:
    from parvis.site import Site

SESSION_COOKIE = "parvis_session"
SESSION_LIFETIME = timedelta(days=14)

# Hashes made without a site (demo data, test accounts) use these parameters: OWASP's argon2id
# recommendation, the default of `[accounts]`.
hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_hashers: dict[tuple[int, int, int], PasswordHasher] = {}


def use_fast_hashing() -> None:
    """Cheap argon2 parameters for hashes made without a site, for test suites only."""
    global hasher  # noqa: PLW0603
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def hasher_for(site: Site | None) -> PasswordHasher:
    """The site's argon2id hasher, from ``[accounts]`` (one per set of parameters)."""
    if site is None:
        return hasher
    accounts = site.config.accounts
    key = (accounts.argon2_time_cost, accounts.argon2_memory_kib, accounts.argon2_parallelism)
    if key not in _hashers:
        _hashers[key] = PasswordHasher(time_cost=key[0], memory_cost=key[1], parallelism=key[2])
    return _hashers[key]


def hash_password(password: str, site: Site | None = None) -> str:
    return hasher_for(site).hash(password)


def verify_password(account: Account, password: str, site: Site | None = None) -> bool:
    """Whether ``password`` is the account's. Given the site, a right password whose hash was made
    with other argon2 parameters than the site's is hashed again with them."""
    try:
        verified = hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if verified and site is not None:
        rehash_if_outdated(account, password, site)
    return verified


def rehash_if_outdated(account: Account, password: str, site: Site) -> None:
    """Hash the (right) password again if its hash was made with other argon2 parameters than the
    site's."""
    if hasher_for(site).check_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password, site)


_dummy_hashes: dict[tuple[int, ...], str] = {}


def verify_no_password(password: str, site: Site | None = None) -> bool:
    """Spend the time ``verify_password`` takes, for an address with no (usable) account.

    Sign-in answers an unknown address as slowly as a known one, so timing does not tell which
    addresses have accounts: the password is checked against a hash made once with the site's
    argon2 parameters. Always False.
    """
    used = hasher_for(site)
    parameters = (used.time_cost, used.memory_cost, used.parallelism, used.hash_len, used.salt_len)
    if parameters not in _dummy_hashes:
        _dummy_hashes[parameters] = used.hash(secrets.token_urlsafe(16))
    with contextlib.suppress(VerificationError, InvalidHashError):
        used.verify(_dummy_hashes[parameters], password)
    return False


def normalise_email(email: str) -> str:
    return email.strip().lower()


class AuthSession(Base):
    """A signed-in browser: where and with what it signed in, for the account's list of devices."""

    __tablename__ = "core_auth_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    address: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")


class SignIn(Base):
    """A successful sign-in, shown to administrators on the account's page (the last few kept)."""

    __tablename__ = "core_sign_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    address: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")


SIGN_INS_KEPT = 20


def record_sign_in(db: Session, site: Site, account: Account, *, address: str, user_agent: str) -> SignIn:
    """Remember a successful sign-in; only the account's last ``SIGN_INS_KEPT`` are kept."""
    entry = SignIn(account_id=account.id, at=site.now(), address=address[:64], user_agent=user_agent[:300])
    db.add(entry)
    db.flush()
    kept = (
        select(SignIn.id)
        .where(SignIn.account_id == account.id)
        .order_by(SignIn.at.desc(), SignIn.id.desc())
        .limit(SIGN_INS_KEPT)
    )
    db.execute(
        delete(SignIn).where(SignIn.account_id == account.id, SignIn.id.not_in(kept.scalar_subquery()))
    )
    return entry


def last_sign_ins(db: Session, account: Account) -> list[SignIn]:
    query = select(SignIn).where(SignIn.account_id == account.id).order_by(SignIn.at.desc(), SignIn.id.desc())
    return list(db.scalars(query.limit(SIGN_INS_KEPT)))


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def start_session(
    db: Session,
    account: Account,
    previous_token: str | None = None,
    *,
    now: datetime | None = None,
    address: str = "",
    user_agent: str = "",
) -> str:
    """Open a new session (dropping the previous one: the token rotates at login); return the cookie token."""
    if previous_token:
        db.execute(delete(AuthSession).where(AuthSession.token_hash == _digest(previous_token)))
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    db.add(
        AuthSession(
            token_hash=_digest(token),
            account_id=account.id,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
            address=address[:64],
            user_agent=user_agent[:300],
        )
    )
    account.last_login_at = now
    return token


def end_session(db: Session, token: str) -> None:
    db.execute(delete(AuthSession).where(AuthSession.token_hash == _digest(token)))


def end_sessions(db: Session, account: Account, *, keep: str | None = None) -> int:
    """End every session of ``account`` (but the one whose cookie token is ``keep``); how many."""
    query = delete(AuthSession).where(AuthSession.account_id == account.id)
    if keep:
        query = query.where(AuthSession.token_hash != _digest(keep))
    return rows_affected(db.execute(query))


def sessions_of(db: Session, account: Account) -> list[AuthSession]:
    """The account's open sessions, newest first (on the clock ``account_for_token`` uses)."""
    return list(
        db.scalars(
            select(AuthSession)
            .where(AuthSession.account_id == account.id, AuthSession.expires_at > utcnow())
            .order_by(AuthSession.created_at.desc())
        )
    )


def is_session(session: AuthSession, token: str | None) -> bool:
    """Whether ``session`` is the one of this cookie token."""
    return token is not None and secrets.compare_digest(session.token_hash, _digest(token))


def token_digest(token: str) -> str:
    """How tokens are kept in the database (sessions, one-time links): their SHA-256."""
    return _digest(token)


def account_for_token(db: Session, token: str) -> Account | None:
    return db.execute(
        select(Account)
        .join(AuthSession, AuthSession.account_id == Account.id)
        .where(AuthSession.token_hash == _digest(token), AuthSession.expires_at > utcnow(), Account.active)
    ).scalar_one_or_none()


@dataclass(slots=True)
class Actor:
    """Who is asking: an account (or an anonymous visitor) with site-wide and per-body roles."""

    account: Account | None = None
    roles: frozenset[str] = frozenset()
    body_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    # Roles granted in districts (a district's officials): they count only for district-scoped
    # actions (``Action.district_scoped``), never as site-wide roles.
    district_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    # Whether the account signs in with two-factor authentication: looked up for staff only (a
    # setting may require it of them before any back-office page); None for everyone else.
    two_factor: bool | None = None
    # Staff whose site requires two-factor authentication they have not turned on: until they do,
    # their staff roles are set aside (``without_staff_roles``) and they act as residents.
    awaiting_two_factor: bool = False

    @property
    def authenticated(self) -> bool:
        return self.account is not None

    @property
    def person_id(self) -> int | None:
        return self.account.person_id if self.account else None

    @property
    def staff(self) -> bool:
        """Works in the back office: a site-wide official or admin, or an official of some body or
        some district."""
        return (
            self.has_role(OFFICIAL)
            or any(OFFICIAL in roles for roles in self.body_roles.values())
            or any(OFFICIAL in roles for roles in self.district_roles.values())
        )

    def without_staff_roles(self) -> Actor:
        """This actor with no official or administrator role, site-wide or in a body."""
        staff = {OFFICIAL, ADMIN}
        return Actor(
            self.account,
            self.roles - staff,
            {body: roles - staff for body, roles in self.body_roles.items()},
            {district: roles - staff for district, roles in self.district_roles.items()},
            two_factor=self.two_factor,
            awaiting_two_factor=True,
        )

    def has_role(self, role: str, body_id: int | None = None, district: str | None = None) -> bool:
        if ADMIN in self.roles or role in self.roles:
            return True
        if district is not None and role in self.district_roles.get(district, frozenset()):
            return True
        return body_id is not None and role in self.body_roles.get(body_id, frozenset())

    def districts_with(self, roles: frozenset[str] | set[str]) -> frozenset[str]:
        """The districts where this actor holds one of ``roles`` through a district grant."""
        return frozenset(d for d, held in self.district_roles.items() if held & roles)


ANONYMOUS = Actor()


def load_actor(db: Session, account: Account | None, today: date | None = None) -> Actor:
    """The account's roles; body membership counts only while the member's term runs.

    One query (grants and memberships together): it runs on every signed-in request.
    """
    if account is None:
        return ANONYMOUS
    day = today or datetime.now(UTC).date()
    grants = select(
        RoleGrant.body_id, RoleGrant.role, literal(False).label("member"), RoleGrant.district
    ).where(RoleGrant.account_id == account.id)
    memberships = (
        select(
            Membership.body_id,
            Membership.role,
            literal(True).label("member"),
            literal(None, String()).label("district"),
        )
        .join(Term, Term.id == Membership.term_id)
        .where(
            Membership.person_id == account.person_id,
            Membership.status == MembershipStatus.ACTIVE,
            Term.starts_on <= day,
            Term.ends_on >= day,
            (Membership.ends_on.is_(None)) | (Membership.ends_on >= day),
        )
    )
    query: Executable = grants
    if account.person_id is not None:
        query = union_all(grants, memberships)
    roles = {CITIZEN}
    body_roles: dict[int, set[str]] = {}
    district_roles: dict[str, set[str]] = {}
    for body_id, role, member, district in db.execute(query):
        if district is not None:
            district_roles.setdefault(district, set()).add(role)
        elif body_id is None:
            roles.add(role)
        else:
            body_roles.setdefault(body_id, set()).update({MEMBER, role} if member else {role})
    actor = Actor(
        account,
        frozenset(roles),
        {b: frozenset(r) for b, r in body_roles.items()},
        {d: frozenset(r) for d, r in district_roles.items()},
    )
    if actor.staff:
        from parvis.two_factor import has_two_factor

        actor.two_factor = has_two_factor(db, account)
    return actor
