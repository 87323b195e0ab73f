"""Open data: the published counts and the anonymised ballots, from which anyone re-runs the
count (``parvis budget rank``, or ``rules.majority_judgment.tally_ballots`` then ``rank``).

- ballots CSV: one row per online ballot, shuffled, one column per project (its public id, in
  ballot order), the grade index as value (0 = worst, blanks included);
- paper CSV: the agreed count of every ballot box, per project and grade;
- counts JSON: the combined tallies in the format ``parvis budget rank`` reads;
- Pabulib ``.pb``: the online ballots (``scoring``, or ``approval`` for approval rules).
All are refused until the results are published.
"""

from __future__ import annotations

import csv
import io
import json
import random
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from parvis.api import JobDefinition, Visibility, _, hookimpl, lazy_gettext
from parvis.plugins.budget import pabulib
from parvis.plugins.budget.ballot_rules import rule_view
from parvis.plugins.budget.errors import ResultsNotPublished
from parvis.plugins.budget.models import CITY, Campaign
from parvis.plugins.budget.services import paper, tally
from parvis.plugins.budget.services.campaigns import level_label
from parvis.plugins.budget.services.projects import ballot_projects
from parvis.plugins.budget.services.results import published

if TYPE_CHECKING:
    from parvis.api import JobContext, Site


def _require_published(campaign: Campaign) -> None:
    if campaign.results_published_at is None:
        raise ResultsNotPublished(_("Results are published after the vote closes."))


def ballots_csv(db: Session, campaign: Campaign, level: str) -> str:
    _require_published(campaign)
    projects = ballot_projects(db, campaign, level)
    matrix = tally.ballot_matrix(db, campaign.id, level, len(projects)).copy()
    _shuffle(matrix)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([p.public_id for p in projects])
    writer.writerows(matrix.tolist())
    return out.getvalue()


def _shuffle(matrix: npt.NDArray[np.uint8]) -> None:
    """Shuffle rows in place with a seed from the operating system (unpredictable order)."""
    np.random.default_rng(random.SystemRandom().getrandbits(128)).shuffle(matrix)


def paper_csv(db: Session, campaign: Campaign, level: str) -> str:
    _require_published(campaign)
    projects = {p.id: p for p in ballot_projects(db, campaign, level)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["box", "district", "ballots", "signatures", "project", "grade", "count"])
    for box in paper.boxes(db, campaign):
        if level not in {CITY, box.district} or paper.compare(box).status != "agreed":
            continue
        report = box.reports[0]
        ballots = report.city_ballots if level == CITY else report.district_ballots
        counts = {(c.project_id, c.grade): c.count for c in report.counts}
        for project in projects.values():
            given = [counts.get((project.id, g), 0) for g in range(1, campaign.n_grades)]
            row = [ballots - sum(given), *given]
            for grade, n in enumerate(row):
                writer.writerow(
                    [box.public_id, box.district, ballots, report.signatures, project.public_id, grade, n]
                )
    return out.getvalue()


def counts_document(db: Session, site: Site, campaign: Campaign, level: str) -> dict[str, object]:
    """The combined tallies of one ballot, as ``parvis budget rank FILE.json`` reads them."""
    _ballots, rows = published(db, campaign)
    rows = sorted((r for r in rows if r.level == level), key=lambda r: r.project.ballot_position or 0)
    shown = rule_view(site, campaign)
    return {
        "campaign": campaign.slug,
        "ballot": level,
        "ballot_name": level_label(site, level),
        "rule": campaign.rule,
        "rule_version": shown.version,
        "ballot_kind": shown.kind,
        "projects": [r.project.title for r in rows],
        "project_ids": [r.project.public_id for r in rows],
        "grades": shown.scale,
        # The rule's own figures per project, as on the results page.
        "columns": [{"key": key, "label": label, "format": fmt} for key, label, fmt in shown.columns],
        "figures": [{key: r.figures.get(key) for key, _label, _fmt in shown.columns} for r in rows],
        "tallies": [r.total for r in rows],
        "online": [list(r.online) for r in rows],
        "paper": [list(r.paper) for r in rows],
        "ranks": [r.rank for r in rows],
        "selected": [r.selected for r in rows],
    }


