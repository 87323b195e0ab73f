"""Results pages: winners per envelope, merit profiles, participation by channel and district.

While the vote is open (and until officials publish), these pages say when results will come and
show no count at all.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get
from litestar.response import Response, Template

from parvis.api import DB, FromPath, _, public, url
from parvis.api.content_translations import translated
from parvis.plugins.budget.errors import ResultsNotPublished
from parvis.plugins.budget.rules import majority_judgment
from parvis.plugins.budget.services import realisation, stats
from parvis.plugins.budget.services.results import published
from parvis.plugins.budget.web import charts
from parvis.plugins.budget.web.common import Req, campaign_or_404, not_found, render, rule_of


class ResultsController(Controller):
    path = "/budget/{slug:str}"
    guards = [public]

    @get("/results")
    def results(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        try:
            ballots, projects = published(db, campaign)
        except ResultsNotPublished:
            return render(request, "budget/results_pending.html", campaign=campaign, title=_("Results"))
        winners = {b.level: [r for r in projects if r.level == b.level and r.selected] for b in ballots}
        for rows in winners.values():
            rows.sort(key=lambda r: r.selection_order or 0)
        return render(
            request,
            "budget/results.html",
            campaign=campaign,
            ballots=ballots,
            winners=winners,
            stats=stats.campaign_stats(db, campaign),
            title=_("Results of the {campaign}").format(campaign=translated(request, campaign, "title")),
        )

    @get("/results/{level:str}")
    def ballot_results(self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        try:
            ballots, projects = published(db, campaign)
        except ResultsNotPublished:
            return render(request, "budget/results_pending.html", campaign=campaign, title=_("Results"))
        ballot = next((b for b in ballots if b.level == level), None)
        if ballot is None:
            raise not_found()
        shown = rule_of(request, campaign)
        labels = shown.scale
        rows = [r for r in projects if r.level == level]
        return render(
            request,
            "budget/results_ballot.html",
            campaign=campaign,
            ballot=ballot,
            rows=rows,
            labels=labels,
            shown=shown,
            bar=lambda tally: charts.merit_bar(tally, labels),
            legend=charts.legend(labels),
            majority_grade=majority_judgment.majority_grade,
            title=_("Results: {ballot}").format(ballot=_level(request, level)),
        )

    @get("/realisations")
    def realisations(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return render(
            request,
            "budget/realisations.html",
            campaign=campaign,
            items=realisation.public_list(db, request, campaign),
            title=_("Realisation of the winning projects"),
        )

    @get("/realisations/pins.json", include_in_schema=False)
    def realisation_pins(self, request: Req, db: DB, slug: FromPath[str]) -> Response[dict[str, Any]]:
        """The map's pins: the winning projects that have a place, with their realisation status."""
        campaign = campaign_or_404(db, slug)
        base = url(request, f"/budget/{campaign.slug}/projects") + "/"
        pins = [
            {
                "title": _("{project} ({status})").format(
                    project=item.project.title, status=_(item.status.label)
                ),
                "lat": round(item.project.latitude, 6),
                "lon": round(item.project.longitude, 6),
                "url": base + item.project.public_id,
                "completed": item.completed,
            }
            for item in realisation.public_list(db, request, campaign)
            if item.project.latitude is not None and item.project.longitude is not None
        ]
        return Response({"pins": pins}, headers={"cache-control": "no-store"})


def _level(request: Req, level: str) -> str:
    from parvis.api import state_of
    from parvis.plugins.budget.services.campaigns import level_label

    return level_label(state_of(request).site, level)
