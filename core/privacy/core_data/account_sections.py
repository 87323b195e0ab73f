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
from parvis.privacy.declarations import ExportColumn, ExportSection, export_table, section
from parvis.two_factor import RecoveryCode, TwoFactor

if TYPE_CHECKING:
    pass


def sessions_section(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(
        select(AuthSession).where(AuthSession.account_id == account.id).order_by(AuthSession.created_at)
    )
    return export_table(
        "core.sessions",
        _("Sign-in sessions"),
        [ExportColumn("created_at", _("Signed in")), ExportColumn("expires_at", _("Expires"))],
        rows,
        note=_("Session keys are not shown: the site keeps only a hash of them."),
    )


def sign_ins_section(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(select(SignIn).where(SignIn.account_id == account.id).order_by(SignIn.at))
    return export_table(
        "core.sign_ins",
        _("Your last sign-ins"),
        [
            ExportColumn("at", _("When")),
            ExportColumn("address", _("Network address")),
            ExportColumn("user_agent", _("Browser")),
        ],
        rows,
    )


def jobs_section(db: Session, account: Account) -> ExportSection | None:
    from parvis.jobs.models import Job

    rows = db.scalars(select(Job).where(Job.owner_id == account.id).order_by(Job.created_at))
    return export_table(
        "core.jobs",
        _("Background tasks you started"),
        [
            ExportColumn("kind", _("Task")),
            ExportColumn("created_at", _("Started")),
            ExportColumn("status", _("Status"), lambda j: str(j.status)),
        ],
        rows,
    )


def failures_section(db: Session, account: Account) -> ExportSection | None:
    return export_table(
        "core.failed_sign_ins",
        _("Failed sign-in attempts with your e-mail address"),
        [
            ExportColumn("counted", _("Counted under"), lambda c: c.key),
            ExportColumn("count", _("Attempts")),
            ExportColumn("at", _("Last attempt"), lambda c: c.updated_at),
            ExportColumn("wait_until", _("Next attempt allowed")),
        ],
        sign_in.counters_of(db, account),
        note=_("Attempts are counted per account, per network address and per both, never to lock you out."),
    )


def tokens_of(account: Account) -> Any:
    return (AccountToken.account_id == account.id) | (
        AccountToken.email_hash == address_digest(account.email)
    )


def links_section(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(select(AccountToken).where(tokens_of(account)).order_by(AccountToken.created_at))
    return export_table(
        "core.links",
        _("One-time links sent by e-mail"),
        [
            ExportColumn("purpose", _("For"), lambda t: _(t.purpose.label)),
            ExportColumn("new_email", _("New address")),
            ExportColumn("created_at", _("Sent")),
            ExportColumn("expires_at", _("Expires")),
        ],
        rows,
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
    return export_table(
        "core.mail",
        _("E-mails sent to you"),
        [
            ExportColumn("created_at", _("Written")),
            ExportColumn("to_address", _("To")),
            ExportColumn("subject", _("Subject")),
            ExportColumn("status", _("Status"), lambda m: _(m.status.label)),
            ExportColumn("sent_at", _("Sent")),
            ExportColumn("text", _("Text"), lambda m: m.text_body),
        ],
        rows,
    )
