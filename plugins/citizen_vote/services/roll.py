"""The electoral roll: reading and importing its CSV, where it is kept, who is registered."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from parvis.api import _
from parvis.api.sortition import ProblemCollector
from parvis.plugins.citizen_vote.models import (
    RESIDENTS,
    RollEntry,
    Vote,
)
from parvis.plugins.citizen_vote.services.votes import (
    VoteRefused,
    has_marks,
)

if TYPE_CHECKING:
    from parvis.api import Site

ROLL_COLUMNS = ("number", "family_name", "given_name", "birth_date", "section", "district")


CHUNK = 5000


@dataclass(slots=True)
class RollReport:
    rows: int
    sha256: str


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def read_roll(site: Site, content: bytes, *, cutoff: date) -> list[dict[str, Any]]:
    """Every row of a roll CSV, checked; raise ``VoteRefused`` listing each bad line (the header
    is line 1) and import nothing."""
    problems = ProblemCollector()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VoteRefused(_("The roll must be a UTF-8 CSV file."), "file") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in ROLL_COLUMNS if c not in header]
    for column in missing:
        problems.add(1, _("no column named {column}").format(column=column))
    if problems:
        _refuse(problems)
    at = {c: header.index(c) for c in ROLL_COLUMNS}
    districts = {d.code for d in site.config.districts}
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for line, raw in enumerate(reader, start=2):
        if not raw or all(not cell.strip() for cell in raw):
            continue
        if len(raw) != len(header):
            problems.add(
                line, _("{count} values instead of {expected}").format(count=len(raw), expected=len(header))
            )
            continue
        row: dict[str, Any] = {c: raw[i].strip() for c, i in at.items()}
        born = _parse_date(row["birth_date"])
        if not row["number"]:
            problems.add(line, _("empty roll number"))
        elif row["number"] in seen:
            problems.add(line, _("the roll number {number} appears twice").format(number=row["number"]))
        seen.add(row["number"])
        if not row["family_name"]:
            problems.add(line, _("empty family name"))
        if born is None:
            problems.add(line, _("the birth date is not a date (YYYY-MM-DD)"))
        elif born > cutoff:
            problems.add(line, _("born after the roll's cut-off date"))
        if not row["section"]:
            problems.add(line, _("empty section"))
        if row["district"] not in districts:
            problems.add(line, _("unknown {site.district}: {code}").format(code=row["district"]))
        row["birth_date"] = born
        rows.append(row)
    if not rows and not problems:
        problems.add(0, _("the roll has no elector"))
    if problems:
        _refuse(problems)
    return rows


def _refuse(problems: ProblemCollector) -> None:
    lines = [str(p) for p in problems.problems]
    if problems.extra:
        lines.append(_("... and {count} more.").format(count=problems.extra))
    raise VoteRefused(
        _("The roll is refused, nothing was imported: {count} problem(s).").format(
            count=len(problems.problems) + problems.extra
        ),
        "file",
        details=lines,
    )


def import_roll(
    db: Session, site: Site, vote: Vote, content: bytes, *, cutoff: date, progress: Any = None
) -> RollReport:
    """Replace the vote's roll with ``content`` (all or nothing), frozen at ``cutoff``; its
    SHA-256 is published."""
    if vote.electorate == RESIDENTS:
        raise VoteRefused(
            _("This vote's electorate is the residents: freeze it instead of importing a roll.")
        )
    if has_marks(db, vote) or vote.results_published_at is not None:
        raise VoteRefused(_("Voting has started: the roll is frozen."))
    rows = read_roll(site, content, cutoff=cutoff)
    db.execute(delete(RollEntry).where(RollEntry.vote_id == vote.id))
    for start in range(0, len(rows), CHUNK):
        db.execute(insert(RollEntry), [{"vote_id": vote.id, **r} for r in rows[start : start + CHUNK]])
        if progress is not None:
            progress(min(100.0, 100.0 * (start + CHUNK) / len(rows)))
    vote.roll_sha256 = hashlib.sha256(content).hexdigest()
    vote.roll_count = len(rows)
    vote.roll_cutoff = cutoff
    db.flush()
    return RollReport(len(rows), vote.roll_sha256)


def private_folder(site: Site) -> Path:
    folder = Path(site.settings("citizen_vote").private_dir) / "rolls"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def registered_by_district(db: Session, vote: Vote) -> dict[str, int]:
    rows = db.execute(
        select(RollEntry.district, func.count())
        .where(RollEntry.vote_id == vote.id)
        .group_by(RollEntry.district)
    )
    return {d: int(n) for d, n in rows}
