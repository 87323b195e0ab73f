"""Importing a list and pre-drawing from it: the roll for college A, card holders for college C.

The file is checked (the engine's checks, then the Assembly's), kept in the private folder only
until the pre-draw, and deleted right after it: Parvis keeps the file's SHA-256, its row count,
the pre-draw record and the pre-drawn people, never the roll itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Actor, _, sortition, utcnow
from parvis.api.bodies import College

# Not in the engine's public API (yet): checking a list without drawing from it.
from parvis.api.sortition import DrawRecord, InputError, file_sha256, scan_roll
from parvis.api.workflows import initial_state
from parvis.plugins.assembly.lifecycle import DRAW, set_state
from parvis.plugins.assembly.models import (
    AssemblyDraw,
    AssemblyImport,
    AssemblyInvitee,
    AssemblyPromotion,
    DrawKind,
)
from parvis.plugins.assembly.services import lists
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.settings import ROLL, YOUNG

if TYPE_CHECKING:
    from parvis.api import Site

ROLL_FIELDS = ("id", "family_name", "given_name", "birth_date", "address")
YOUNG_FIELDS = ("id", "family_name", "given_name", "birth_date", "email")


def columns_for(site: Site, college: College) -> dict[str, str]:
    settings = settings_of(site)
    struct = settings.young_columns if college.code == YOUNG else settings.roll_columns
    return {k: v for k, v in msgspec.structs.asdict(struct).items() if v}


def _required(site: Site, college: College) -> list[str]:
    columns = columns_for(site, college)
    fields = list(YOUNG_FIELDS if college.code == YOUNG else ROLL_FIELDS)
    fields.append("district" if columns.get("district") else "postcode")
    missing = [f for f in fields if not columns.get(f)]
    if missing:
        raise AssemblyError(
            _("The settings name no column for: {fields}.").format(fields=", ".join(missing)), "file"
        )
    return lists.required_columns(columns, fields)


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _age_window(site: Site, college: College, promotion: AssemblyPromotion) -> tuple[date, date] | None:
    """Birth dates allowed by the college's rule on the promotion's first day (inclusive bounds)."""
    rule = settings_of(site).college_rules.get(college.code)
    if rule is None or (rule.min_age is None and rule.max_age is None):
        return None
    day = promotion.term.starts_on
    youngest = years_before(day, rule.min_age) if rule.min_age is not None else day
    oldest = (
        years_before(day, rule.max_age + 1) + timedelta(days=1)
        if rule.max_age is not None
        else date(1900, 1, 1)
    )
    return oldest, youngest


def private_folder(site: Site) -> Path:
    folder = Path(settings_of(site).private_dir) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def current_import(db: Session, promotion: AssemblyPromotion, college: College) -> AssemblyImport | None:
    return db.scalar(
        select(AssemblyImport).where(
            AssemblyImport.promotion_id == promotion.id, AssemblyImport.college_id == college.id
        )
    )


def predraw_of(db: Session, promotion: AssemblyPromotion, college: College) -> AssemblyDraw | None:
    return db.scalar(
        select(AssemblyDraw).where(
            AssemblyDraw.promotion_id == promotion.id,
            AssemblyDraw.college_id == college.id,
            AssemblyDraw.kind == DrawKind.PREDRAW,
        )
    )


def import_list(
    db: Session,
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    source: Path,
    *,
    filename: str,
    actor: Actor | None,
) -> AssemblyImport:
    """Check ``source`` and keep it for the pre-draw; refused with every bad line, or once drawn."""
    if college.code not in (ROLL, YOUNG):
        raise AssemblyError(_("This college is not filled from an imported list."), "college")
    if predraw_of(db, promotion, college) is not None:
        raise AssemblyError(_("The pre-draw is done: the list can no longer be replaced."), "file")
    columns = columns_for(site, college)
    required = _required(site, college)
    try:
        scan_roll(source, id_column=columns["id"], required=required)
    except InputError as error:
        raise lists.refused(error) from None
    except (UnicodeDecodeError, OSError) as error:
        raise AssemblyError(
            _("The file could not be read as UTF-8 CSV: {error}").format(error=error), "file"
        ) from None
    rows = lists.check_rows(
        site,
        source,
        columns,
        age_between=_age_window(site, college, promotion),
        need_email=college.code == YOUNG,
    )
    if rows == 0:
        raise AssemblyError(_("The file has no rows."), "file")
    digest = file_sha256(source)
    previous = current_import(db, promotion, college)
    if previous is not None:  # a list imported again replaces the previous one (even the same file)
        _delete_file(previous)
        db.delete(previous)
        db.flush()
    target = private_folder(site) / f"{promotion.public_id}-{college.code}-{digest[:16]}.csv"
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    imported = AssemblyImport(
        promotion_id=promotion.id,
        college_id=college.id,
        filename=Path(filename).name[:200] or "list.csv",
        sha256=digest,
        rows=rows,
        stored_path=str(target),
        imported_by_id=actor.account.id if actor and actor.account else None,
    )
    db.add(imported)
    db.flush()
    return imported


def _delete_file(imported: AssemblyImport) -> None:
    if imported.stored_path:
        Path(imported.stored_path).unlink(missing_ok=True)
        imported.stored_path = None
        imported.deleted_at = utcnow()


def run_predraw(
    db: Session,
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    public_inputs: list[str],
    *,
    actor: Actor | None,
    count: int | None = None,
) -> AssemblyDraw:
    """Draw ``count`` people (default: the settings) from the imported list, with the engine.

    Seed = SHA-256 of the list's hash, the specification and the public inputs: anyone holding the
    same file and inputs gets the same people (``parvis draw verify``). The file is then deleted.
    """
    settings = settings_of(site)
    inputs = [text.strip() for text in public_inputs if text and text.strip()]
    if not inputs:
        raise AssemblyError(_("Enter the public random inputs announced for this draw."), "public_inputs")
    imported = current_import(db, promotion, college)
    if imported is None or not imported.stored_path or not Path(imported.stored_path).is_file():
        raise AssemblyError(_("Import the list first."), "file")
    if predraw_of(db, promotion, college) is not None:
        raise AssemblyError(_("The pre-draw is already done."))
    wanted = count or (settings.young_invitations if college.code == YOUNG else settings.predraw_size)
    wanted = min(wanted, imported.rows)
    columns = columns_for(site, college)
    path = Path(imported.stored_path)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "selected.csv"
        try:
            record = sortition.predraw(
                path,
                wanted,
                inputs,
                id_column=columns["id"],
                required=_required(site, college),
                out=out,
            )
        except InputError as error:
            raise lists.refused(error) from None
        except ValueError as error:
            raise AssemblyError(str(error), "count") from None
        rank = {pid: k for k, pid in enumerate(cast("list[str]", record.stats["order"]))}
        for _line, raw in lists.read_rows(out):
            row = lists.to_row(site, raw, columns)
            db.add(
                AssemblyInvitee(
                    promotion_id=promotion.id,
                    college_id=college.id,
                    source_id=row.source_id,
                    rank=rank[row.source_id],
                    given_name=row.given_name,
                    family_name=row.family_name,
                    birth_date=row.birth_date,
                    address=row.address,
                    postcode=row.postcode,
                    city=row.city,
                    email=row.email,
                    district=row.district,
                )
            )
    draw = record_draw(
        db, site, promotion, college, record, actor=actor, seats=wanted, pool_size=imported.rows
    )
    _delete_file(imported)
    db.flush()
    return draw


def record_draw(
    db: Session,
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    record: DrawRecord,
    *,
    actor: Actor | None,
    seats: int,
    pool_size: int,
) -> AssemblyDraw:
    """Store a pre-draw and move it through the draw workflow like any draw (announced, drawn,
    published, each move in its history). It is published at once: the letters go out from it."""
    from parvis.plugins.assembly.services.draws import publish, software_version

    now = utcnow()
    draw = AssemblyDraw(
        promotion_id=promotion.id,
        college_id=college.id,
        kind=DrawKind.PREDRAW,
        status=initial_state(site, DRAW),
        seats=seats,
        pool_sha256=record.inputs.get("roll", ""),
        pool_size=pool_size,
        spec=dict(record.spec or {}),
        scheduled_at=now,
    )
    db.add(draw)
    db.flush()
    draw.public_inputs = list(record.public_inputs)
    draw.record = msgspec.to_builtins(record)
    draw.seed = record.seed
    draw.algorithm = record.algorithm
    draw.software_version = software_version()
    draw.drawn_at = now
    draw.drawn_by_id = actor.account.id if actor and actor.account else None
    set_state(db, draw, "draw", actor)
    publish(db, site, draw)  # its page, and core's register of draws
    return draw
