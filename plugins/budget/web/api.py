"""Open data under ``/api/budget``: published results, counts, anonymised ballots, Pabulib files.

Everything answers 403 with a reason until officials publish the results after the vote closes:
no count of any kind leaves the server while the vote is open.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get

from parvis.api import DB, FromPath, cached_or_started, public
from parvis.plugins.budget.services import stats
from parvis.plugins.budget.services.campaigns import all_campaigns, level_label
from parvis.plugins.budget.services.exports import export_key
from parvis.plugins.budget.services.results import published
from parvis.plugins.budget.web.common import Req, campaign_or_404, not_found, site_of


class BudgetApiController(Controller):
    path = "/budget"
    guards = [public]
    tags = ["Participatory budget"]

    @get("/campaigns")
    def campaigns(self, db: DB) -> list[dict[str, Any]]:
        """Every campaign with its phases and whether its results are published."""
        return [
            {
                "slug": c.slug,
                "year": c.year,
                "title": c.title,
                "rule": c.rule,
                "total_amount_cents": c.total_amount,
                "results_published": c.results_published_at is not None,
                "phases": [
                    {
                        "kind": p.kind.value,
                        "starts_at": p.starts_at.isoformat(),
                        "ends_at": p.ends_at.isoformat(),
                    }
                    for p in c.phases
                ],
            }
            for c in all_campaigns(db)
        ]

    @get("/{slug:str}/results")
    def results(self, request: Req, db: DB, slug: FromPath[str]) -> dict[str, Any]:
        """Published results: per ballot, participation per channel, and every project's counts."""
        campaign = campaign_or_404(db, slug)
        ballots, projects = published(db, campaign)  # ResultsNotPublished: 403 with the reason
        site = site_of(request)
        return {
            "campaign": campaign.slug,
            "rule": campaign.rule,
            "published_at": campaign.results_published_at.isoformat()
            if campaign.results_published_at
            else None,
            "statistics": stats.campaign_stats(db, campaign).as_dict(),
            "ballots": [
                {
                    "level": b.level,
                    "name": level_label(site, b.level),
                    "online_ballots": b.online_ballots,
                    "paper_ballots": b.paper_ballots,
                    "envelope_cents": b.amount,
                    "qpop_minimum_cents": b.qpop_minimum,
                    "qpop_bonus_cents": b.qpop_bonus,
                    "spent_cents": b.spent,
                    "qpop_spent_cents": b.qpop_spent,
                    "qpop_minimum_met": b.qpop_minimum_met,
                    "projects": [
                        {
                            "id": r.project.public_id,
                            "title": r.project.title,
                            "cost_cents": r.project.cost,
                            "qpop": r.project.qpop,
                            "rank": r.rank,
                            "selected": r.selected,
                            "online": r.online,
                            "paper": r.paper,
                        }
                        for r in projects
                        if r.level == b.level
                    ],
                }
                for b in ballots
            ],
        }

    def _export(self, db: DB, slug: str, level: str) -> Any:
        campaign = campaign_or_404(db, slug)
        ballots, _projects = published(db, campaign)  # ResultsNotPublished: 403 with the reason
        if level not in {b.level for b in ballots}:
            raise not_found()
        return campaign

    def _file(self, request: Req, db: DB, what: str, slug: str, level: str) -> Response[Any]:
        """A published export: made once by a job (``budget.export``), then served from its cache."""
        campaign = self._export(db, slug, level)
        return cached_or_started(
            request,
            db,
            "budget.export",
            cache_key=export_key(campaign, what, level),
            url=f"/api/budget/{campaign.slug}/{what}/{level}",
            what=what,
            campaign=campaign.slug,
            level=level,
        )

    @get("/{slug:str}/counts/{level:str}")
    def counts(self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str]) -> Response[Any]:
        """Combined counts of one ballot, in the format ``parvis budget rank FILE.json`` reads.

        Every export is made once by a background job: until it is ready the answer is ``202``
        with ``Retry-After``; ask again."""
        return self._file(request, db, "counts", slug, level)

    @get("/{slug:str}/ballots/{level:str}")
    def ballots(self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str]) -> Response[Any]:
        """The anonymised online ballots of one ballot: a shuffled CSV, one column per project."""
        return self._file(request, db, "ballots", slug, level)

    @get("/{slug:str}/paper/{level:str}")
    def paper(self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str]) -> Response[Any]:
        """The agreed paper counts of one ballot, per ballot box, project and grade."""
        return self._file(request, db, "paper", slug, level)

    @get("/{slug:str}/pabulib/{level:str}")
    def pabulib(self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str]) -> Response[Any]:
        """The online ballots of one ballot in the Pabulib ``.pb`` format."""
        return self._file(request, db, "pabulib", slug, level)
