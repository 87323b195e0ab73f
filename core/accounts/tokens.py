"""One-time tokens: links sent by e-mail (reset a password, confirm an address, accept an
invitation, unlock an account under attack) and the sign-in's browser-held tokens (the step
between the password and the two-factor code, a browser its owner unlocked; ``parvis.sign_in``).

A link carries a random token (256 bits); the database keeps only its SHA-256, so a copy of the
database opens no account. A token serves one purpose, expires, is used once (deleting it is the
atomic "use": of two simultaneous clicks, one wins), and a newer token of the same purpose for
the same address replaces the older ones.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis.db import Base, enum_type, rows_affected
from parvis.enums import LabelledEnum
from parvis.i18n import N_, _
from parvis.identity import Account

if TYPE_CHECKING:
    from parvis.site import Site


class Purpose(LabelledEnum):
    # set a new password after "Forgot your password?"
    RESET = "reset", N_("Choosing a new password")
    # an account created for someone chooses its first password
    INVITATION = "invitation", N_("An invitation to choose a first password")
    # confirm the account's address
    VERIFY = "verify", N_("Confirming your e-mail address")
    # confirm a new address, which then replaces the old one
    EMAIL_CHANGE = "email_change", N_("Changing your e-mail address")
    # the password was right; the browser must now give a two-factor code
    CODE_STEP = "code", N_("Signing in, waiting for the two-factor code")
    # the link mailed to the owner of an account under attack
    UNLOCK = "unlock", N_("Unlocking your account after many failed sign-ins")
    # a browser the owner unlocked with that link
    UNLOCKED_BROWSER = "browser", N_("A browser you unlocked")


class AccountToken(Base):
    __tablename__ = "core_account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[Purpose] = mapped_column(enum_type(Purpose, 16))
    # Who asked, as the SHA-256 of the address concerned: a request for an address without an
    # account is recorded like any other (same work, same time), with no account.
    email_hash: Mapped[str] = mapped_column(String(64), index=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="CASCADE"), index=True
    )
    new_email: Mapped[str | None] = mapped_column(String(254))  # for EMAIL_CHANGE
    # Where to go once signed in (the code step keeps the page the person was going to).
    target: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


def too_many_requests(site: Site) -> str:
    """The answer when links are asked for too often (``[accounts] request_window_minutes``)."""
    return _("Too many requests. Please wait {minutes} minutes before asking again.").format(
        minutes=site.config.accounts.request_window_minutes
    )


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def issue(
    db: Session,
    site: Site,
    purpose: Purpose,
    email: str,
    account: Account | None,
    *,
    lifetime: timedelta,
    new_email: str | None = None,
) -> str:
    """A new token for ``email`` (and its account, if any); older ones of that purpose stop working.

    Returns the token to put in the link; only its digest is stored.
    """
    now = site.now()
    email_hash = digest(email)
    db.execute(
        delete(AccountToken).where(
            (AccountToken.expires_at <= now)
            | ((AccountToken.purpose == purpose) & (AccountToken.email_hash == email_hash))
        )
    )
    token = secrets.token_urlsafe(32)
    db.add(
        AccountToken(
            token_hash=digest(token),
            purpose=purpose,
            email_hash=email_hash,
            account_id=account.id if account is not None else None,
            new_email=new_email,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    db.flush()
    return token


def _valid(site: Site, purposes: tuple[Purpose, ...], token: str) -> ColumnElement[bool]:
    return (
        (AccountToken.token_hash == digest(token))
        & AccountToken.purpose.in_(purposes)
        & (AccountToken.expires_at > site.now())
        & AccountToken.account_id.is_not(None)
    )


def peek(db: Session, site: Site, token: str, *purposes: Purpose) -> AccountToken | None:
    """The token's record if it is still valid for one of ``purposes``, without using it."""
    if not token or len(token) > 100:
        return None
    return db.scalar(select(AccountToken).where(_valid(site, purposes, token)))


def use(db: Session, site: Site, token: str, *purposes: Purpose) -> AccountToken | None:
    """Use the token: its record if it was valid (it is deleted: it cannot serve again), else None."""
    found = peek(db, site, token, *purposes)
    if found is None:
        return None
    deleted = db.execute(delete(AccountToken).where(AccountToken.id == found.id))
    if not rows_affected(deleted):  # 0: another request used it first
        return None
    db.expunge(found)
    return found


def invalid_link_message() -> str:
    """What a link that does not work says (expired, used and replaced links look the same)."""
    return _("This link no longer works: it has expired, it was already used, or a newer one was sent.")


def forget(db: Session, account: Account, *purposes: Purpose) -> None:
    """Drop the account's outstanding tokens of these purposes (its password changed, say)."""
    db.execute(
        delete(AccountToken).where(AccountToken.account_id == account.id, AccountToken.purpose.in_(purposes))
    )


__all__ = ["AccountToken", "Purpose", "digest", "forget", "invalid_link_message", "issue", "peek", "use"]
