"""Seating the applicants a draw chose. The draw itself is the council plugin's (parity, by
nationality...) through the core sortition engine, which records it for anyone to check; this
module turns its result into memberships and application statuses, the same for every council.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.bodies import services as bodies
from parvis.bodies.models import Body, College, Membership, MembershipStatus
from parvis.councils import applications as apps
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import Application, ApplicationStatus, Call
from parvis.db import utcnow
from parvis.i18n import _
from parvis.site import Site

if TYPE_CHECKING:
    from parvis.councils.spec import Council


@dataclass(frozen=True, slots=True)
class Seat:
    """One drawn applicant, the college they fill and when their mandate ends (None: the term's end)."""

    application: Application
    college: College | None = None
    ends_on: date | None = None


@dataclass(frozen=True, slots=True)
class DrawRequest:
    """What a council's ``draw`` gets: the call, its pool and the public values of the seed."""

    db: Session
    site: Site
    call: Call
    pool: Sequence[Application]
    public_inputs: Sequence[str]
    actor: Actor


@dataclass(frozen=True, slots=True)
class DrawOutcome:
    seats: Sequence[Seat]
    reference: str  # the public address of the draw's record, where anyone may re-run it


@dataclass(frozen=True, slots=True)
class GroupDraw:
    """What a draw by group chose: per group, the drawn applications in draw order."""

    drawn: dict[str, list[Application]]
    reference: str


def draw_by_group(
    db: Session,
    call: Call,
    pool: Sequence[Application],
    *,
    group_of: Callable[[Application], str],
    public_inputs: Sequence[str],
    seats: Mapping[str, int] | None = None,
    total: int | None = None,
) -> GroupDraw:
    """Draw among ``pool`` split into groups, through the core sortition engine, which records
    the draw (inputs' hash, seed, algorithm version, result) for anyone to check.

    ``seats`` fixes each group's seats (a parity draw); ``total`` instead shares that many seats
    among the groups in proportion to their applicants (largest remainders).
    """
    try:
        from parvis.sortition import councils as engine  # type: ignore[attr-defined]
    except ImportError:
        raise CouncilRefused(
            _("The sortition engine cannot run draws by group yet: the draw is not possible for now.")
        ) from None
    by_id = {a.public_id: a for a in pool}
    result = engine.draw_by_group(
        db,
        purpose=f"{call.body.slug}/{call.public_id}",
        pool={a.public_id: group_of(a) for a in pool},
        seats=dict(seats) if seats is not None else None,
        total=total,
        public_inputs=list(public_inputs),
    )
    drawn = {group: [by_id[i] for i in ids] for group, ids in result.drawn.items()}
    return GroupDraw(drawn=drawn, reference=result.reference)


def college(body: Body, code: str) -> College:
    """A body's college by code; a body set up without it cannot be drawn for (a clear refusal)."""
    for found in body.colleges:
        if found.code == code:
            return found
    raise CouncilRefused(
        _("This body has no college {code}: add it in the back office first.").format(code=code)
    )


def run_draw(
    db: Session, site: Site, council: Council, call: Call, *, public_inputs: Sequence[str], actor: Actor
) -> list[Membership]:
    """Draw the call's seats and seat the drawn applicants (invited until they accept)."""
    if call.drawn_at is not None:
        raise CouncilRefused(_("The draw of this call has already taken place."))
    if call.closes_on >= site.today():
        raise CouncilRefused(_("The draw takes place once the call is closed."))
    if not [v for v in public_inputs if v.strip()]:
        raise CouncilRefused(_("Enter the public values announced for the draw."), "public_inputs")
    pool = apps.in_the_draw(db, site, council, call)
    if not pool:
        raise CouncilRefused(_("No application can enter the draw."))
    outcome = council.draw(DrawRequest(db, site, call, pool, public_inputs, actor))
    return seat(db, site, call, pool, outcome)


def seat(
    db: Session, site: Site, call: Call, pool: Sequence[Application], outcome: DrawOutcome
) -> list[Membership]:
    """Memberships for the drawn, "drawn" / "not drawn" for the pool, the call marked as drawn."""
    body, term = call.body, call.term
    drawn_ids = {s.application.id for s in outcome.seats}
    if len(drawn_ids) != len(outcome.seats) or not drawn_ids <= {a.id for a in pool}:
        raise ValueError("a draw may seat only applications of its pool, once each")
    # Lock the call: two officials pressing "draw" at once seat one panel (PostgreSQL; SQLite
    # writers are serialised already).
    db.execute(select(Call.id).where(Call.id == call.id).with_for_update())
    seated = [
        bodies.add_member(
            db,
            site,
            body,
            term,
            s.application.person,
            college=s.college,
            status=MembershipStatus.INVITED,
            starts_on=term.starts_on,
            ends_on=s.ends_on,
        )
        for s in outcome.seats
    ]
    for application in pool:
        drawn = application.id in drawn_ids
        application.status = ApplicationStatus.DRAWN if drawn else ApplicationStatus.NOT_DRAWN
    call.drawn_at = utcnow()
    call.draw_reference = outcome.reference[:300]
    db.flush()
    return seated
