"""Paper voting: ballot boxes and their schedule, then each box's count entered twice.

After the vote closes, two different officials each enter a box's count: the signatures on its
register, the number of all-city and district ballots, and per project the number of ballots
giving each grade above the worst (the worst grade, blanks included, is what remains). The two
entries must agree before results can be published; a box never reports more ballots than
signatures. The database guarantees two entries at most, by two different people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from parvis.api import Actor, _, utcnow
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import (
    CITY,
    BallotBox,
    BoxKind,
    BoxStop,
    Campaign,
    PaperCount,
    PaperReport,
    Project,
)
from parvis.plugins.budget.services.campaigns import vote_closed
from parvis.plugins.budget.services.projects import ballot_projects

if TYPE_CHECKING:
    from parvis.api import Site


def create_box(
    db: Session,
    site: Site,
    campaign: Campaign,
    *,
    name: str,
    kind: BoxKind,
    district: str,
    place: str = "",
    notes: str = "",
) -> BallotBox:
    if site.config.district(district) is None:
        raise BudgetRefused(_("Choose among the options shown."), "district")
    if campaign.results_published_at is not None:
        raise BudgetRefused(_("The results are published: ballot boxes can no longer change."))
    box = BallotBox(
        campaign_id=campaign.id, name=name, kind=kind, district=district, place=place, notes=notes
    )
    db.add(box)
    db.flush()
    return box


def add_stop(db: Session, box: BallotBox, *, place: str, starts_at: datetime, ends_at: datetime) -> BoxStop:
    if ends_at <= starts_at:
        raise BudgetRefused(_("A stop must end after it starts."), "ends_at")
    if box.kind == BoxKind.FIXED and box.stops:
        raise BudgetRefused(_("A fixed ballot box has one place and schedule; edit it instead."))
    stop = BoxStop(box_id=box.id, place=place, starts_at=starts_at, ends_at=ends_at)
    box.stops.append(stop)
    db.flush()
    return stop


def boxes(db: Session, campaign: Campaign) -> list[BallotBox]:
    return list(
        db.scalars(
            select(BallotBox)
            .where(BallotBox.campaign_id == campaign.id)
            .options(
                selectinload(BallotBox.stops),
                selectinload(BallotBox.reports).selectinload(PaperReport.counts),
            )
            .order_by(BallotBox.district, BallotBox.name)
        )
    )


def box_by_public_id(db: Session, campaign: Campaign, public_id: str) -> BallotBox | None:
    return db.scalar(
        select(BallotBox).where(BallotBox.campaign_id == campaign.id, BallotBox.public_id == public_id)
    )


def box_levels(db: Session, campaign: Campaign, box: BallotBox) -> dict[str, list[Project]]:
    """The ballots a box collects: all-city, and its district's (when it has projects)."""
    found = {CITY: ballot_projects(db, campaign, CITY)}
    district = ballot_projects(db, campaign, box.district)
    if district:
        found[box.district] = district
    return {level: projects for level, projects in found.items() if projects}


@dataclass(slots=True)
class ReportInput:
    signatures: int
    city_ballots: int
    district_ballots: int
    #: {(project id, grade): count} for grades above the worst.
    counts: Mapping[tuple[int, int], int] = field(default_factory=dict)


def check_report(
    campaign: Campaign, levels: Mapping[str, list[Project]], data: ReportInput
) -> dict[str, str]:
    """Field errors of an entry (empty when consistent)."""
    errors: dict[str, str] = {}
    if data.signatures < 0 or data.city_ballots < 0 or data.district_ballots < 0:
        errors["signatures"] = _("Enter a number of at least {minimum}.").format(minimum=0)
    if data.city_ballots > data.signatures:
        errors["city_ballots"] = _("A box cannot hold more ballots than signatures on its register.")
    if data.district_ballots > data.signatures:
        errors["district_ballots"] = _("A box cannot hold more ballots than signatures on its register.")
    for level, projects in levels.items():
        ballots = data.city_ballots if level == CITY else data.district_ballots
        for project in projects:
            given = [data.counts.get((project.id, g), 0) for g in range(1, campaign.n_grades)]
            if any(c < 0 for c in given):
                errors[f"p-{project.public_id}"] = _("Enter a number of at least {minimum}.").format(
                    minimum=0
                )
            elif sum(given) > ballots:
                errors[f"p-{project.public_id}"] = _(
                    "These counts add up to more than the {count} ballots of this ballot."
                ).format(count=ballots)
    return errors


