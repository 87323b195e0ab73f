"""Personal data of recruitment: the stated purpose and retention, the officials' access log, and
the purge after a draw.

After a college's draw the purge keeps the counts (``AssemblyAggregate``: letters and answers by
district, pool and seats by stratum) and the draw's published record and pseudonymous pool, then
deletes every answer, application and invitee (name, address, code hash) of the people who were
not drawn. The ranked reserve is kept for ``reserve_days`` after the draw so that seats can be
refilled; a later purge (``include_reserve``) removes it too. Drawn members keep their core person
and membership; their recruitment answers are deleted as well, since the membership now holds
what the Assembly needs.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.api import Actor, _, audit, rows_affected
from parvis.api.bodies import College
from parvis.plugins.assembly.models import (
    AssemblyAggregate,
    AssemblyApplication,
    AssemblyDraw,
    AssemblyInvitee,
    AssemblyPromotion,
    AssemblyResponse,
    AssemblySeat,
    DrawStatus,
)
from parvis.plugins.assembly.services import stats
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.services.draws import draw_for, record_of

if TYPE_CHECKING:
    from parvis.api import Site


def log_access(
    db: Session,
    site: Site,
    actor: Actor | None,
    promotion: AssemblyPromotion,
    *,
    action: str,
    part: str = "",
    records: int = 0,
    address: str = "",
) -> None:
    """Record in the site's audit log that an official saw or exported recruitment data."""
    audit.record(
        db,
        site,
        f"assembly.personal_data.{action}",
        actor=actor,
        target=promotion,
        records=records,
        address=address,
        part=part,
    )


def access_log(db: Session, promotion: AssemblyPromotion, limit: int = 500) -> list[audit.AuditEvent]:
    """The audit log's entries about this promotion's personal data, newest first."""
    filters = audit.Filters(action="assembly.personal_data.", target=promotion.public_id)
    return audit.search(db, filters, limit=limit)[0]


def retention_text(site: Site) -> str:
    settings = settings_of(site)
    return _(
        "Your answers are kept until the draw. Then the answers of people who are not drawn are deleted; "
        "those of the reserve are kept {days} days, to replace members who leave. Members' details are "
        "kept until {months} months after the end of their promotion. Only counts (by {site.district}, age "
        "band, etc.) and the pseudonymous pool of the draw are kept longer."
    ).format(days=settings.reserve_days, months=settings.members_data_months)


def purpose_text(site: Site) -> str:
    return _(
        "Purpose: to draw the members of the Citizens' Assembly by lot so that it resembles the city "
        "(age, gender, education, {site.district}, working-class neighbourhoods), and to contact the people "
        "drawn. Controller: the City {site.city:of}. The answers are seen only by the officials running the "
        "draw, and every consultation is logged."
    ).format(city=site.config.site.city)


def _snapshot(db: Session, promotion: AssemblyPromotion, college: College, draw: AssemblyDraw) -> None:
    if stats.stored_counts(db, promotion, college) is not None:
        return
    found: Counter[stats.Key] = stats.live_counts(db, promotion, college)
    record = record_of(draw)
    if record is not None:
        pool_rows = {}
        if draw.pool_csv:
            from parvis.plugins.assembly.services.draws import pool_of

            pool = pool_of(draw)
            pool_rows = {
                pid: dict(zip(pool.columns, row, strict=True))
                for pid, row in zip(pool.ids, pool.rows, strict=True)
            }
            found[("pool", "all", "all")] = len(pool)
            for values in pool_rows.values():
                for dimension, value in values.items():
                    found[("pool", dimension, value)] += 1
        found[("selected", "all", "all")] = len(record.panel)
        for pid in record.panel:
            for dimension, value in pool_rows.get(pid, {}).items():
                found[("selected", dimension, value)] += 1
    for (measure, dimension, value), count in found.items():
        db.add(
            AssemblyAggregate(
                promotion_id=promotion.id,
                college_code=college.code,
                measure=measure,
                dimension=dimension,
                value=value[:64],
                count=int(count),
            )
        )
    db.flush()


def purge(
    db: Session, site: Site, promotion: AssemblyPromotion, college: College, *, include_reserve: bool = False
) -> dict[str, int]:
    """Delete the recruitment data of everyone not drawn (and of the reserve if asked, or once
    ``reserve_days`` have passed). Returns how many rows of each kind were deleted."""
    draw = draw_for(db, promotion, college)
    if draw is None or draw.status == DrawStatus.ANNOUNCED or draw.drawn_at is None:
        raise AssemblyError(_("The data can be deleted only after the draw."))
    record = record_of(draw)
    assert record is not None
    reserve_over = site.today() > (draw.drawn_at.date() + timedelta(days=settings_of(site).reserve_days))
    keep = set() if include_reserve or reserve_over else set(record.reserve)
    seated = set(db.scalars(select(AssemblySeat.pool_id).where(AssemblySeat.draw_id == draw.id)))
    keep -= seated
    _snapshot(db, promotion, college, draw)
    deleted = {"answers": 0, "applications": 0, "invitees": 0}
    responses = db.scalars(
        select(AssemblyResponse).where(
            AssemblyResponse.promotion_id == promotion.id, AssemblyResponse.college_id == college.id
        )
    ).all()
    kept_invitees = {r.invitee_id for r in responses if r.pool_id in keep}
    for response in responses:
        if response.pool_id not in keep:
            db.delete(response)
            deleted["answers"] += 1
    db.flush()
    invitees = db.execute(
        delete(AssemblyInvitee)
        .where(
            AssemblyInvitee.promotion_id == promotion.id,
            AssemblyInvitee.college_id == college.id,
            AssemblyInvitee.id.not_in(kept_invitees or {-1}),
        )
        .execution_options(synchronize_session=False)
    )
    deleted["invitees"] = rows_affected(invitees)
    applications = db.execute(
        delete(AssemblyApplication)
        .where(
            AssemblyApplication.promotion_id == promotion.id,
            AssemblyApplication.college_id == college.id,
            AssemblyApplication.pool_id.not_in(keep or {""}),
        )
        .execution_options(synchronize_session=False)
    )
    deleted["applications"] = rows_affected(applications)
    db.expire_all()
    return deleted


def personal_rows_left(db: Session, promotion: AssemblyPromotion, college: College) -> int:
    """Answers, applications and invitees still stored for the college (0 after a full purge)."""
    from sqlalchemy import func

    total = 0
    for model in (AssemblyResponse, AssemblyApplication, AssemblyInvitee):
        total += int(
            db.scalar(
                select(func.count()).where(model.promotion_id == promotion.id, model.college_id == college.id)
            )
            or 0
        )
    return total
