"""Creating an account without revealing which addresses already have one.

Whether the address is new or taken, the visitor gets the same answer ("check your inbox") after
the same work (the password is hashed either way): a new address receives the link that confirms
it, a taken one a message telling its owner that someone tried to sign up with it. Two sign-ups
racing with one address give one account: the loser's insert fails on the unique address, and it
is answered like any taken address.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis import mail
from parvis.accounts import passwords, verification
from parvis.accounts.tokens import digest, too_many_requests
from parvis.auth import hash_password, normalise_email
from parvis.identity import Account, Person
from parvis.ratelimit import count_in, per_window

if TYPE_CHECKING:
    from parvis.site import Site


def sign_up(
    db: Session, site: Site, *, display_name: str, email: str, password: str, locale: str
) -> Account | None:
    """The new account (not signed in: its owner confirms the address first), or None when the
    address was taken (its owner was told)."""
    email = normalise_email(email)
    passwords.check(site, password, email)
    settings = site.config.accounts
    window = timedelta(minutes=settings.request_window_minutes)
    limit = settings.verification_requests_per_account
    limits = [per_window(f"signup:email:{digest(email)}", limit, window)]
    count_in(db, site, limits, message=too_many_requests(site))
    password_hash = hash_password(password, site)
    owner = db.scalar(select(Account).where(Account.email == email))
    if owner is None:
        account = Account(email=email, display_name=display_name, password_hash=password_hash, locale=locale)
        account.person = Person(given_name=display_name, email=email)
        try:
            with db.begin_nested():
                db.add(account)
                db.flush()
        except IntegrityError:  # a simultaneous sign-up with this address was first
            owner = db.scalar(select(Account).where(Account.email == email))
        else:
            verification.send_link(db, site, account)
            return account
    if owner is not None:
        mail.send_template(db, site, owner, "mail/address_in_use")
    return None


__all__ = ["sign_up"]
