"""Erasure of core's personal data (what is kept and why) and the scheduled purge."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from parvis import ratelimit, sign_in
from parvis.accounts.tokens import AccountToken
from parvis.auth import AuthSession, SignIn
from parvis.bodies.models import (
    Attendance,
    Membership,
    MembershipStatus,
)
from parvis.db import rows_affected
from parvis.i18n import N_, _
from parvis.identity import Account, Person, RoleGrant
from parvis.mail.outbox import MailStatus, OutboxMail
from parvis.privacy.core_data.account_sections import tokens_of
from parvis.privacy.core_data.declarations import BODY_RECORDS
from parvis.privacy.core_data.record_sections import audit_query
from parvis.privacy.declarations import Kept, Retention
from parvis.privacy.kept import KeptRule, kept_by
from parvis.two_factor import RecoveryCode, TwoFactor

if TYPE_CHECKING:
    from parvis.site import Site


# -- erasure -----------------------------------------------------------------------------------


MEMBERSHIPS = KeptRule(
    what=N_("Your memberships of participatory bodies and your attendance at their meetings"),
    why=N_(
        "A body's composition and attendance are public records of the City and its counts "
        "(seats, quorum) must not change. They stay without your name or any detail about you; "
        "a membership still running ends today."
    ),
    person=(Membership.person_id, Attendance.person_id),
    until=BODY_RECORDS,
    tables=("core_membership", "core_attendance"),
)


def kept(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    found = kept_by([MEMBERSHIPS], db, account, person)
    query = audit_query(account, person)
    if query is not None and db.scalar(select(func.count()).select_from(query.subquery())):
        found.append(
            Kept(
                what=_("Audit log entries about your privileged actions or about your account"),
                why=_(
                    "The City must account for every privileged action and every access to personal data "
                    "(legal obligation); the log cannot be changed."
                ),
                until=Retention(
                    N_("the action"), days=max(site.config.server.audit_retention_days, 365)
                ).describe(),
                tables=("core_audit_event",),
            )
        )
    return found


def erase(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    found = kept(db, site, account, person)
    if account is not None:
        from parvis.jobs.models import Job

        db.execute(delete(AuthSession).where(AuthSession.account_id == account.id))
        db.execute(delete(SignIn).where(SignIn.account_id == account.id))
        db.execute(delete(AccountToken).where(tokens_of(account)))
        db.execute(delete(Job).where(Job.owner_id == account.id))
        sign_in.forget_counters(db, account)
        db.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
        db.execute(delete(TwoFactor).where(TwoFactor.account_id == account.id))
        db.execute(delete(RoleGrant).where(RoleGrant.account_id == account.id))
        db.execute(
            delete(OutboxMail).where(
                or_(OutboxMail.account_id == account.id, func.lower(OutboxMail.to_address) == account.email)
            )
        )
    if person is not None:
        if person.email:
            db.execute(delete(OutboxMail).where(func.lower(OutboxMail.to_address) == person.email.lower()))
        today = site.today()
        db.execute(
            update(Membership)
            .where(Membership.person_id == person.id, Membership.status == MembershipStatus.ACTIVE)
            .values(status=MembershipStatus.LEFT, ends_on=today)
            .execution_options(synchronize_session=False)
        )
        db.execute(
            update(Membership)
            .where(Membership.person_id == person.id, Membership.status == MembershipStatus.INVITED)
            .values(status=MembershipStatus.DECLINED)
            .execution_options(synchronize_session=False)
        )
    return found


# -- retention -----------------------------------------------------------------------------------


def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    from parvis import audit

    server, mail = site.config.server, site.config.mail
    counts = {
        "core.sessions": rows_affected(db.execute(delete(AuthSession).where(AuthSession.expires_at < now))),
        "core.failed_sign_ins": ratelimit.purge_stale(
            db, site, timedelta(hours=site.config.security.forget_after_hours)
        ),
        "core.links": sign_in.purge_expired_tokens(db, site),
        "core.mail": rows_affected(
            db.execute(
                delete(OutboxMail).where(
                    OutboxMail.status != MailStatus.QUEUED,
                    func.coalesce(OutboxMail.sent_at, OutboxMail.created_at)
                    < now - timedelta(days=mail.sent_retention_days),
                )
            )
        ),
        "core.audit": audit.purge(db, site, server.audit_retention_days),
    }
    from parvis.privacy.service import delete_unreferenced_erased_people

    counts["core.erased_people"] = delete_unreferenced_erased_people(db)
    return counts
