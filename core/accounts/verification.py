"""Confirmed e-mail addresses: the link sent at sign-up, sending it again, changing the address.

Some actions need an address the person is known to receive mail at (``[accounts]
verified_address_for``: by default voting, applying and volunteering). A route calls
``require_verified(state, VOTE)`` before doing it; the refusal links to the page that sends the
link again. A new address replaces the old one only once a link sent to it is opened; the old
address is told that a change was asked for.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis import mail
from parvis.accounts import tokens
from parvis.config import VERIFIED_ACTION_CODES
from parvis.i18n import N_, _
from parvis.identity import Account
from parvis.ratelimit import count_in, per_window
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site
    from parvis.web.context import RequestState

VOTE, APPLY, VOLUNTEER = VERIFIED_ACTION_CODES
ACTION_LABELS = {
    VOTE: N_("voting"),
    APPLY: N_("applying to a council or an assembly"),
    VOLUNTEER: N_("signing up as a volunteer"),
}
EMAIL_PAGE = "/account/email"


class AddressNotConfirmed(Refused):
    """The action needs a confirmed e-mail address (403, with a link to the page that sends one)."""

    status_code = 403


def needs_verified(site: Site, action: str) -> bool:
    return action in site.config.accounts.verified_address_for


def require_verified(state: RequestState, action: str) -> None:
    """Refuse ``action`` (a code of ``VERIFIED_ACTION_CODES``) to an account whose address is not
    confirmed, when the site's settings ask for it. Anonymous visitors pass: guards deal with them."""
    account = state.actor.account
    if account is None or account.email_verified_at is not None or not needs_verified(state.site, action):
        return
    raise AddressNotConfirmed(
        _(
            "Please confirm your e-mail address first: open the link we sent to {email}. "
            "It is needed for {action}."
        ).format(email=account.email, action=_(ACTION_LABELS[action])),
        link=(_("Send the link again"), f"/{state.locale}{EMAIL_PAGE}"),
    )


def _window(site: Site) -> timedelta:
    return timedelta(minutes=site.config.accounts.request_window_minutes)


def _limit(db: Session, site: Site, account: Account) -> None:
    """At most ``verification_requests_per_account`` links an hour per account (mail is not free,
    and an inbox must not be flooded)."""
    limit = site.config.accounts.verification_requests_per_account
    message = _("We already sent several links. Please wait {minutes} minutes before asking again.")
    limits = [per_window(f"verify:account:{account.id}", limit, _window(site))]
    count_in(db, site, limits, message=message.format(minutes=site.config.accounts.request_window_minutes))


def send_link(db: Session, site: Site, account: Account) -> None:
    """Mail the account a link that confirms its address (a newer link replaces older ones)."""
    hours = site.config.accounts.verification_link_hours
    token = tokens.issue(
        db, site, tokens.Purpose.VERIFY, account.email, account, lifetime=timedelta(hours=hours)
    )
    mail.send_template(db, site, account, "mail/verify_address", token=token, hours=hours)


def send_link_again(db: Session, site: Site, account: Account) -> None:
    if account.email_verified_at is not None:
        raise Refused(_("Your e-mail address is already confirmed."))
    _limit(db, site, account)
    send_link(db, site, account)


def request_change(db: Session, site: Site, account: Account, new_email: str) -> None:
    """Send a confirmation link to ``new_email``; tell the current address a change was asked for.

    When another account already uses ``new_email``, its owner is told instead, and the answer
    is the same: the page does not reveal who has an account.
    """
    new_email = new_email.strip().lower()
    if new_email == account.email:
        raise Refused(_("This is already your address."), field="email")
    _limit(db, site, account)
    owner = db.scalar(select(Account).where(Account.email == new_email))
    if owner is not None:
        mail.send_template(db, site, owner, "mail/address_in_use")
        return
    hours = site.config.accounts.verification_link_hours
    token = tokens.issue(
        db,
        site,
        tokens.Purpose.EMAIL_CHANGE,
        account.email,
        account,
        lifetime=timedelta(hours=hours),
        new_email=new_email,
    )
    mail.send_template(
        db, site, new_email, "mail/confirm_new_address", locale=account.locale, token=token, hours=hours
    )
    mail.send_template(db, site, account, "mail/address_change_requested", new_email=new_email)


def pending_change(db: Session, site: Site, account: Account) -> str | None:
    """The new address waiting for confirmation, if any."""
    return db.scalar(
        select(tokens.AccountToken.new_email).where(
            tokens.AccountToken.account_id == account.id,
            tokens.AccountToken.purpose == tokens.Purpose.EMAIL_CHANGE,
            tokens.AccountToken.expires_at > site.now(),
        )
    )


def confirm(db: Session, site: Site, token: str) -> Account:
    """Open a confirmation link: the address is confirmed (and, for a change, now the account's)."""
    used = tokens.use(db, site, token, tokens.Purpose.VERIFY, tokens.Purpose.EMAIL_CHANGE)
    account = db.get(Account, used.account_id) if used is not None else None
    if used is None or account is None:
        raise Refused(tokens.invalid_link_message(), status_code=400)
    if used.purpose == tokens.Purpose.EMAIL_CHANGE and used.new_email:
        taken = Refused(_("Another account now uses this address: it cannot become yours."), status_code=409)
        if db.scalar(select(Account.id).where(Account.email == used.new_email)) is not None:
            raise taken
        try:
            with db.begin_nested():  # another account may take it at the same moment
                if account.person is not None and account.person.email == account.email:
                    account.person.email = used.new_email
                account.email = used.new_email
                db.flush()
        except IntegrityError:
            raise taken from None
    elif used.purpose == tokens.Purpose.VERIFY and tokens.digest(account.email) != used.email_hash:
        raise Refused(
            tokens.invalid_link_message(), status_code=400
        )  # sent to an address no longer the account's
    account.email_verified_at = site.now()
    return account


__all__ = [
    "ACTION_LABELS",
    "APPLY",
    "VOLUNTEER",
    "VOTE",
    "AddressNotConfirmed",
    "confirm",
    "needs_verified",
    "pending_change",
    "request_change",
    "require_verified",
    "send_link",
    "send_link_again",
]
