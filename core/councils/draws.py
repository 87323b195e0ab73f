"""Councils' draws through the core sortition engine, and seating the applicants drawn.

A council's ``draw`` (parity for the Youth Council, proportional to nationality for the Council
of Europeans) calls ``draw_by_group``: one lot of ``parvis.sortition`` among the call's pool, with
pseudonymous ids (the applications' public ids) and the one column the draw uses. The engine's
record (inputs' hashes, public inputs, seed, algorithm version, result) and the canonical pool
file are kept on the call and published on its draw page, so anyone can re-run the draw. ``seat``
then turns the result into memberships and application statuses, the same for every council.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import sortition
from parvis.auth import Actor
from parvis.bodies import services as bodies
from parvis.bodies.models import Body, College, Membership, MembershipStatus
from parvis.councils import applications as apps
from parvis.councils import lifecycle
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import Application, Call
from parvis.db import utcnow
from parvis.draws.models import DrawEntry
from parvis.draws.service import PublishedFile, entry_for, publish_draw
from parvis.i18n import _
from parvis.site import Site

if TYPE_CHECKING:
    from parvis.councils.spec import Council
    from parvis.jobs import JobContext


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
class GroupDraw:
    """A lot by group: per group, the applications drawn (sorted by id), and what is published."""

    drawn: dict[str, list[Application]]
    record: sortition.DrawRecord
    pool_file: str  # the canonical pool file, as hashed in the record


@dataclass(frozen=True, slots=True)
class DrawOutcome:
    seats: Sequence[Seat]
    draw: GroupDraw


def draw_by_group(
    call: Call,
    pool: Sequence[Application],
    *,
    column: str,
    group_of: Callable[[Application], str],
    public_inputs: Sequence[str],
    seats: Mapping[str, int] | None = None,
    total: int | None = None,
) -> GroupDraw:
    """A verifiable lot among ``pool`` split by ``column`` (its value for each application is
    ``group_of(application)``).

    ``seats`` fixes each group's seats (a parity draw); ``total`` instead shares that many seats
    among the groups in proportion to their applicants, by largest remainders, a group never
    getting more seats than applicants.
    """
    by_id = {a.public_id: a for a in pool}
    group = {a.public_id: group_of(a) for a in pool}
    try:
        frozen = sortition.pool_from_records(
            [{"id": i, column: g} for i, g in group.items()], columns=[column]
        )
        if seats is not None:
            spec = sortition.lot_spec(column=column, group_seats=seats)
        else:
            spec = sortition.lot_spec(column=column, seats=total)
        record = sortition.draw_lot(frozen, spec, public_inputs)
    except sortition.InputError as error:
        raise CouncilRefused(
            _("The draw could not be made."), None, [str(p) for p in error.problems]
        ) from None
    except ValueError as error:
        raise CouncilRefused(_("The draw could not be made."), None, [str(error)]) from None
    drawn: dict[str, list[Application]] = {}
    for pid in record.panel:
        drawn.setdefault(group[pid], []).append(by_id[pid])
    return GroupDraw(drawn, record, frozen.canonical_bytes().decode("utf-8"))


def college(body: Body, code: str) -> College:
    """A body's college by code; a body set up without it cannot be drawn for (a clear refusal)."""
    for found in body.colleges:
        if found.code == code:
            return found
    raise CouncilRefused(
        _("This body has no college {code}: add it in the back office first.").format(code=code)
    )


def ready_to_draw(
    db: Session,
    site: Site,
    council: Council,
    call: Call,
    public_inputs: Sequence[str],
    *,
    actor: Actor | None = None,
) -> tuple[list[str], list[Application]]:
    """The checks before a draw (refused with the reason): the call's workflow lets ``actor`` draw
    it now, the public values and the pool."""
    if call.drawn_at is not None:
        raise CouncilRefused(_("The draw of this call has already taken place."))
    lifecycle.may_draw(db, site, call, actor)
    if call.closes_on >= site.today():
        raise CouncilRefused(_("The draw takes place once the call is closed."))
    inputs = [v.strip() for v in public_inputs if v.strip()]
    if not inputs:
        raise CouncilRefused(
            _("Enter the public values announced for the draw."), "public_inputs", status_code=400
        )
    pool = apps.in_the_draw(db, site, council, call)
    if not pool:
        raise CouncilRefused(_("No application can enter the draw."))
    return inputs, pool


