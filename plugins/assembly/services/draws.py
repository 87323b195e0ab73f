"""The Assembly's draws: freeze and announce the inputs, draw with the engine, publish, verify.

The sortition engine does every random choice. This module builds its inputs (the pool of
respondents or applicants under random pseudonyms, the quotas, the lot specification), keeps
what must be published before the draw (pool hash, quotas, date, source of the public random
inputs), runs the engine's ``draw_panel`` (college A: stratified LEXIMIN with a ranked reserve)
or ``draw_lot`` (colleges B and C), and stores its draw record for anyone to re-run.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Actor, _, sortition, utcnow
from parvis.api.bodies import College
from parvis.api.sortition import (
    DrawRecord,
    InfeasibleQuotas,
    InputError,
    Pool,
    Quotas,
    check_quotas,
    pool_from_records,
    quotas_from_canonical,
    read_pool,
)
from parvis.api.workflows import initial_state
from parvis.plugins.assembly.lifecycle import DRAW, set_state
from parvis.plugins.assembly.models import (
    AssemblyApplication,
    AssemblyDraw,
    AssemblyPromotion,
    AssemblyResponse,
    DrawKind,
    DrawStatus,
)
from parvis.plugins.assembly.services import quotas as quota_rules
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.settings import NON_EU, ROLL

if TYPE_CHECKING:
    from parvis.api import Site


def software_version() -> str:
    try:
        return version("parvis")
    except PackageNotFoundError:  # pragma: no cover - a source tree that is not installed
        return "0"


# -- the pool ------------------------------------------------------------------------------------


def pool_records(
    db: Session, site: Site, promotion: AssemblyPromotion, college: College
) -> list[dict[str, str]]:
    """Who may be drawn: pseudonymous ids, with the quota features for college A.

    College A and C: respondents living in the city who said they are available (and, for the
    young college, whose guardian agrees when the settings ask). College B: eligible applicants.
    """
    settings = settings_of(site)
    if college.code == NON_EU:
        applications = db.scalars(
            select(AssemblyApplication).where(
                AssemblyApplication.promotion_id == promotion.id,
                AssemblyApplication.college_id == college.id,
                AssemblyApplication.eligible,
            )
        )
        return [{"id": a.pool_id} for a in applications if a.availability in settings.pool_availability]
    responses = db.scalars(
        select(AssemblyResponse).where(
            AssemblyResponse.promotion_id == promotion.id,
            AssemblyResponse.college_id == college.id,
            AssemblyResponse.resident,
        )
    )
    out = []
    for r in responses:
        if r.availability not in settings.pool_availability:
            continue
        if college.code != ROLL:
            if settings.young_guardian_agreement and not r.guardian_agreement:
                continue
            out.append({"id": r.pool_id})
            continue
        values = {
            "age": r.age_band or "",
            "gender": r.gender,
            "education": r.education or "",
            "district": r.district,
            "qpop": "yes" if r.qpop else "no",
        }
        out.append({"id": r.pool_id, **{f: values[f] for f in settings.quota_features if f in values}})
    return out


def build_pool(db: Session, site: Site, promotion: AssemblyPromotion, college: College) -> Pool:
    features = settings_of(site).quota_features if college.code == ROLL else []
    try:
        return pool_from_records(pool_records(db, site, promotion, college), columns=features)
    except InputError as error:
        from parvis.plugins.assembly.services.lists import refused

        raise refused(error) from None


def pool_of(draw: AssemblyDraw) -> Pool:
    """The frozen pool of a draw, checked against its published hash."""
    if not draw.pool_csv:
        raise AssemblyError(_("The pool of this draw is no longer kept."))
    pool = read_pool(io.StringIO(draw.pool_csv))
    if pool.sha256 != draw.pool_sha256:
        raise AssemblyError(_("The stored pool does not match its published hash."))
    return pool


def quotas_of(draw: AssemblyDraw) -> Quotas | None:
    return quotas_from_canonical(msgspec.json.encode(draw.quotas)) if draw.quotas else None


def record_of(draw: AssemblyDraw) -> DrawRecord | None:
    return msgspec.convert(draw.record, DrawRecord) if draw.record else None


def present_values(pool: Pool) -> dict[str, set[str]]:
    return {column: set(pool.column(column)) for column in pool.columns}


# -- finding draws -------------------------------------------------------------------------------


def draw_for(db: Session, promotion: AssemblyPromotion, college: College) -> AssemblyDraw | None:
    """The selection draw (panel or lot) of a college in a promotion."""
    return db.scalar(
        select(AssemblyDraw).where(
            AssemblyDraw.promotion_id == promotion.id,
            AssemblyDraw.college_id == college.id,
            AssemblyDraw.kind != DrawKind.PREDRAW,
        )
    )


def by_public_id(db: Session, public_id: str) -> AssemblyDraw | None:
    return db.scalar(select(AssemblyDraw).where(AssemblyDraw.public_id == public_id))


def of_promotion(db: Session, promotion: AssemblyPromotion) -> list[AssemblyDraw]:
    return list(
        db.scalars(
            select(AssemblyDraw)
            .where(AssemblyDraw.promotion_id == promotion.id)
            .order_by(AssemblyDraw.college_id, AssemblyDraw.kind)
        )
    )


# -- announcing, drawing, publishing -------------------------------------------------------------


def prepare(
    db: Session,
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    *,
    actor: Actor | None,
    scheduled_at: datetime | None,
    place: str = "",
    randomness_source: str = "",
    seats: int | None = None,
) -> AssemblyDraw:
    """Freeze the pool and the quotas (or lot) and announce the draw; redone while not yet drawn.

    Infeasible quotas are refused here, with the engine's smallest relaxation, so a draw is never
    announced that cannot take place.
    """
    settings = settings_of(site)
    draw = draw_for(db, promotion, college)
    if draw is not None and draw.status != DrawStatus.ANNOUNCED:
        raise AssemblyError(_("This draw has already taken place."))
    pool = build_pool(db, site, promotion, college)
    seats = college.seats if seats is None else seats
    if seats <= 0:
        raise AssemblyError(_("This college has no seats to fill."), "seats")
    if len(pool) < seats:
        raise AssemblyError(
            _("The pool has {count} people for {seats} seats: the draw cannot take place.").format(
                count=len(pool), seats=seats
            )
        )
    quotas: dict[str, Any] | None = None
    spec: dict[str, Any] | None = None
    reserve = settings.reserve.get(college.code, 0)
    if college.code == ROLL:
        built = quota_rules.build(site, seats, present_values(pool))
        problem = check_quotas(pool, built)
        if problem is not None:
            raise AssemblyError(
                _("The quotas cannot all be met with this pool."),
                "quotas",
                [*problem.conflicts, *(str(r) for r in problem.relaxations)],
            )
        quotas = msgspec.json.decode(built.canonical_bytes())
        kind = DrawKind.PANEL
    else:
        spec = sortition.lot_spec(seats=seats, reserve=reserve)
        kind = DrawKind.LOT
    if draw is None:  # a new draw starts where its workflow does; an existing one is announced
        draw = AssemblyDraw(
            promotion_id=promotion.id, college_id=college.id, kind=kind, status=initial_state(site, DRAW)
        )
        db.add(draw)
    draw.kind = kind
    draw.seats = seats
    draw.reserve_size = reserve
    draw.scheduled_at = scheduled_at
    draw.place = (place or "").strip()
    draw.randomness_source = (randomness_source or "").strip()
    draw.pool_csv = pool.canonical_bytes().decode("utf-8")
    draw.pool_sha256 = pool.sha256
    draw.pool_size = len(pool)
    draw.quotas = quotas
    draw.spec = spec
    draw.software_version = software_version()
    db.flush()
    return draw


def run(
    db: Session,
    site: Site,
    draw: AssemblyDraw,
    public_inputs: list[str],
    *,
    actor: Actor | None,
    present: str = "",
    bailiff: str = "",
    progress: Callable[[float], None] | None = None,
) -> AssemblyDraw:
    """Draw with the public inputs entered on the day; seat the winners (invited) and keep the record.

    ``progress(fraction)`` is told how far the engine is (a LEXIMIN panel takes a while)."""
    from parvis.plugins.assembly.services import seats

    inputs = ready_to_run(draw, public_inputs)
    pool = pool_of(draw)
    try:
        if draw.kind == DrawKind.PANEL:
            quotas = quotas_of(draw)
            assert quotas is not None
            record = sortition.draw_panel(pool, quotas, inputs, reserve=draw.reserve_size, progress=progress)
        else:
            record = sortition.draw_lot(pool, draw.spec or {}, inputs)
    except InfeasibleQuotas as error:
        raise AssemblyError(
            _("The quotas cannot all be met with this pool."), "quotas", [str(error)]
        ) from None
    except (InputError, ValueError) as error:
        raise AssemblyError(str(error)) from None
    draw.record = msgspec.to_builtins(record)
    draw.public_inputs = list(record.public_inputs)
    draw.seed = record.seed
    draw.algorithm = record.algorithm
    draw.software_version = software_version()
    draw.drawn_at = utcnow()
    draw.drawn_by_id = actor.account.id if actor and actor.account else None
    set_state(db, draw, "draw", actor)
    if present:
        draw.present = present.strip()
    if bailiff:
        draw.bailiff = bailiff.strip()[:200]
    db.flush()
    seats.seat_winners(db, site, draw, record.panel)
    return draw


def ready_to_run(draw: AssemblyDraw, public_inputs: list[str]) -> list[str]:
    """The checks before the draw (refused with the reason); the public inputs, cleaned."""
    if draw.status != DrawStatus.ANNOUNCED:
        raise AssemblyError(_("This draw has already taken place."))
    inputs = [text.strip() for text in public_inputs if text and text.strip()]
    if not inputs:
        raise AssemblyError(_("Enter the public random inputs announced for this draw."), "public_inputs")
    return inputs


def publish(db: Session, site: Site, draw: AssemblyDraw) -> None:
    """Publish the draw: its page shows the result, and it enters core's register of draws."""
    from parvis.plugins.assembly.services import register

    if draw.status == DrawStatus.ANNOUNCED:
        raise AssemblyError(_("Run the draw before publishing it."))
    set_state(db, draw, "publish", None)
    draw.published_at = draw.published_at or utcnow()
    db.flush()
    register.publish(db, site, draw)


def update_report(
    db: Session,
    draw: AssemblyDraw,
    *,
    present: str,
    bailiff: str,
    report_reference: str = "",
    signed_on: Any = None,
) -> None:
    """What the bailiff's report states beyond the record: who was there, the bailiff, the signature."""
    draw.present = (present or "").strip()
    draw.bailiff = (bailiff or "").strip()[:200]
    draw.report_reference = (report_reference or "").strip()[:80]
    if signed_on is not None and draw.status == DrawStatus.ANNOUNCED:
        raise AssemblyError(_("The report can be signed only after the draw."), "report_signed_on")
    draw.report_signed_on = signed_on
    db.flush()


def verify(draw: AssemblyDraw, *, recompute: bool = True) -> sortition.Verification:
    """The engine's verification of the stored record against the stored pool."""
    record = record_of(draw)
    if record is None:
        raise AssemblyError(_("Run the draw before verifying it."))
    if draw.kind == DrawKind.PREDRAW:
        v = sortition.Verification()
        v.add(_("roll file given"), False, _("a pre-draw is verified against its roll"))
        return v
    return sortition.verify(record, pool=pool_of(draw), recompute=recompute)