def enter_report(
    db: Session,
    campaign: Campaign,
    box: BallotBox,
    actor: Actor,
    data: ReportInput,
    *,
    now: datetime | None = None,
    site: Site | None = None,
) -> PaperReport:
    """Record (or replace) this official's entry of the box's count (with ``site``, the first
    count freezes the description of the campaign's rule, like the first online ballot)."""
    assert actor.account is not None
    if not vote_closed(campaign, now):
        raise BudgetRefused(_("Paper counts are entered once the vote has closed."))
    if campaign.results_published_at is not None:
        raise BudgetRefused(_("The results are published: counts can no longer change."))
    levels = box_levels(db, campaign, box)
    errors = check_report(campaign, levels, data)
    if errors:
        field, message = next(iter(errors.items()))
        raise BudgetRefused(message, field)
    mine = next((r for r in box.reports if r.entered_by_id == actor.account.id), None)
    if mine is None:
        taken = {r.slot for r in box.reports}
        if len(taken) >= 2:
            raise BudgetRefused(_("Two officials have already entered this box's count."))
        mine = PaperReport(box_id=box.id, slot=1 if 1 not in taken else 2, entered_by_id=actor.account.id)
        db.add(mine)
    else:
        db.execute(delete(PaperCount).where(PaperCount.report_id == mine.id))
    mine.signatures, mine.city_ballots, mine.district_ballots = (
        data.signatures,
        data.city_ballots,
        data.district_ballots,
    )
    mine.entered_at = now or utcnow()
    if site is not None:
        from parvis.plugins.budget.ballot_rules import freeze_rule

        freeze_rule(site, campaign)
    try:
        db.flush()
    except IntegrityError:  # the transaction is spoilt: the caller's unit of work rolls it back
        raise BudgetRefused(
            _("Another official entered this box's count at the same time. Please try again.")
        ) from None
    wanted = {p.id for projects in levels.values() for p in projects}
    db.add_all(
        PaperCount(report_id=mine.id, project_id=project_id, grade=grade, count=count)
        for (project_id, grade), count in data.counts.items()
        if project_id in wanted and 1 <= grade < campaign.n_grades and count
    )
    db.flush()
    db.refresh(box)
    return mine


def delete_report(db: Session, box: BallotBox, report: PaperReport) -> None:
    box.reports.remove(report)
    db.flush()


@dataclass(frozen=True, slots=True)
class BoxState:
    """Where a box's double entry stands: "missing", "waiting" (one entry), "agreed", "mismatch"."""

    status: str
    differences: list[str]


def _as_dict(report: PaperReport) -> dict[tuple[int, int], int]:
    return {(c.project_id, c.grade): c.count for c in report.counts if c.count}


def compare(box: BallotBox) -> BoxState:
    reports = box.reports
    if not reports:
        return BoxState("missing", [])
    if len(reports) == 1:
        return BoxState("waiting", [])
    first, second = reports[0], reports[1]
    differences: list[str] = []
    for name, label in (
        ("signatures", _("Signatures")),
        ("city_ballots", _("Ballots for {site.whole_city}")),
        ("district_ballots", _("{site.district:Name} ballots")),
    ):
        a, b = getattr(first, name), getattr(second, name)
        if a != b:
            differences.append(_("{what}: {first} and {second}").format(what=label, first=a, second=b))
    counts_a, counts_b = _as_dict(first), _as_dict(second)
    mismatched = sorted(k for k in set(counts_a) | set(counts_b) if counts_a.get(k, 0) != counts_b.get(k, 0))
    if mismatched:
        differences.append(
            _("{count} project counts differ.").format(count=len({project for project, _grade in mismatched}))
        )
    return BoxState("mismatch" if differences else "agreed", differences)


def mismatched_project_ids(box: BallotBox) -> set[int]:
    if len(box.reports) < 2:
        return set()
    a, b = _as_dict(box.reports[0]), _as_dict(box.reports[1])
    return {
        project
        for project, _grade in set(a) | set(b)
        if a.get((project, _grade), 0) != b.get((project, _grade), 0)
    }


def unresolved_boxes(db: Session, campaign: Campaign) -> list[tuple[BallotBox, BoxState]]:
    """Boxes whose two entries are missing or disagree: they block the publication of results."""
    states = [(box, compare(box)) for box in boxes(db, campaign)]
    return [(box, state) for box, state in states if state.status != "agreed"]


def paper_tallies(
    db: Session, campaign: Campaign, level: str, projects: list[Project]
) -> tuple[np.ndarray, int]:
    """Counts per project and grade (worst first) of the agreed paper entries of one ballot, and
    the number of paper ballots. Only boxes whose two entries agree are counted."""
    tallies = np.zeros((len(projects), campaign.n_grades), dtype=np.int64)
    column = {p.id: j for j, p in enumerate(projects)}
    total = 0
    for box in boxes(db, campaign):
        if level not in {CITY, box.district}:
            continue
        if compare(box).status != "agreed":
            continue
        report = box.reports[0]
        ballots = report.city_ballots if level == CITY else report.district_ballots
        total += ballots
        box_counts = np.zeros_like(tallies)
        for count in report.counts:
            j = column.get(count.project_id)
            if j is not None and 1 <= count.grade < campaign.n_grades:
                box_counts[j, count.grade] += count.count
        box_counts[:, 0] = ballots - box_counts[:, 1:].sum(axis=1)
        tallies += box_counts
    return tallies, total
