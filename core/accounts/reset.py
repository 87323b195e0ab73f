"""Forgotten passwords and invitations: a one-time link by e-mail to choose a new password.

Asking for a reset answers the same words, after the same work, whether an account uses the
address or not: the request is counted, a token is recorded (without an account when there is
none) and the message is written in both cases; only a real account's message is queued, so no
mail ever goes to an address without an account. Requests are limited per address typed and per
client address (``[accounts] reset_requests_per_account`` / ``_per_address`` within
``request_window_minutes``), counted atomically in the database.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import mail
from parvis.accounts import passwords, tokens
from parvis.accounts.tokens import digest, too_many_requests
from parvis.auth import normalise_email
from parvis.identity import Account
from parvis.ratelimit import address_key, count_in, per_window
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site


def request_reset(db: Session, site: Site, email: str, *, address: str, locale: str) -> None:
    """Mail a reset link to the account using ``email``, if there is one (see the module's notes)."""
    settings = site.config.accounts
    email = normalise_email(email)
    window = timedelta(minutes=settings.request_window_minutes)
    limits = [
        per_window(f"reset:email:{digest(email)}", settings.reset_requests_per_account, window),
        per_window(f"reset:address:{address_key(address)}", settings.reset_requests_per_address, window),
    ]
    count_in(db, site, limits, message=too_many_requests(site))
    account = db.scalar(select(Account).where(Account.email == email, Account.active))
    lifetime = timedelta(minutes=settings.reset_link_minutes)
    token = tokens.issue(db, site, tokens.Purpose.RESET, email, account, lifetime=lifetime)
    context = {"token": token, "minutes": settings.reset_link_minutes}
    recipient = account if account is not None else email
    message = mail.compose_template(
        site, recipient, "mail/password_reset", locale=(account and account.locale) or locale, **context
    )
    _queue_or_discard(db, site, message, keep=account is not None)


def _queue_or_discard(db: Session, site: Site, message: mail.OutboxMail, *, keep: bool) -> None:
    """Write the message to the outbox inside a savepoint, kept only for a real account.

    The database does the same work either way (the insert is made, then released or rolled
    back, and the outbox's delivery job starts either way), so the answer takes the same time; a
    message to an address without an account is rolled back before anything is committed, and
    carries no address even then.
    """
    if not keep:
        message.to_address = "-" * len(message.to_address)
    savepoint = db.begin_nested()
    db.add(message)
    db.flush()
    if keep:
        savepoint.commit()
        mail.queue(db, site, message)
    else:
        savepoint.rollback()
        mail.deliver_after_commit(db, site)  # the same job as for a real account (it finds nothing)


def invite(db: Session, site: Site, account: Account) -> None:
    """Mail a new account a link to choose its first password."""
    hours = site.config.accounts.invitation_link_hours
    token = tokens.issue(
        db, site, tokens.Purpose.INVITATION, account.email, account, lifetime=timedelta(hours=hours)
    )
    mail.send_template(db, site, account, "mail/invitation", token=token, hours=hours)


def link_account(db: Session, site: Site, token: str) -> Account | None:
    """The account a reset or invitation link is for, while the link works (it is not used up)."""
    found = tokens.peek(db, site, token, tokens.Purpose.RESET, tokens.Purpose.INVITATION)
    return db.get(Account, found.account_id) if found is not None else None


def reset_password(
    db: Session, site: Site, token: str, password: str, *, locale: str | None = None
) -> Account:
    """Use a reset or invitation link to set a new password; every session of the account ends.

    The link reached the account's mailbox, so the address is confirmed as well.
    """
    account = link_account(db, site, token)
    if account is None:
        raise Refused(tokens.invalid_link_message(), status_code=400)
    passwords.check(site, password, account.email)
    if tokens.use(db, site, token, tokens.Purpose.RESET, tokens.Purpose.INVITATION) is None:
        raise Refused(tokens.invalid_link_message(), status_code=400)
    passwords.set_password(db, site, account, password)
    if account.email_verified_at is None:
        account.email_verified_at = site.now()
    mail.send_template(db, site, account, "mail/password_changed", locale=account.locale or locale)
    return account


__all__ = ["invite", "link_account", "request_reset", "reset_password"]
