"""The Assembly's draws in core's register of draws, and replacement draws.

Every draw the Assembly publishes (pre-draws, college A's stratified panel, the lots of colleges B
and C) and every replacement draw goes into the register through ``sortition.publish_draw``; the
Assembly's own draw pages link to the entry (``entry_of``).

Replacements (``[settings.assembly] replacement``): ``"draw"`` (the default) fills the vacant
seats of a stratified panel by a replacement draw, LEXIMIN over the people of the pool who never
sat, conditioned on the members still sitting (the engine's ``replacement_draw``), with public
random inputs like any draw; ``"reserve"`` takes the first reserve whose swap keeps the quotas.
Lots (colleges B and C) always use their ranked reserve: it is a uniform lottery already.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import _, sortition
from parvis.api.sortition import DrawEntry, InfeasibleQuotas, PublishedFile
from parvis.plugins.assembly.models import AssemblyDraw, AssemblyPromotion, AssemblySeat, DrawKind
from parvis.plugins.assembly.services.common import AssemblyError, settings_of

if TYPE_CHECKING:
    from parvis.api import Site

PLUGIN = "assembly"


def subject_of(draw: AssemblyDraw) -> str:
    return f"assembly.draw/{draw.public_id}"


def entry_of(db: Session, draw: AssemblyDraw) -> DrawEntry | None:
    return sortition.register_entry(db, subject_of(draw))


def _title(db: Session, draw: AssemblyDraw) -> tuple[AssemblyPromotion, str]:
    promotion = db.get(AssemblyPromotion, draw.promotion_id)
    assert promotion is not None
    return promotion, f"{promotion.body.name} {promotion.label}, {draw.college.name}"


def publish(db: Session, site: Site, draw: AssemblyDraw) -> DrawEntry:
    """Put a published draw (pre-draw, panel or lot) into the register."""
    from parvis.plugins.assembly.services.draws import record_of

    record = record_of(draw)
    assert record is not None
    promotion, title = _title(db, draw)
    files = (
        []
        if draw.kind == DrawKind.PREDRAW or not draw.pool_csv
        else [PublishedFile("pool", draw.pool_csv.encode("utf-8"))]
    )
    return sortition.publish_draw(
        db,
        site,
        plugin=PLUGIN,
        body_key=promotion.body.slug,
        body_name=promotion.body.name,
        kind=str(draw.kind),
        title=title,
        subject=subject_of(draw),
        record=record,
        files=files,
        page_path=f"/assembly/draws/{draw.public_id}",
        drawn_at=draw.drawn_at,
    )


def uses_draw(site: Site, draw: AssemblyDraw) -> bool:
    """Whether this draw's vacant seats are refilled by a replacement draw (else from the reserve)."""
    return draw.kind == DrawKind.PANEL and settings_of(site).replacement == "draw"


def replacement_draw(
    db: Session, site: Site, draw: AssemblyDraw, public_inputs: list[str]
) -> tuple[list[tuple[AssemblySeat, str]], DrawEntry]:
    """Draw people for every vacant seat of ``draw`` not yet refilled; returns (vacant seat, pool
    id drawn) pairs, in the order the seats were vacated, and the register's entry of the draw."""
    from parvis.plugins.assembly.services.draws import pool_of, record_of

    inputs = [text.strip() for text in public_inputs if text and text.strip()]
    if not inputs:
        raise AssemblyError(_("Enter the public random inputs announced for this draw."), "public_inputs")
    original = record_of(draw)
    follows = entry_of(db, draw)
    if original is None or follows is None:
        # Its check starts from the published pool and result: they must be public first.
        raise AssemblyError(_("Publish the draw before drawing replacements."))
    seats = db.scalars(
        select(AssemblySeat).where(AssemblySeat.draw_id == draw.id).order_by(AssemblySeat.id)
    ).all()
    refilled = {s.replaces_id for s in seats if s.replaces_id}
    vacant = sorted(
        (s for s in seats if s.vacated_at is not None and s.id not in refilled),
        key=lambda s: (s.vacated_at, s.id),
    )
    if not vacant:
        raise AssemblyError(_("This seat is not vacant."))
    sitting = [s.pool_id for s in seats if s.vacated_at is None]
    try:
        record = sortition.replacement_draw(
            original, pool_of(draw), inputs, sitting=sitting, excluded=[s.pool_id for s in seats]
        )
    except InfeasibleQuotas:
        raise AssemblyError(_("Nobody left in the pool keeps the quotas: the seat stays empty.")) from None
    except ValueError as error:
        raise AssemblyError(str(error)) from None
    promotion, title = _title(db, draw)
    entry = sortition.publish_draw(
        db,
        site,
        plugin=PLUGIN,
        body_key=promotion.body.slug,
        body_name=promotion.body.name,
        kind="replacement",
        title=f"{title} ({site.today().isoformat()})",
        subject=f"{subject_of(draw)}/replacement/{vacant[0].id}",
        record=record,
        files=[PublishedFile("pool", (draw.pool_csv or "").encode("utf-8"))],
        page_path=f"/assembly/draws/{draw.public_id}",
        drawn_at=site.now(),
        follows=follows,
    )
    return list(zip(vacant, record.panel, strict=True)), entry