def counts_json(db: Session, site: Site, campaign: Campaign, level: str) -> str:
    return json.dumps(counts_document(db, site, campaign, level), ensure_ascii=False, indent=1)


def pabulib_text(db: Session, site: Site, campaign: Campaign, level: str) -> str:
    _require_published(campaign)
    shown = rule_view(site, campaign)
    projects = ballot_projects(db, campaign, level)
    matrix = tally.ballot_matrix(db, campaign.id, level, len(projects)).copy()
    _shuffle(matrix)
    envelope = campaign.envelope(level)
    budget = (envelope.amount + envelope.qpop_bonus) if envelope else 0
    meta = {
        "description": f"{campaign.title} — {level_label(site, level, 'en')}",
        "country": "",
        "unit": site.config.site.city,
        "subunit": level_label(site, level, "en"),
        "instance": str(campaign.year),
        "rule": shown.name,
        "comment": "Online ballots only; paper ballots are published as counts per ballot box.",
    }
    ids = [p.public_id for p in projects]
    costs = [p.cost or 0 for p in projects]
    names = [p.title for p in projects]
    if shown.kind == "approval":
        pb = pabulib.approval_file(
            meta, project_ids=ids, costs=costs, approvals=matrix >= 1, budget=budget, names=names
        )
    else:
        pb = pabulib.grades_file(
            meta,
            project_ids=ids,
            costs=costs,
            ballots=matrix.tolist(),
            budget=budget,
            n_grades=campaign.n_grades,
            names=names,
        )
    return pabulib.dumps(pb)


# -- made by a background job (``budget.export``), kept until the published results change --------

FORMATS = {
    "counts": ("application/json", "{slug}-{level}-counts.json"),
    "ballots": ("text/csv; charset=utf-8", "{slug}-{level}-ballots.csv"),
    "paper": ("text/csv; charset=utf-8", "{slug}-{level}-paper.csv"),
    "pabulib": ("text/plain; charset=utf-8", "{slug}-{level}.pb"),
}


def export_key(campaign: Campaign, what: str, level: str) -> str:
    from parvis.api import key_of

    return key_of("budget.export", what, campaign.id, level, campaign.results_published_at)


@hookimpl
def register_jobs() -> list[JobDefinition]:
    # Published open data, asked for by anyone: its job's page is public.
    return [
        JobDefinition(
            "budget.export", export_job, lazy_gettext("Open data file"), visibility=Visibility.PUBLIC
        )
    ]


def export_job(job: JobContext, *, what: str, campaign: str, level: str, cache_key: str, url: str) -> None:
    """Build one published export and keep it; the job leads back to its address."""
    from parvis.api import Refused, store_file
    from parvis.plugins.budget.services.campaigns import campaign_by_slug

    found = campaign_by_slug(job.db, campaign)
    if found is None or what not in FORMATS:
        raise Refused(_("This page does not exist or is no longer available."), status_code=404)
    job.progress(None, _("Preparing the file"))
    # A BudgetRefused (results not published) is a Refused: the job fails at once with its message.
    if what == "counts":
        body = counts_json(job.db, job.site, found, level)
    elif what == "ballots":
        body = ballots_csv(job.db, found, level)
    elif what == "paper":
        body = paper_csv(job.db, found, level)
    else:
        body = pabulib_text(job.db, job.site, found, level)
    media_type, name = FORMATS[what]
    store_file(
        job.db,
        job.site,
        body.encode("utf-8"),
        name=name.format(slug=found.slug, level=level),
        media_type=media_type,
        cache_key=cache_key,
    )
    job.set_result(href=url)
