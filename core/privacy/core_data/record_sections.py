"""Export sections of the public records that name a person: memberships of bodies, attendance,
the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from parvis.audit import AuditEvent
from parvis.bodies.models import (
    Attendance,
    Body,
    College,
    Meeting,
    Membership,
    Term,
)
from parvis.i18n import _
from parvis.identity import Account, Person
from parvis.privacy.declarations import ExportSection, section

if TYPE_CHECKING:
    pass


def memberships_section(db: Session, person: Person) -> ExportSection | None:
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
                "status": _(m.status.label),
                "starts_on": m.starts_on,
                "ends_on": m.ends_on,
            }
            for m, body, term, college in rows
        ),
    )


def attendance_section(db: Session, person: Person) -> ExportSection | None:
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
            {"body": body, "meeting": title, "starts_at": at, "status": _(status.label)}
            for status, title, at, body in rows
        ),
    )


def audit_query(account: Account | None, person: Person | None) -> Any:
    conditions = []
    if account is not None:
        conditions += [AuditEvent.actor_id == account.id, AuditEvent.target_id == account.public_id]
    if person is not None:
        conditions.append(AuditEvent.target_id == person.public_id)
    return select(AuditEvent).where(or_(*conditions)) if conditions else None


def audit_section(db: Session, account: Account | None, person: Person | None) -> ExportSection | None:
    query = audit_query(account, person)
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
