"""Export sections of an account's security records: sessions, sign-ins, jobs, failed attempts,
one-time links, two-factor authentication, mail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from parvis import sign_in
from parvis.accounts.tokens import AccountToken
from parvis.accounts.tokens import digest as address_digest
from parvis.auth import AuthSession, SignIn
from parvis.i18n import _
from parvis.identity import Account
from parvis.mail.outbox import OutboxMail
from parvis.privacy.declarations import ExportSection, section
from parvis.two_factor import RecoveryCode, TwoFactor

if TYPE_CHECKING:
    pass


def sessions_section(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(
        select(AuthSession).where(AuthSession.account_id == account.id).order_by(AuthSession.created_at)
    )
    return section(
        "core.sessions",
        _("Sign-in sessions"),
        [("created_at", _("Signed in")), ("expires_at", _("Expires"))],
        ({"created_at": s.created_at, "expires_at": s.expires_at} for s in rows),
        note=_("Session keys are not shown: the site keeps only a hash of them."),
    )


def sign_ins_section(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(select(SignIn).where(SignIn.account_id == account.id).order_by(SignIn.at))
    return section(
        "core.sign_ins",
        _("Your last sign-ins"),
        [("at", _("When")), ("address", _("Network address")), ("user_agent", _("Browser"))],
        ({"at": r.at, "address": r.address, "user_agent": r.user_agent} for r in rows),
    )


def jobs_section(db: Session, account: Account) -> ExportSection | None:
    from parvis.jobs.models import Job

    rows = db.scalars(select(Job).where(Job.owner_id == account.id).order_by(Job.created_at))
    return section(
        "core.jobs",
        _("Background tasks you started"),
        [("kind", _("Task")), ("created_at", _("Started")), ("status", _("Status"))],
        ({"kind": j.kind, "created_at": j.created_at, "status": str(j.status)} for j in rows),
    )


def failures_section(db: Session, account: Account) -> ExportSection | None:
    return section(
        "core.failed_sign_ins",
        _("Failed sign-in attempts with your e-mail address"),
        [
            ("counted", _("Counted under")),
            ("count", _("Attempts")),
            ("at", _("Last attempt")),
            ("wait_until", _("Next attempt allowed")),
        ],
        (
            {"counted": c.key, "count": c.count, "at": c.updated_at, "wait_until": c.wait_until}
            for c in sign_in.counters_of(db, account)
        ),
        note=_("Attempts are counted per account, per network address and per both, never to lock you out."),
    )


def tokens_of(account: Account) -> Any:
    return (AccountToken.account_id == account.id) | (
        AccountToken.email_hash == address_digest(account.email)
    )


def links_section(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(select(AccountToken).where(tokens_of(account)).order_by(AccountToken.created_at))
    return section(
        "core.links",
        _("One-time links sent by e-mail"),
        [
            ("purpose", _("For")),
            ("new_email", _("New address")),
            ("created_at", _("Sent")),
            ("expires_at", _("Expires")),
        ],
        (
            {
                "purpose": _(t.purpose.label),
                "new_email": t.new_email,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
            }
            for t in rows
        ),
        note=_("The links themselves are not shown: the site keeps only a hash of them."),
    )


def two_factor_section(db: Session, account: Account) -> ExportSection | None:
    found = db.get(TwoFactor, account.id)
    if found is None:
        return None
    unused = db.scalar(
        select(func.count()).where(RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None))
    )
    return section(
        "core.two_factor",
        _("Two-factor authentication"),
        [("created_at", _("Set up")), ("confirmed_at", _("Turned on")), ("codes", _("Recovery codes left"))],
        [{"created_at": found.created_at, "confirmed_at": found.confirmed_at, "codes": int(unused or 0)}],
        note=_(
            "The shared secret and the recovery codes are not shown: they would let anyone sign in as you."
        ),
    )


def mails_section(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(
        select(OutboxMail)
        .where(or_(OutboxMail.account_id == account.id, func.lower(OutboxMail.to_address) == account.email))
        .order_by(OutboxMail.created_at, OutboxMail.id)
    )
    return section(
        "core.mail",
        _("E-mails sent to you"),
        [
            ("created_at", _("Written")),
            ("to_address", _("To")),
            ("subject", _("Subject")),
            ("status", _("Status")),
            ("sent_at", _("Sent")),
            ("text", _("Text")),
        ],
        (
            {
                "created_at": m.created_at,
                "to_address": m.to_address,
                "subject": m.subject,
                "status": _(m.status.label),
                "sent_at": m.sent_at,
                "text": m.text_body,
            }
            for m in rows
        ),
    )
