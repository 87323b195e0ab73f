"""Calls for applications and applications: who may apply, and who enters the draw.

Every check runs before anything changes and raises ``CouncilRefused`` with the reasons, so the
form can list them all at once ("You must be at most 30 years old. ..."). Functions flush; the
caller commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from parvis.bodies import services as bodies
from parvis.bodies.models import Body, Membership, MembershipStatus, Term
from parvis.councils import lifecycle
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import Application, ApplicationStatus, Call
from parvis.db import utcnow
from parvis.i18n import _, ngettext
from parvis.identity import Person

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.councils.spec import Council
    from parvis.site import Site

# Memberships that count as having sat on the council during a term.
SAT = (MembershipStatus.ACTIVE, MembershipStatus.LEFT)


# -- calls -----------------------------------------------------------------------------------


def create_call(
    db: Session,
    body: Body,
    term: Term,
    *,
    title: str,
    opens_on: date,
    closes_on: date,
    description: str = "",
) -> Call:
    title = (title or "").strip()
    if not title:
        raise CouncilRefused(_("This field is required."), "title", status_code=400)
    if term.body_id != body.id:
        raise CouncilRefused(_("Choose among the options shown."), "term", status_code=400)
    if closes_on < opens_on:
        raise CouncilRefused(
            _("The closing date must not be before the opening date."), "closes_on", status_code=400
        )
    call = Call(
        body_id=body.id,
        term_id=term.id,
        title=title[:200],
        description=(description or "").strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        status=lifecycle.initial(db, lifecycle.CALL),
    )
    db.add(call)
    db.flush()
    return call


def calls(db: Session, body: Body) -> list[Call]:
    """A body's calls, the newest first."""
    query = select(Call).where(Call.body_id == body.id).order_by(Call.opens_on.desc(), Call.id.desc())
    return list(db.scalars(query.options(joinedload(Call.term))))


def current_call(db: Session, body: Body, day: date) -> Call | None:
    """The call open on ``day`` (the latest opened one if several are)."""
    return db.scalar(
        select(Call)
        .where(Call.body_id == body.id, Call.opens_on <= day, Call.closes_on >= day, Call.drawn_at.is_(None))
        .order_by(Call.opens_on.desc(), Call.id.desc())
        .limit(1)
    )


def call_by_public_id(db: Session, body: Body, public_id: str) -> Call | None:
    return db.scalar(select(Call).where(Call.public_id == public_id[:24], Call.body_id == body.id))


# -- who may apply -----------------------------------------------------------------------------


def consecutive_years(db: Session, body: Body, person: Person, before: Term) -> int:
    """How many terms in a row, up to the one before ``before``, ``person`` sat on ``body``.

    Councils renew their members once a year, so a term is a year of mandate.
    """
    earlier = db.scalars(
        select(Term)
        .where(Term.body_id == body.id, Term.starts_on < before.starts_on)
        .order_by(Term.starts_on.desc())
    ).all()
    sat_in = set(
        db.scalars(
            select(Membership.term_id).where(
                Membership.body_id == body.id,
                Membership.person_id == person.id,
                Membership.status.in_(SAT),
            )
        )
    )
    count = 0
    for term in earlier:
        if term.id not in sat_in:
            break
        count += 1
    return count


def failures(
    db: Session,
    site: Site,
    council: Council,
    call: Call,
    person: Person,
    *,
    details: Mapping[str, Any],
    today: date,
) -> list[str]:
    """Every reason ``person`` may not apply to ``call`` (empty when they may)."""
    settings = council.settings(site)
    body = call.body
    reasons = list(settings.eligibility.failures(person, today))
    for reason in bodies.eligibility_failures(site, body, person, None, call.term.starts_on):
        if reason not in reasons:
            reasons.append(reason)
    sitting = db.scalar(
        select(Membership.id).where(
            Membership.term_id == call.term_id,
            Membership.person_id == person.id,
            Membership.status.in_(bodies.SEAT_HOLDING),
        )
    )
    if sitting:
        reasons.append(_("You already sit on this council for the term {term}.").format(term=call.term.label))
    limit = settings.max_consecutive_years
    if limit is not None and consecutive_years(db, body, person, call.term) >= limit:
        reasons.append(
            ngettext(
                "Members may sit {count} year in a row; you may apply again after a break.",
                "Members may sit {count} years in a row; you may apply again after a break.",
                limit,
            ).format(count=limit)
        )
    reasons.extend(council.extra_failures(db, site, body, person, details))
    return reasons


