"""Public pages of a campaign: overview and phases, projects, photos, receipt check."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.api import DB, FormData, FromPath, FromQuery, _, public, redirect, url
from parvis.api.content import ContentRef
from parvis.api.content_translations import translated
from parvis.api.moderation import hidden_keys
from parvis.api.photos import photos_of
from parvis.plugins.budget.content import IDEA, PROJECT
from parvis.plugins.budget.models import PhaseKind
from parvis.plugins.budget.services import stats as stats_service
from parvis.plugins.budget.services.campaigns import all_campaigns, featured_campaign, phase_open, vote_closed
from parvis.plugins.budget.services.ideas import count_ideas
from parvis.plugins.budget.services.projects import campaign_projects, project_by_public_id
from parvis.plugins.budget.services.voting import check_receipt
from parvis.plugins.budget.web.common import Req, campaign_or_404, not_found, render


class BudgetController(Controller):
    path = "/budget"
    guards = [public]

    @get("/", name="budget-home")
    def home(self, request: Req, db: DB) -> Template | Redirect:
        campaign = featured_campaign(db)
        if campaign is None:
            return render(request, "budget/none.html", title=_("Participatory budget"))
        return redirect(request, f"/budget/{campaign.slug}")

    @get("/campaigns")
    def campaigns(self, request: Req, db: DB) -> Template:
        return render(request, "budget/campaigns.html", campaigns=all_campaigns(db), title=_("All campaigns"))

    @get("/{slug:str}")
    def campaign(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return render(
            request,
            "budget/campaign.html",
            campaign=campaign,
            ideas_open=phase_open(campaign, PhaseKind.IDEAS),
            vote_open=phase_open(campaign, PhaseKind.VOTE),
            vote_closed=vote_closed(campaign),
            idea_count=count_ideas(db, campaign),
            stats=stats_service.campaign_stats(db, campaign) if campaign.results_published_at else None,
            title=translated(request, campaign, "title"),
        )

    @get("/{slug:str}/projects")
    def projects(
        self, request: Req, db: DB, slug: FromPath[str], level: FromQuery[str | None] = None
    ) -> Template:
        campaign = campaign_or_404(db, slug)
        projects = [
            p
            for p in campaign_projects(db, campaign, level or None)
            if p.ballot_position is not None or p.status.value in {"selected", "not_selected"}
        ]
        return render(
            request,
            "budget/projects.html",
            campaign=campaign,
            projects=projects,
            level=level or "",
            title=_("Projects of the {campaign}").format(campaign=translated(request, campaign, "title")),
        )

    @get("/{slug:str}/projects/{public_id:str}")
    def project(self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        project = project_by_public_id(db, campaign, public_id)
        if project is None:
            raise not_found()
        hidden = hidden_keys(db, IDEA, [i.public_id for i in project.ideas])
        ideas = [i for i in project.ideas if i.public_id not in hidden]
        return render(
            request,
            "budget/project.html",
            campaign=campaign,
            project=project,
            ideas=ideas,
            photos=photos_of(db, ContentRef(PROJECT, project.public_id)),
            title=project.title,
        )

    @get("/photos/{public_id:str}", name="budget-photo")
    def photo(self, request: Req, public_id: FromPath[str]) -> Redirect:
        """The address photos had before core's photo store: kept for links already shared."""
        return Redirect(url(request, f"/photos/{public_id}"), status_code=301)

    @get("/receipt", name="budget-receipt")
    def receipt_form(self, request: Req) -> Template:
        return render(
            request, "budget/receipt.html", code="", status=None, checked=False, title=_("Check my receipt")
        )

    @post("/receipt", status_code=200)
    def receipt_check(self, request: Req, db: DB, data: FormData) -> Template:
        code = str(data.get("code") or "")[:40]
        status = check_receipt(db, code)
        return render(
            request,
            "budget/receipt.html",
            code=code,
            status=status,
            checked=True,
            title=_("Check my receipt"),
            status_code=200 if status else 404,
        )
