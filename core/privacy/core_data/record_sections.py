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
from parvis.privacy.declarations import ExportColumn, ExportSection, export_table

if TYPE_CHECKING:
    pass


def memberships_section(db: Session, person: Person) -> ExportSection | None:
    rows = db.execute(
        select(
            Membership.role,
            Membership.status,
            Membership.starts_on,
            Membership.ends_on,
            Body.name.label("body"),
            Term.label.label("term"),
            College.name.label("college"),
        )
        .join(Body, Body.id == Membership.body_id)
        .join(Term, Term.id == Membership.term_id)
        .outerjoin(College, College.id == Membership.college_id)
        .where(Membership.person_id == person.id)
        .order_by(Term.starts_on, Membership.id)
    )
    return export_table(
        "core.memberships",
        _("Memberships of participatory bodies"),
        [
            ExportColumn("body", _("Body")),
            ExportColumn("term", _("Term")),
            ExportColumn("college", _("College")),
            ExportColumn("role", _("Role")),
            ExportColumn("status", _("Status"), lambda m: _(m.status.label)),
            ExportColumn("starts_on", _("From")),
            ExportColumn("ends_on", _("Until")),
        ],
        rows,
    )


def attendance_section(db: Session, person: Person) -> ExportSection | None:
    rows = db.execute(
        select(Attendance.status, Meeting.title.label("meeting"), Meeting.starts_at, Body.name.label("body"))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Body, Body.id == Meeting.body_id)
        .where(Attendance.person_id == person.id)
        .order_by(Meeting.starts_at)
    )
    return export_table(
        "core.attendance",
        _("Attendance at meetings"),
        [
            ExportColumn("body", _("Body")),
            ExportColumn("meeting", _("Meeting")),
            ExportColumn("starts_at", _("When")),
            ExportColumn("status", _("Attendance"), lambda a: _(a.status.label)),
        ],
        rows,
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
    return export_table(
        "core.audit",
        _("Audit log entries about you or your actions"),
        [
            ExportColumn("at", _("When")),
            ExportColumn("actor", _("Who"), lambda e: e.actor_name),
            # Another official's network address is theirs, not yours.
            ExportColumn(
                "address", _("Network address"), lambda e: e.address if e.actor_id == mine else None
            ),
            ExportColumn("action", _("Action")),
            ExportColumn("target", _("Object"), lambda e: e.target_label or e.target_id),
            ExportColumn("records", _("People concerned")),
        ],
        rows,
    )
