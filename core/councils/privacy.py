"""Personal data of a council's calls for applications, per council (``kit`` registers it).

Each council plugin declares, exports, erases and purges only the applications to its own
bodies, so a city that enables one council lists only that one on its privacy page. Memberships
are core's (``parvis.privacy.core_data``).

Erasure deletes the applications. A drawn call's published pool keeps the application's
pseudonymous id and its group, so anyone can still re-run the draw; once the application is gone
nothing links that id to the person. The daily purge deletes applications
``applications_kept_months`` after the draw, or after the end of the term for the people drawn.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body, Term
from parvis.councils import lifecycle
from parvis.councils.models import Application, ApplicationStatus, Call
from parvis.db import rows_affected
from parvis.i18n import N_, _, lazy_gettext
from parvis.identity import Person
from parvis.privacy.declarations import (
    ExportColumn,
    ExportSection,
    Kept,
    LegalBasis,
    PersonalData,
    Retention,
    export_table,
    retention_span,
)

if TYPE_CHECKING:
    from parvis.councils.spec import Council
    from parvis.site import Site


def declarations(council: Council, site: Site) -> list[PersonalData]:
    months = council.settings(site).applications_kept_months
    return [
        PersonalData(
            code=f"{council.kind}.applications",
            service=council.title,
            title=lazy_gettext("Applications"),
            categories=(
                lazy_gettext("your name, date of birth, gender and the facts your account holds"),
                lazy_gettext("your motivation and the council's own questions"),
                lazy_gettext("the official's check of your application and its note"),
                lazy_gettext("whether you were drawn"),
            ),
            purpose=lazy_gettext(
                "To check that applicants may sit on the council and draw its members by lot among them."
            ),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the draw (for the people drawn: the end of their term)"), months=months),
            recipients=(
                lazy_gettext("The officials who run the council"),
                lazy_gettext("The public sees only a pseudonymous id in the published draw"),
            ),
            tables=("core_council_application",),
            order=40,
        )
    ]


def _applications(db: Session, council: Council, person: Person) -> Any:
    return (
        select(Application, Call, Body.name)
        .join(Call, Call.id == Application.call_id)
        .join(Body, Body.id == Call.body_id)
        .where(Application.person_id == person.id, Body.kind == council.kind)
    )


def export(council: Council, db: Session, site: Site, person: Person | None) -> list[ExportSection | None]:
    if person is None:
        return []
    # The call comes with each application (same query); its body is one lookup per council.
    applications = db.scalars(_applications(db, council, person).order_by(Application.created_at))
    return [
        export_table(
            f"{council.kind}.applications",
            _("{council}: applications").format(council=council.title),
            [
                ExportColumn("body", _("Council"), lambda a: a.call.body.name),
                ExportColumn("call", _("Call for applications"), lambda a: a.call.title),
                ExportColumn("submitted", _("Sent"), lambda a: a.created_at),
                ExportColumn(
                    "status", _("Status"), lambda a: lifecycle.state_label(site, lifecycle.APPLICATION, a)
                ),
                ExportColumn("motivation", _("Motivation")),
                ExportColumn(
                    "details", _("Your answers"), lambda a: dict(council.describe_details(a.details or {}))
                ),
                ExportColumn("review_note", _("Official's note")),
                ExportColumn("reviewed_at", _("Checked")),
            ],
            applications,
        )
    ]


def kept(council: Council, db: Session, site: Site, person: Person | None) -> list[Kept]:
    if person is None:
        return []
    drawn = db.scalar(
        select(func.count()).select_from(
            _applications(db, council, person).where(Call.drawn_at.is_not(None)).subquery()
        )
    )
    if not drawn:
        return []
    return [
        Kept(
            what=_("{council}: the pseudonymous id of your application in the published draw").format(
                council=council.title
            ),
            why=_(
                "Anyone may re-run a published draw to check it; once your application is deleted, nothing "
                "links that id to you."
            ),
        )
    ]


def erase(council: Council, db: Session, site: Site, person: Person | None) -> list[Kept]:
    found = kept(council, db, site, person)
    if person is not None:
        ids = [a.id for a, _call, _body in db.execute(_applications(db, council, person))]
        if ids:
            db.execute(
                delete(Application)
                .where(Application.id.in_(ids))
                .execution_options(synchronize_session=False)
            )
    return found


def purge(council: Council, db: Session, site: Site, now: datetime) -> dict[str, int]:
    keep = retention_span(months=council.settings(site).applications_kept_months)
    calls = db.execute(
        select(Call.id, Call.drawn_at, Term.ends_on)
        .join(Body, Body.id == Call.body_id)
        .join(Term, Term.id == Call.term_id)
        .where(Body.kind == council.kind, Call.drawn_at.is_not(None), Call.drawn_at < now - keep)
    ).all()
    deleted = 0
    today = now.date()
    for call_id, _drawn_at, term_ends in calls:
        condition = Application.call_id == call_id
        if term_ends + keep >= today:  # the people drawn are still in (or just out of) their term
            condition = condition & (Application.status != ApplicationStatus.DRAWN)
        result = db.execute(delete(Application).where(condition).execution_options(synchronize_session=False))
        deleted += rows_affected(result)
    return {f"{council.kind}.applications": deleted}
