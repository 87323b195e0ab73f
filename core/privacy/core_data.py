"""Core's own personal data: the account, the person's details, sessions, failed sign-ins, the
e-mail outbox, memberships and attendance, and the audit log.

The hook implementations in ``parvis.defaults`` call these functions. Erasure here runs after
every plugin's (``trylast``); ``parvis.privacy.erase`` then deletes the account and deletes or
anonymises the person record.

What erasure keeps, and why:

- memberships of participatory bodies and attendance at their meetings stay, linked to an
  anonymous record: a body's composition and its attendance are public records of the City, and
  counts (seats held, quorum) must not change; a membership still running ends on the day;
- entries of the audit log that name the person (their privileged actions, downloads of their
  data) stay until the log's retention ends: accountability of privileged actions is a legal
  obligation (security of processing, GDPR article 32), and the log is append-only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from parvis import ratelimit, sign_in
from parvis.accounts.tokens import PURPOSE_LABELS, AccountToken
from parvis.accounts.tokens import digest as address_digest
from parvis.audit import AuditEvent
from parvis.auth import SESSION_LIFETIME, AuthSession, SignIn
from parvis.bodies.models import (
    ATTENDANCE_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    Attendance,
    Body,
    College,
    Meeting,
    Membership,
    MembershipStatus,
    Term,
)
from parvis.i18n import N_, _, lazy_gettext, word
from parvis.identity import GENDER_LABELS, NATIONALITY_LABELS, Account, Person, RoleGrant
from parvis.mail.outbox import MailStatus, OutboxMail
from parvis.permissions import ROLE_LABELS
from parvis.privacy.declarations import ExportSection, Kept, LegalBasis, PersonalData, Retention, section
from parvis.two_factor import RecoveryCode, TwoFactor

if TYPE_CHECKING:
    from parvis.site import Site

ACCOUNT = lazy_gettext("Your account")
BODIES = lazy_gettext("Participatory bodies")
OFFICIALS = lazy_gettext("Officials' work")
SECURITY = lazy_gettext("Security and accountability")

MAIL_STATUS_LABELS = {
    MailStatus.QUEUED: N_("Waiting"),
    MailStatus.SENT: N_("Sent"),
    MailStatus.FAILED: N_("Failed"),
}


def declarations(site: Site) -> list[PersonalData]:
    server, mail = site.config.server, site.config.mail
    officials = lazy_gettext("The City's officials and administrators who run the site")
    return [
        PersonalData(
            code="core.account",
            service=ACCOUNT,
            title=lazy_gettext("Your account"),
            categories=(
                lazy_gettext("e-mail address and the name shown on the site"),
                lazy_gettext("password, stored only as an irreversible hash"),
                lazy_gettext("language, when the account was created and when you last signed in"),
                lazy_gettext("roles on the site (official, administrator, member of a body)"),
            ),
            purpose=lazy_gettext("To sign you in and let you take part, and to write to you about it."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("you delete your account")),
            recipients=(officials,),
            tables=("core_account", "core_role_grant"),
            order=10,
        ),
        PersonalData(
            code="core.person",
            service=ACCOUNT,
            title=lazy_gettext("Your details"),
            categories=(
                lazy_gettext("given and family name"),
                lazy_gettext("date of birth, gender and nationality (French, other EU, outside the EU)"),
                lazy_gettext(
                    "whether you live in the city, your {site.district} and {site.neighbourhood}, "
                    "your address"
                ),
            ),
            purpose=lazy_gettext(
                "To check what you may take part in (age, residence, nationality) and, in draws by lot, "
                "that the people drawn resemble the city. These facts are never published."
            ),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("you delete your account")),
            recipients=(officials,),
            tables=("core_person",),
            order=11,
        ),
        PersonalData(
            code="core.sessions",
            service=ACCOUNT,
            title=lazy_gettext("Sign-in sessions and failed sign-ins"),
            categories=(
                lazy_gettext("when you signed in (the session key is stored only as a hash)"),
                lazy_gettext("your last sign-ins: when, from which network address, with which browser"),
                lazy_gettext(
                    "failed sign-in attempts: a hash of the e-mail address typed, the network address"
                ),
            ),
            purpose=lazy_gettext("To keep you signed in, and to protect accounts from password guessing."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("you sign in"), days=SESSION_LIFETIME.days),
            recipients=(lazy_gettext("Nobody: only the site itself uses them"),),
            tables=("core_auth_session", "core_rate_counter", "core_sign_in"),
            order=12,
        ),
        PersonalData(
            code="core.two_factor",
            service=ACCOUNT,
            title=lazy_gettext("Two-factor authentication"),
            categories=(
                lazy_gettext(
                    "the secret your authenticator app shares with the site, hashes of your recovery codes, "
                    "when you turned it on and used a code"
                ),
            ),
            purpose=lazy_gettext("To ask for a second proof when you sign in, if you turned it on."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("you turn two-factor authentication off")),
            recipients=(lazy_gettext("Nobody: only the site itself uses them"),),
            tables=("core_two_factor", "core_recovery_code"),
            order=12,
        ),
        PersonalData(
            code="core.links",
            service=ACCOUNT,
            title=lazy_gettext("One-time links sent by e-mail"),
            categories=(
                lazy_gettext(
                    "what each link is for (a new password, confirming an address, an invitation), a hash of "
                    "the address it was sent to, the new address you asked for, when it expires"
                ),
            ),
            purpose=lazy_gettext("To let only the owner of an address reset a password or confirm it."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(
                N_("the link is sent"),
                days=max(1, -(-site.config.accounts.invitation_link_hours // 24)),
            ),
            recipients=(lazy_gettext("Nobody: only the site itself uses them"),),
            tables=("core_account_token",),
            order=13,
        ),
        PersonalData(
            code="core.mail",
            service=ACCOUNT,
            title=lazy_gettext("E-mails sent to you"),
            categories=(lazy_gettext("address, subject and text of each message, when it was sent"),),
            purpose=lazy_gettext(
                "To deliver messages even when the mail server is down, and to let administrators see "
                "messages that could not be delivered."
            ),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the message is sent"), days=mail.sent_retention_days),
            recipients=(
                lazy_gettext("The mail server that delivers the site's messages"),
                lazy_gettext("The site's administrators"),
            ),
            tables=("core_mail",),
            order=13,
        ),
        PersonalData(
            code="core.jobs",
            service=ACCOUNT,
            title=lazy_gettext("Background tasks you started"),
            categories=(
                lazy_gettext("what you asked for (a draw, an export, a document), when, and its result"),
            ),
            purpose=lazy_gettext(
                "To do long work without keeping you waiting, and to show you its progress."
            ),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the task ends"), days=site.settings("jobs").keep_days),
            recipients=(lazy_gettext("You, and the officials who run the site for their own tasks"),),
            tables=("core_job",),
            order=14,
        ),
        PersonalData(
            code="core.memberships",
            service=BODIES,
            title=lazy_gettext("Memberships and attendance"),
            categories=(
                lazy_gettext(
                    "the bodies, terms and colleges you sit in, your role, when you joined and left"
                ),
                lazy_gettext("whether you attended each meeting"),
            ),
            purpose=lazy_gettext(
                "To know who sits in each body, check quorums, and keep the public record of its work."
            ),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the body's records are archived")),
            recipients=(
                lazy_gettext("The other members of the body and the officials who run it"),
                lazy_gettext("The public, for the members' names of bodies that publish them"),
            ),
            tables=("core_membership", "core_attendance"),
            order=20,
        ),
        PersonalData(
            code="core.audit",
            service=SECURITY,
            title=lazy_gettext("Audit log"),
            categories=(
                lazy_gettext(
                    "privileged actions (role changes, draws, publications, deletions) and every download "
                    "of personal data: who, when, from which network address, on what"
                ),
            ),
            purpose=lazy_gettext("To account for every privileged action and every access to personal data."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("the action"), days=max(server.audit_retention_days, 365)),
            recipients=(lazy_gettext("The site's administrators"),),
            tables=("core_audit_event",),
            order=90,
        ),
        PersonalData(
            code="core.officials",
            service=OFFICIALS,
            title=lazy_gettext("Officials' names on their work"),
            categories=(
                lazy_gettext("which official's account granted a role, created or reviewed an item"),
            ),
            purpose=lazy_gettext("To know who did what in the back office."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the official's account is deleted")),
            recipients=(lazy_gettext("The City's officials and administrators who run the site"),),
            tables=("core_role_grant",),
            order=95,
        ),
    ]


# -- export ------------------------------------------------------------------------------------


def _label(labels: dict[Any, str], value: Any) -> str | None:
    return _(labels[value]) if value in labels else (str(value) if value is not None else None)


def _roles(db: Session, account: Account) -> list[str]:
    found = []
    for grant, body_name in db.execute(
        select(RoleGrant, Body.name)
        .outerjoin(Body, Body.id == RoleGrant.body_id)
        .where(RoleGrant.account_id == account.id)
        .order_by(RoleGrant.id)
    ):
        role = _label(ROLE_LABELS, grant.role) or grant.role
        place = body_name or grant.district
        found.append(f"{role} ({place})" if place else role)
    return found


def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    sections: list[ExportSection | None] = []
    if account is not None:
        sections.append(
            section(
                "core.account",
                _("Your account"),
                [
                    ("email", _("E-mail address")),
                    ("display_name", _("Name shown on the site")),
                    ("locale", _("Language")),
                    ("active", _("Active")),
                    ("created_at", _("Created")),
                    ("last_login_at", _("Last sign-in")),
                    ("roles", _("Roles")),
                ],
                [
                    {
                        "email": account.email,
                        "display_name": account.display_name,
                        "locale": account.locale,
                        "active": account.active,
                        "created_at": account.created_at,
                        "last_login_at": account.last_login_at,
                        "roles": _roles(db, account),
                    }
                ],
                note=_("Your password is not shown: the site keeps only an irreversible hash of it."),
            )
        )
    if person is not None:
        sections.append(
            section(
                "core.person",
                _("Your details"),
                [
                    ("given_name", _("Given name")),
                    ("family_name", _("Family name")),
                    ("email", _("E-mail address")),
                    ("birth_date", _("Date of birth")),
                    ("gender", _("Gender")),
                    ("nationality_group", _("Nationality")),
                    ("nationality", _("Country of nationality")),
                    ("resident", _("Lives in the city")),
                    ("district", word("district", "Name")),
                    ("neighbourhood", word("neighbourhood", "Name")),
                    ("address", _("Address")),
                    ("created_at", _("Created")),
                    ("updated_at", _("Last changed")),
                ],
                [
                    {
                        "given_name": person.given_name,
                        "family_name": person.family_name,
                        "email": person.email,
                        "birth_date": person.birth_date,
                        "gender": _label(GENDER_LABELS, person.gender),
                        "nationality_group": _label(NATIONALITY_LABELS, person.nationality_group),
                        "nationality": person.nationality,
                        "resident": person.resident,
                        "district": _district(site, person.district),
                        "neighbourhood": _neighbourhood(site, person.neighbourhood),
                        "address": person.address,
                        "created_at": person.created_at,
                        "updated_at": person.updated_at,
                    }
                ],
            )
        )
    if account is not None:
        sections += [
            _sessions(db, account),
            _sign_ins(db, account),
            _failures(db, account),
            _links(db, account),
            _two_factor(db, account),
            _mails(db, account),
        ]
        sections.append(_jobs(db, account))
    if person is not None:
        sections += [_memberships(db, person), _attendance(db, person)]
    sections.append(_audit(db, account, person))
    return sections


def _district(site: Site, code: str | None) -> str | None:
    found = site.config.district(code or "")
    return found.name if found else code


def _neighbourhood(site: Site, code: str | None) -> str | None:
    found = site.config.neighbourhood(code or "")
    return found.name if found else code


def _sessions(db: Session, account: Account) -> ExportSection | None:
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


def _sign_ins(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(select(SignIn).where(SignIn.account_id == account.id).order_by(SignIn.at))
    return section(
        "core.sign_ins",
        _("Your last sign-ins"),
        [("at", _("When")), ("address", _("Network address")), ("user_agent", _("Browser"))],
        ({"at": r.at, "address": r.address, "user_agent": r.user_agent} for r in rows),
    )


def _jobs(db: Session, account: Account) -> ExportSection | None:
    from parvis.jobs.models import Job

    rows = db.scalars(select(Job).where(Job.owner_id == account.id).order_by(Job.created_at))
    return section(
        "core.jobs",
        _("Background tasks you started"),
        [("kind", _("Task")), ("created_at", _("Started")), ("status", _("Status"))],
        ({"kind": j.kind, "created_at": j.created_at, "status": str(j.status)} for j in rows),
    )


def _failures(db: Session, account: Account) -> ExportSection | None:
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


def _tokens_of(account: Account) -> Any:
    return (AccountToken.account_id == account.id) | (
        AccountToken.email_hash == address_digest(account.email)
    )


def _links(db: Session, account: Account) -> ExportSection | None:
    rows = db.scalars(select(AccountToken).where(_tokens_of(account)).order_by(AccountToken.created_at))
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
                "purpose": _label(PURPOSE_LABELS, t.purpose),
                "new_email": t.new_email,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
            }
            for t in rows
        ),
        note=_("The links themselves are not shown: the site keeps only a hash of them."),
    )


def _two_factor(db: Session, account: Account) -> ExportSection | None:
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


def _mails(db: Session, account: Account) -> ExportSection | None:
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
                "status": _label(MAIL_STATUS_LABELS, m.status),
                "sent_at": m.sent_at,
                "text": m.text_body,
            }
            for m in rows
        ),
    )


def _memberships(db: Session, person: Person) -> ExportSection | None:
    rows = db.execute(
        select(Membership, Body.name, Term.label, College.name)
        .join(Body, Body.id == Membership.body_id)
        .join(Term, Term.id == Membership.term_id)
        .outerjoin(College, College.id == Membership.college_id)
        .where(Membership.person_id == person.id)
        .order_by(Term.starts_on, Membership.id)
    )
    return section(
        "core.memberships",
        _("Memberships of participatory bodies"),
        [
            ("body", _("Body")),
            ("term", _("Term")),
            ("college", _("College")),
            ("role", _("Role")),
            ("status", _("Status")),
            ("starts_on", _("From")),
            ("ends_on", _("Until")),
        ],
        (
            {
                "body": body,
                "term": term,
                "college": college,
                "role": m.role,
                "status": _label(MEMBERSHIP_STATUS_LABELS, m.status),
                "starts_on": m.starts_on,
                "ends_on": m.ends_on,
            }
            for m, body, term, college in rows
        ),
    )


def _attendance(db: Session, person: Person) -> ExportSection | None:
    rows = db.execute(
        select(Attendance.status, Meeting.title, Meeting.starts_at, Body.name)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .where(Attendance.person_id == person.id)
        .order_by(Meeting.starts_at)
    )
    return section(
        "core.attendance",
        _("Attendance at meetings"),
        [
            ("body", _("Body")),
            ("meeting", _("Meeting")),
            ("starts_at", _("When")),
            ("status", _("Attendance")),
        ],
        (
            {"body": body, "meeting": title, "starts_at": at, "status": _label(ATTENDANCE_LABELS, status)}
            for status, title, at, body in rows
        ),
    )


def _audit_query(account: Account | None, person: Person | None) -> Any:
    conditions = []
    if account is not None:
        conditions += [AuditEvent.actor_id == account.id, AuditEvent.target_id == account.public_id]
    if person is not None:
        conditions.append(AuditEvent.target_id == person.public_id)
    return select(AuditEvent).where(or_(*conditions)) if conditions else None


def _audit(db: Session, account: Account | None, person: Person | None) -> ExportSection | None:
    query = _audit_query(account, person)
    if query is None:
        return None
    rows = db.scalars(query.order_by(AuditEvent.at, AuditEvent.id))
    mine = account.id if account is not None else None
    return section(
        "core.audit",
        _("Audit log entries about you or your actions"),
        [
            ("at", _("When")),
            ("actor", _("Who")),
            ("address", _("Network address")),
            ("action", _("Action")),
            ("target", _("Object")),
            ("records", _("People concerned")),
        ],
        (
            {
                "at": e.at,
                "actor": e.actor_name,
                # Another official's network address is theirs, not yours.
                "address": e.address if e.actor_id == mine else None,
                "action": e.action,
                "target": e.target_label or e.target_id,
                "records": e.records,
            }
            for e in rows
        ),
    )


# -- erasure -----------------------------------------------------------------------------------


def _memberships_to_keep(db: Session, person: Person | None) -> tuple[int, int]:
    if person is None:
        return 0, 0
    memberships = db.scalar(select(func.count()).where(Membership.person_id == person.id)) or 0
    attendance = db.scalar(select(func.count()).where(Attendance.person_id == person.id)) or 0
    return int(memberships), int(attendance)


def kept(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    found = []
    memberships, attendance = _memberships_to_keep(db, person)
    if memberships or attendance:
        found.append(
            Kept(
                what=_("Your memberships of participatory bodies and your attendance at their meetings"),
                why=_(
                    "A body's composition and attendance are public records of the City and its counts "
                    "(seats, quorum) must not change. They stay without your name or any detail about you; "
                    "a membership still running ends today."
                ),
                until=Retention(N_("the body's records are archived")).describe(),
                tables=("core_membership", "core_attendance"),
            )
        )
    query = _audit_query(account, person)
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
        db.execute(delete(AccountToken).where(_tokens_of(account)))
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
        "core.sessions": _count(db.execute(delete(AuthSession).where(AuthSession.expires_at < now))),
        "core.failed_sign_ins": ratelimit.purge_stale(
            db, site, timedelta(hours=site.config.security.forget_after_hours)
        ),
        "core.links": sign_in.purge_expired_tokens(db, site),
        "core.mail": _count(
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


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
