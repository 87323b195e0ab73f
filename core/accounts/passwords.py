"""What makes a new password acceptable, and setting one.

A password is refused, with the reason, when it is shorter than ``[accounts]
password_min_length``, equal to the account's e-mail address (or its name part), or found in
``common_passwords.txt``: the 10,000 most common passwords of Royce Williams's list (built from
public breach corpora), as Django ships it (BSD-3-Clause licence, see
common_passwords.LICENSE.txt), compared lower-cased.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from parvis.auth import end_sessions, hash_password
from parvis.i18n import _
from parvis.identity import Account
from parvis.refusals import Invalid

if TYPE_CHECKING:
    from parvis.site import Site

COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")
MAX_LENGTH = 200  # argon2 accepts more; nobody types more, and a megabyte would cost CPU


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(COMMON_PASSWORDS.read_text(encoding="utf-8").lower().split())


def problem(site: Site, password: str, email: str = "") -> str | None:
    """Why ``password`` may not be used (translated), or None when it is acceptable."""
    minimum = site.config.accounts.password_min_length
    if len(password) < minimum:
        return _("Use at least {count} characters.").format(count=minimum)
    if len(password) > MAX_LENGTH:
        return _("Use at most {count} characters.").format(count=MAX_LENGTH)
    folded = password.strip().lower()
    address = email.strip().lower()
    if address and folded in {address, address.split("@", 1)[0]}:
        return _("Do not use your e-mail address as your password.")
    if folded in common_passwords():
        return _(
            "This password is one of the most common ones, the first tried by attackers. Choose another."
        )
    return None


def check(site: Site, password: str, email: str = "", *, field: str = "password") -> None:
    """Raise ``Invalid`` (shown beside ``field``) when the password may not be used."""
    reason = problem(site, password, email)
    if reason is not None:
        raise Invalid(reason, field=field)


def set_password(
    db: Session, site: Site, account: Account, password: str, *, keep: str | None = None
) -> None:
    """Give the account a new password (checked first) and end its sessions, except ``keep``'s.

    Outstanding reset links and address changes are cancelled too: whoever else knew the old
    password must not finish what they started.
    """
    from parvis.accounts import tokens

    check(site, password, account.email)
    account.password_hash = hash_password(password, site)
    end_sessions(db, account, keep=keep)
    tokens.forget(db, account, tokens.Purpose.RESET, tokens.Purpose.INVITATION, tokens.Purpose.EMAIL_CHANGE)


def password_help(site: Site) -> str:
    return _("At least {count} characters. A short sentence is easy to remember and hard to guess.").format(
        count=site.config.accounts.password_min_length
    )