def run_draw(
    db: Session, site: Site, council: Council, call: Call, *, public_inputs: Sequence[str], actor: Actor
) -> list[Membership]:
    """Draw the call's seats and seat the drawn applicants (invited until they accept)."""
    inputs, pool = ready_to_draw(db, site, council, call, public_inputs, actor=actor)
    outcome = council.draw(DrawRequest(db, site, call, pool, inputs, actor))
    return seat(db, site, call, pool, outcome, actor=actor)


def draw_job(job: JobContext, *, call_id: int, public_inputs: list[str]) -> None:
    """The background job of a council's draw (``councils.draw``), started by the call's page."""
    from parvis.bodies.services import BodyError
    from parvis.councils.spec import council_for

    call = job.db.get(Call, call_id)
    council = council_for(job.site, call.body.kind) if call is not None else None
    if call is None or council is None:
        raise CouncilRefused(_("This call no longer exists."))
    job.progress(None, _("Drawing the seats by lot"))
    try:
        seated = run_draw(job.db, job.site, council, call, public_inputs=public_inputs, actor=job.actor)
    except BodyError as refusal:
        raise CouncilRefused(refusal.message, None, refusal.details) from None
    job.set_result(
        url=f"/admin/bodies/{call.body.slug}/calls/{call.public_id}",
        message=_("The draw is done: {count} applicants are invited to sit.").format(count=len(seated)),
    )


def seat(
    db: Session,
    site: Site,
    call: Call,
    pool: Sequence[Application],
    outcome: DrawOutcome,
    *,
    actor: Actor | None = None,
) -> list[Membership]:
    """Memberships for the drawn, "drawn" / "not drawn" for the pool, the call's draw published
    (the call moved by ``actor``'s ``draw``: None is the platform)."""
    body, term = call.body, call.term
    drawn_ids = {s.application.id for s in outcome.seats}
    if len(drawn_ids) != len(outcome.seats) or not drawn_ids <= {a.id for a in pool}:
        raise ValueError("a draw may seat only applications of its pool, once each")
    # Lock the call: two officials pressing "draw" at once seat one panel (PostgreSQL; SQLite
    # writers are serialised already).
    db.execute(select(Call.id).where(Call.id == call.id).with_for_update())
    db.refresh(call, ["drawn_at", "status"])
    if call.drawn_at is not None:
        raise CouncilRefused(_("The draw of this call has already taken place."))
    # The call moves first: the engine refuses a draw its workflow does not allow now.
    lifecycle.advance(db, lifecycle.CALL, call, "draw", actor)
    call.drawn_at = utcnow()
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
    # Then each application of the pool moves, by the platform (the lot decided).
    for application in pool:
        lifecycle.advance(
            db, lifecycle.APPLICATION, application, "drawn" if application.id in drawn_ids else "not_drawn"
        )
    call.draw_record = msgspec.to_builtins(outcome.draw.record)
    call.draw_pool = outcome.draw.pool_file
    db.flush()
    publish_draw(
        db,
        site,
        plugin=body.kind,
        body_key=body.slug,
        body_name=body.name,
        kind="lot",
        title=call.title,
        subject=f"councils.call/{call.public_id}",
        record=outcome.draw.record,
        files=[PublishedFile("pool", outcome.draw.pool_file.encode("utf-8"))],
        page_path=f"/bodies/{body.slug}/draws/{call.public_id}",
        drawn_at=call.drawn_at,
    )
    return seated


def register_entry(db: Session, call: Call) -> DrawEntry | None:
    """The call's draw in core's register of draws."""
    return entry_for(db, f"councils.call/{call.public_id}")


def seats_by_group(record: sortition.DrawRecord) -> dict[str, int]:
    """The seats each group got: fixed by the specification, or apportioned by the draw."""
    spec = record.spec or {}
    fixed = spec.get("seats") if spec.get("kind") == "groups" else record.stats.get("apportionment")
    return dict(fixed) if isinstance(fixed, dict) else {}


def record_of(call: Call) -> sortition.DrawRecord | None:
    return msgspec.convert(call.draw_record, sortition.DrawRecord) if call.draw_record else None


def verification(call: Call) -> sortition.Verification | None:
    """The draw re-run from its published record and pool (None before the draw)."""
    record = record_of(call)
    if record is None:
        return None
    return sortition.verify(record, pool=sortition.read_pool(io.StringIO(call.draw_pool)))
