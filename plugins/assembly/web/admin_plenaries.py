"""Back office of a promotion's plenaries: which decisions are on each agenda."""

from __future__ import annotations

from litestar import get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import DB, FormData, FromPath, _, backoffice, redirect
from parvis.api.bodies import Meeting
from parvis.api.decisions import Decision, registry
from parvis.plugins.assembly.kinds import PLENARY
from parvis.plugins.assembly.services import plenaries

from .common import AnyRequest, PromotionAdmin, back, promotion_or_404, promotion_page, site_of


class PlenariesAdminController(PromotionAdmin):
    @get("/plenaries", name="admin-assembly-plenaries")
    def plenary_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        site = site_of(request)
        found = plenaries.plenaries(db, promotion)
        return promotion_page(
            request,
            promotion,
            "assembly/admin/plenaries.html",
            "plenaries",
            _("Plenaries of the promotion {label}"),
            plenaries=[(m, plenaries.agenda(db, m)) for m in found],
            decisions=plenaries.decisions_of(db, promotion),
            registry=registry(site),
            per_year=site.settings("assembly").plenaries_per_year,
        )

    @post("/plenaries/{meeting_id:str}/items", status_code=303)
    def plenary_item(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], meeting_id: FromPath[str], data: FormData
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        meeting = db.scalar(
            select(Meeting).where(Meeting.public_id == meeting_id[:24], Meeting.kind == PLENARY)
        )
        decision = db.scalar(
            select(Decision).where(Decision.public_id == str(data.get("decision") or "")[:24])
        )
        target = f"/admin/assembly/{promotion.public_id}/plenaries"
        if meeting is None:
            raise NotFoundException()
        if decision is None:
            return back(request, target, _("Choose among the options shown."), "error")
        backoffice.refuse_to(request, target)
        if data.get("remove") == "1":
            plenaries.remove_item(db, meeting, decision)
        else:
            plenaries.add_item(db, promotion, meeting, decision)
        return redirect(request, target, _("The agenda is saved."))
