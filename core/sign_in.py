"""Sign-in protection: limits that slow guessing without locking the owner out, one-time tokens
(the pending code step, the unlock link, an unlocked browser) and the mail to an attacked owner.

Every attempt is counted under three limits (``[security]`` settings, ``parvis.ratelimit``):

- one account from one address: ``attempts_per_account_address`` (5), then a growing wait;
  the owner, elsewhere, is not concerned;
- one address, any accounts: ``attempts_per_address`` (30), then a growing wait;
- one account from everywhere: ``attempts_per_account`` (50), then everyone waits, and the owner
  is e-mailed a one-time link: following it clears the account's counters and marks that browser
  as the owner's (``unlocked_browser_days``), so it is counted on its own from then on.

Unknown addresses are counted and timed exactly like known ones (``verify_no_password``), so
neither the answer, the time nor the limits tell whether an address has an account.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from parvis import ratelimit
from parvis.accounts.tokens import AccountToken, Purpose
from parvis.auth import normalise_email, token_digest
from parvis.db import rows_affected
from parvis.identity import Account
from parvis.ratelimit import Limit

if TYPE_CHECKING:
    from parvis.site import Site

CODE_STEP = Purpose.CODE_STEP
UNLOCK_LINK = Purpose.UNLOCK
UNLOCKED_BROWSER = Purpose.UNLOCKED_BROWSER


def issue_token(
    db: Session, site: Site, account: Account, purpose: Purpose, lifetime: timedelta, *, target: str = ""
) -> str:
    """A token held by the browser (several may be valid at once: one per unlocked browser)."""
    token = secrets.token_urlsafe(32)
    now = site.now()
    db.add(
        AccountToken(
            token_hash=token_digest(token),
            email_hash=token_digest(account.email),
            account_id=account.id,
            purpose=purpose,
            created_at=now,
            expires_at=now + lifetime,
            target=target[:500],
        )
    )
    return token


def find_token(db: Session, site: Site, token: str | None, purpose: Purpose) -> AccountToken | None:
    """The unexpired token of this purpose, if ``token`` is one."""
    if not token:
        return None
    return db.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == token_digest(token),
            AccountToken.purpose == purpose,
            AccountToken.expires_at > site.now(),
        )
    )


def use_token(db: Session, site: Site, token: str | None, purpose: Purpose) -> AccountToken | None:
    """Consume a single-use token: the first request to present it gets it, any other None."""
    found = find_token(db, site, token, purpose)
    if found is None:
        return None
    deleted = db.execute(
        delete(AccountToken)
        .where(AccountToken.token_hash == found.token_hash)
        .execution_options(synchronize_session=False)
    )
    return found if rows_affected(deleted) else None


def drop_tokens(db: Session, site: Site, account: Account, purpose: Purpose) -> None:
    mine = (AccountToken.account_id == account.id) & (AccountToken.purpose == purpose)
    db.execute(delete(AccountToken).where(mine))


def purge_expired_tokens(db: Session, site: Site) -> int:
    """Delete expired tokens (a periodic job's work); returns how many."""
    result = db.execute(delete(AccountToken).where(AccountToken.expires_at <= site.now()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def purge(db: Session, site: Site) -> int:
    """The periodic clean-up (for the scheduled jobs): counters left alone longer than
    ``[security] forget_after_hours`` whose wait is over, and expired tokens; returns how many."""
    stale = ratelimit.purge_stale(db, site, timedelta(hours=site.config.security.forget_after_hours))
    return stale + purge_expired_tokens(db, site)


def _email_key(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:32]


def _limit(site: Site, key: str, free: int) -> Limit:
    security = site.config.security
    return Limit(
        key=key,
        free=free,
        first_delay=timedelta(seconds=security.first_delay_seconds),
        max_delay=timedelta(seconds=max(security.max_delay_seconds, security.first_delay_seconds)),
        forget_after=timedelta(hours=security.forget_after_hours),
    )


@dataclass(frozen=True, slots=True)
class SignInLimits:
    """The limits of one attempt: ``counted`` before the check; on success, ``given_back`` get
    their count back and ``reset`` are forgotten (the account and address proved themselves)."""

    counted: list[Limit]
    given_back: list[Limit]
    reset: list[Limit]
    account_limit: Limit | None = None


def password_limits(
    site: Site, email: str, address: str, unlocked_browser: str | None = None
) -> SignInLimits:
    """The limits of a password attempt for ``email`` from ``address``; a browser the owner
    unlocked (its token's digest) is counted on its own, apart from strangers."""
    security = site.config.security
    account = _email_key(email)
    if unlocked_browser:
        browser = _limit(
            site, f"login:browser:{unlocked_browser[:32]}", security.attempts_per_account_address
        )
        return SignInLimits(counted=[browser], given_back=[], reset=[browser])
    place = ratelimit.address_key(address)
    pair = _limit(site, f"login:pair:{account}:{place}", security.attempts_per_account_address)
    by_address = _limit(site, f"login:address:{place}", security.attempts_per_address)
    by_account = _limit(site, f"login:account:{account}", security.attempts_per_account)
    return SignInLimits(
        counted=[pair, by_address, by_account],
        given_back=[by_address, by_account],
        reset=[pair],
        account_limit=by_account,
    )


def code_limits(site: Site, account: Account, address: str) -> SignInLimits:
    """Two-factor codes are limited like passwords, counted apart: per account and address, and
    per account from everywhere (twice the first number: whoever types codes knows the password)."""
    security = site.config.security
    place = ratelimit.address_key(address)
    pair = _limit(site, f"code:pair:{account.id}:{place}", security.attempts_per_account_address)
    by_account = _limit(site, f"code:account:{account.id}", 2 * security.attempts_per_account_address)
    return SignInLimits(counted=[pair, by_account], given_back=[by_account], reset=[pair])


def count_password_attempt(site: Site, email: str, limits: SignInLimits) -> None:
    """Count the attempt (``Throttled`` if it must wait); when it makes the account-wide count
    reach its limit, the owner is e-mailed an unlock link, whatever the attempt's outcome."""

    def warn_owner(session: Session, counts: dict[str, int]) -> None:
        limit = limits.account_limit
        if limit is None or counts.get(limit.key) != limit.free:
            return
        account = session.scalar(select(Account).where(Account.email == normalise_email(email)))
        if account is None or not account.active:
            return
        send_unlock_link(session, site, account, attempts=counts[limit.key])

    ratelimit.count_attempt(site, limits.counted, then=warn_owner)


def send_unlock_link(db: Session, site: Site, account: Account, *, attempts: int) -> None:
    from parvis.mail import send_template

    minutes = site.config.security.unlock_link_minutes
    token = issue_token(db, site, account, UNLOCK_LINK, timedelta(minutes=minutes))
    send_template(
        db, site, account, "mail/unlock", path=f"/unlock/{token}", attempts=attempts, minutes=minutes
    )


def forgive(db: Session, limits: SignInLimits) -> None:
    ratelimit.forgive(db, limits.given_back, reset=limits.reset)


def unlock(db: Session, site: Site, account: Account) -> str:
    """The owner followed the unlock link: forget the account's counters (every address) and
    return a token that marks this browser as theirs (``password_limits(unlocked_browser=...)``)."""
    key = _email_key(account.email)
    ratelimit.clear(db, [f"login:account:{key}"], prefixes=[f"login:pair:{key}:"])
    days = site.config.security.unlocked_browser_days
    return issue_token(db, site, account, UNLOCKED_BROWSER, timedelta(days=days))


def _counter_keys(account: Account) -> tuple[list[str], list[str]]:
    """The keys and key prefixes of every counter about ``account`` (sign-ins and codes)."""
    key = _email_key(account.email)
    return (
        [f"login:account:{key}", f"code:account:{account.id}"],
        [f"login:pair:{key}:", f"code:pair:{account.id}:"],
    )


def counters_of(db: Session, account: Account) -> list[ratelimit.RateCounter]:
    """The counters of failed attempts on ``account`` (its personal data: they hold addresses)."""
    keys, prefixes = _counter_keys(account)
    mine: ColumnElement[bool] = ratelimit.RateCounter.key.in_(keys)
    for prefix in prefixes:
        mine = mine | ratelimit.RateCounter.key.startswith(prefix, autoescape=True)
    return list(
        db.scalars(select(ratelimit.RateCounter).where(mine).order_by(ratelimit.RateCounter.updated_at))
    )


def forget_counters(db: Session, account: Account) -> None:
    keys, prefixes = _counter_keys(account)
    ratelimit.clear(db, keys, prefixes=prefixes)


def unlocked_browser(db: Session, site: Site, token: str | None, email: str) -> str | None:
    """The digest of this browser's unlock token, if it was unlocked for the account of ``email``."""
    found = find_token(db, site, token, UNLOCKED_BROWSER)
    if found is None:
        return None
    account = db.get(Account, found.account_id)
    if account is None or account.email != normalise_email(email):
        return None
    return found.token_hash


__all__ = [
    "CODE_STEP",
    "UNLOCKED_BROWSER",
    "UNLOCK_LINK",
    "SignInLimits",
    "code_limits",
    "count_password_attempt",
    "drop_tokens",
    "find_token",
    "forgive",
    "issue_token",
    "password_limits",
    "purge",
    "purge_expired_tokens",
    "send_unlock_link",
    "unlock",
    "unlocked_browser",
    "use_token",
]
