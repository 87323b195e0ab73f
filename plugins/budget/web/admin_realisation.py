"""Back office: the realisation of winning projects. Status, progress and milestones are recorded
in core's follow-up pages (one decision per project); photos are added here."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    Field,
    FromPath,
    Invalid,
    MultipartData,
    Refused,
    _,
    can,
    flash,
    on_refusal,
    redirect,
    state_of,
)
from parvis.api.photos import read_upload
from parvis.plugins.budget import permissions
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.services import realisation
from parvis.plugins.budget.services.projects import project_by_public_id
from parvis.plugins.budget.web.common import Req, campaign_or_404, not_found, render, site_of


class RealisationAdminController(Controller):
    path = "/admin/budget/{slug:str}/realisation"
    guards = [can(permissions.REALISATION)]

    @get("/")
    def index(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return render(
            request,
            "budget/admin/realisation.html",
            campaign=campaign,
            items=realisation.realisations(db, campaign),
            max_photo_mb=round(site_of(request).settings("budget").max_photo_bytes / 1_000_000, 1),
            title=_("Realisation of the winning projects"),
        )

    @post("/track", status_code=303)
    def track(self, request: Req, db: DB, slug: FromPath[str]) -> Redirect:
        campaign = campaign_or_404(db, slug)
        count = realisation.track_winners(db, site_of(request), campaign, state_of(request).actor)
        return redirect(
            request,
            f"/admin/budget/{campaign.slug}/realisation",
            _("{count} projects added to the follow-up.").format(count=count),
        )

    def _photo(self, request: Req, db: DB, project: Any, data: dict[str, Any]) -> None:
        """Store the uploaded photo of a winning project, or refuse it."""
        limit = site_of(request).settings("budget").max_photo_bytes
        upload = read_upload(data.get("photo"), limit)
        if upload is None:
            raise BudgetRefused(_("Choose a JPEG, PNG or WebP image."), "photo")
        try:
            taken_on = Field("taken_on", "", kind="date", required=False).clean(data.get("taken_on"))
        except ValueError as error:
            raise Invalid(str(error), "taken_on") from None
        account = state_of(request).actor.account
        realisation.add_photo(
            db,
            site_of(request),
            project,
            upload,
            alt=str(data.get("description") or ""),
            taken_on=taken_on,
            account_id=account.id if account else None,
        )

    @post("/{public_id:str}/photos", status_code=303)
    def add_photo(
        self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str], data: MultipartData
    ) -> Redirect:
        campaign = campaign_or_404(db, slug)
        project = project_by_public_id(db, campaign, public_id)
        if project is None:
            raise not_found()

        def back(refusal: Refused | None) -> Redirect:
            response = redirect(request, f"/admin/budget/{campaign.slug}/realisation")
            flash(response, refusal.message if refusal else "", "error")
            return response

        on_refusal(request, back)
        self._photo(request, db, project, data)
        return redirect(request, f"/admin/budget/{campaign.slug}/realisation", _("The photo is added."))