def application_of(db: Session, call: Call, person_id: int | None) -> Application | None:
    if person_id is None:
        return None
    return db.scalar(
        select(Application).where(Application.call_id == call.id, Application.person_id == person_id)
    )


def apply(
    db: Session,
    site: Site,
    council: Council,
    call: Call,
    person: Person,
    *,
    motivation: str = "",
    details: Mapping[str, Any] | None = None,
    today: date,
    actor: Actor | None = None,
) -> Application:
    """Record an application, or raise CouncilRefused with every reason it is not admissible.

    A withdrawn application is submitted again (its workflow's ``reapply``) by ``actor``, the
    applicant (None: the caller checked who applies)."""
    details = dict(details or {})
    if not call.is_open(today):
        raise CouncilRefused(_("Applications for this call are closed."))
    existing = application_of(db, call, person.id)
    if existing is not None and not lifecycle.leads_from_here(db, lifecycle.APPLICATION, existing, "reapply"):
        raise CouncilRefused(_("You have already applied to this call."))
    reasons = failures(db, site, council, call, person, details=details, today=today)
    if reasons:
        raise CouncilRefused(_("You cannot apply to this call:"), None, reasons)
    if existing is not None:
        lifecycle.advance(db, lifecycle.APPLICATION, existing, "reapply", actor)
    application = existing or Application(
        call_id=call.id, person_id=person.id, status=lifecycle.initial(db, lifecycle.APPLICATION)
    )
    application.motivation = (motivation or "").strip()
    application.details = details
    application.review_note, application.reviewed_at, application.reviewed_by_id = "", None, None
    db.add(application)
    db.flush()
    return application


def withdraw(db: Session, application: Application, actor: Actor | None = None) -> None:
    """The applicant (``actor``; None: the route checked it is theirs) takes back an application
    the draw has not yet decided (the workflow's ``withdraw``)."""
    if not lifecycle.leads_from_here(db, lifecycle.APPLICATION, application, "withdraw"):
        raise CouncilRefused(_("This application can no longer be withdrawn."))
    lifecycle.advance(db, lifecycle.APPLICATION, application, "withdraw", actor)
    db.flush()


def review(db: Session, application: Application, actor: Actor, *, admissible: bool, note: str = "") -> None:
    """An official's check of what the applicant declared: admitted to the draw (the workflow's
    ``verify``), or not, with why (``reject``)."""
    step = "verify" if admissible else "reject"
    if not lifecycle.leads_from_here(db, lifecycle.APPLICATION, application, step):
        raise CouncilRefused(_("The draw has already decided this application."))
    note = (note or "").strip()
    if not admissible and not note:
        raise CouncilRefused(_("Say why the application is not admissible."), "note", status_code=400)
    lifecycle.advance(db, lifecycle.APPLICATION, application, step, actor, comment=note)
    application.review_note = note
    application.reviewed_at = utcnow()
    application.reviewed_by_id = actor.account.id if actor.account else None
    db.flush()


def applications(db: Session, call: Call) -> list[Application]:
    """A call's applications with their applicants, in the order they arrived."""
    return list(
        db.scalars(
            select(Application)
            .options(joinedload(Application.person))
            .where(Application.call_id == call.id)
            .order_by(Application.created_at, Application.id)
        )
    )


def in_the_draw(db: Session, site: Site, council: Council, call: Call) -> list[Application]:
    """The applications the draw chooses among: checked ones, or every received one when the
    council's settings do not ask for a check."""
    admitted = {ApplicationStatus.VERIFIED}
    if not council.settings(site).review_applications:
        admitted.add(ApplicationStatus.SUBMITTED)
    return [a for a in applications(db, call) if a.status in admitted]
