"""Back office: the admissibility review of ideas against the five criteria."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    FromQuery,
    Person,
    _,
    audit,
    can,
    lazy_gettext,
    on_refusal,
    page_number,
    redirect,
    state_of,
)
from parvis.plugins.budget import permissions
from parvis.plugins.budget.models import IdeaStatus
from parvis.plugins.budget.services.ideas import IdeaFilters, idea_by_public_id, search_ideas
from parvis.plugins.budget.services.review import CRITERIA, review_idea
from parvis.plugins.budget.web.common import Req, campaign_or_404, not_found, render, site_of

REVIEW = Form(
    Field(
        "failed",
        lazy_gettext("Criteria the idea does not meet"),
        kind="checkboxes",
        required=False,
        choices=lambda: [(code, _(label)) for code, label in CRITERIA.items()],
        help=lazy_gettext("Tick none to declare the idea admissible."),
    ),
    Field(
        "reason",
        lazy_gettext("Reason given to the author and the public"),
        kind="textarea",
        required=False,
        max_length=3000,
    ),
)


class IdeaReviewController(Controller):
    path = "/admin/budget/{slug:str}/ideas"
    guards = [can(permissions.REVIEW)]

    @get("/")
    def index(
        self,
        request: Req,
        db: DB,
        slug: FromPath[str],
        status: FromQuery[str] = "submitted",
        page: FromQuery[int] = 1,
    ) -> Template:
        campaign = campaign_or_404(db, slug)
        page = page_number(page)
        ideas, total = search_ideas(
            db, campaign, IdeaFilters(status=status, visible_only=False), page=page, per_page=50
        )
        return render(
            request,
            "budget/admin/ideas.html",
            campaign=campaign,
            ideas=ideas,
            total=total,
            status=status,
            statuses=IdeaStatus.choices(),
            title=_("Review of ideas"),
        )

    def _page(
        self, request: Req, db: DB, campaign: Any, idea: Any, form: Any, *, status_code: int = 200
    ) -> Template:
        author = db.get(Person, idea.author_person_id) if idea.author_person_id else None
        site = site_of(request)
        return render(
            request,
            "budget/admin/idea_review.html",
            campaign=campaign,
            idea=idea,
            form=form,
            author=author,
            author_age=author.age_on(site.today()) if author else None,
            title=_("Review: {idea}").format(idea=idea.title),
            status_code=status_code,
        )

    @get("/{public_id:str}")
    def review_form(self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        idea = idea_by_public_id(db, campaign, public_id)
        if idea is None:
            raise not_found()
        form = REVIEW.bind(initial={"failed": idea.failed_criteria, "reason": idea.review_reason})
        return self._page(request, db, campaign, idea, form)

    @post("/{public_id:str}", status_code=303)
    def review(
        self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        idea = idea_by_public_id(db, campaign, public_id)
        if idea is None:
            raise not_found()
        form = REVIEW.bind(data)
        on_refusal(
            request,
            lambda _shown: self._page(request, db, campaign, idea, form),
            form=form,
            fallback_field="failed",
            status_code=400,
        )
        values = form.require_valid()
        review_idea(db, idea, state_of(request).actor, failed=values["failed"], reason=values["reason"] or "")
        audit.record_request(request, "budget.idea.review", target=idea, failed=values["failed"])
        return redirect(request, f"/admin/budget/{campaign.slug}/ideas", _("The review is saved."))
