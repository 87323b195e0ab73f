"""Accounts, passwords, login sessions and the current actor.

Passwords are hashed with argon2id (argon2-cffi, the reference binding of the Password Hashing
Competition winner). Sessions are server-side rows keyed by the SHA-256 of a random cookie token,
so a stolen database does not hold usable tokens; a new token is issued at every login.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ForeignKey, String, delete, func, literal, select, union_all
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis.bodies.models import Membership, MembershipStatus, Term
from parvis.db import Base, utcnow
from parvis.identity import Account, RoleGrant
from parvis.permissions import ADMIN, CITIZEN, MEMBER, OFFICIAL

if TYPE_CHECKING:
    from parvis.site import Site

SESSION_COOKIE = "parvis_session"
SESSION_LIFETIME = timedelta(days=14)

hasher = PasswordHasher()


def use_fast_hashing() -> None:
    """Cheap argon2 parameters, for test suites only."""
    global hasher  # noqa: PLW0603
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(account: Account, password: str) -> bool:
    try:
        return hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    return email.strip().lower()


class AuthSession(Base):
    __tablename__ = "core_auth_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class LoginFailure(Base):
    """Failed logins, counted per account and per address for rate limiting."""

    __tablename__ = "core_login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_hash: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


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


def start_session(db: Session, account: Account, previous_token: str | None = None) -> str:
    """Open a new session (dropping the previous one: the token rotates at login); return the cookie token."""
    if previous_token:
        db.execute(delete(AuthSession).where(AuthSession.token_hash == _digest(previous_token)))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(AuthSession(token_hash=_digest(token), account_id=account.id, expires_at=now + SESSION_LIFETIME))
    account.last_login_at = now
    return token


def end_session(db: Session, token: str) -> None:
    db.execute(delete(AuthSession).where(AuthSession.token_hash == _digest(token)))


def account_for_token(db: Session, token: str) -> Account | None:
    return db.execute(
        select(Account)
        .join(AuthSession, AuthSession.account_id == Account.id)
        .where(AuthSession.token_hash == _digest(token), AuthSession.expires_at > utcnow(), Account.active)
    ).scalar_one_or_none()


def recent_failures(db: Session, email: str, address: str, window: timedelta) -> tuple[int, int]:
    since = utcnow() - window
    by_account = db.scalar(
        select(func.count()).where(
            LoginFailure.email_hash == _digest(normalise_email(email)), LoginFailure.at > since
        )
    )
    by_address = db.scalar(
        select(func.count()).where(LoginFailure.address == address, LoginFailure.at > since)
    )
    return int(by_account or 0), int(by_address or 0)


def record_failure(db: Session, email: str, address: str) -> None:
    db.add(LoginFailure(email_hash=_digest(normalise_email(email)), address=address))


def clear_failures(db: Session, email: str) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.email_hash == _digest(normalise_email(email))))


@dataclass(slots=True)
class Actor:
    """Who is asking: an account (or an anonymous visitor) with site-wide and per-body roles."""

    account: Account | None = None
    roles: frozenset[str] = frozenset()
    body_roles: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def authenticated(self) -> bool:
        return self.account is not None

    @property
    def person_id(self) -> int | None:
        return self.account.person_id if self.account else None

    @property
    def staff(self) -> bool:
        """Works in the back office: a site-wide official or admin, or an official of some body."""
        return self.has_role(OFFICIAL) or any(OFFICIAL in roles for roles in self.body_roles.values())

    def has_role(self, role: str, body_id: int | None = None) -> bool:
        if ADMIN in self.roles or role in self.roles:
            return True
        return body_id is not None and role in self.body_roles.get(body_id, frozenset())


ANONYMOUS = Actor()


def load_actor(db: Session, account: Account | None, today: date | None = None) -> Actor:
    """The account's roles; body membership counts only while the member's term runs.

    One query (grants and memberships together): it runs on every signed-in request.
    """
    if account is None:
        return ANONYMOUS
    day = today or datetime.now(UTC).date()
    grants = select(RoleGrant.body_id, RoleGrant.role, literal(False).label("member")).where(
        RoleGrant.account_id == account.id
    )
    memberships = (
        select(Membership.body_id, Membership.role, literal(True).label("member"))
        .join(Term, Term.id == Membership.term_id)
        .where(
            Membership.person_id == account.person_id,
            Membership.status == MembershipStatus.ACTIVE,
            Term.starts_on <= day,
            Term.ends_on >= day,
            (Membership.ends_on.is_(None)) | (Membership.ends_on >= day),
        )
    )
    query = grants if account.person_id is None else union_all(grants, memberships)
    roles = {CITIZEN}
    body_roles: dict[int, set[str]] = {}
    for body_id, role, member in db.execute(query):
        if body_id is None:
            roles.add(role)
        else:
            body_roles.setdefault(body_id, set()).update({MEMBER, role} if member else {role})
    return Actor(account, frozenset(roles), {b: frozenset(r) for b, r in body_roles.items()})
