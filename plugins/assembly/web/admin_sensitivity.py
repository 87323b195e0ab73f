"""Before college A's draw: how relaxing each quota by one seat would change the lowest chance of
selection, so that the official can adjust the quotas (and announce again) knowingly."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.api import DB, FromPath, _, can, page
from parvis.plugins.assembly.permissions import MANAGE
from parvis.plugins.assembly.services import sensitivity

from .common import AnyRequest, computed_once, promotion_or_404, site_of
from .public import college_label
from .recruitment_admin_common import draw_or_404


class SensitivityAdminController(Controller):
    path = "/admin/assembly/{public_id:str}/draws/{draw_id:str}/sensitivity"
    guards = [can(MANAGE)]

    @get("/", name="admin-assembly-draw-sensitivity")
    def show(self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        if not found.quotas:
            raise NotFoundException()
        result = sensitivity.stored(db, found)
        site = site_of(request)
        return page(
            request,
            "assembly/admin/sensitivity.html",
            promotion=promotion,
            draw=found,
            result=result,
            group=lambda effect: sensitivity.group(site, effect),
            sentence=lambda effect: sensitivity.sentence(site, result, effect) if result else "",
            points=sensitivity.points,
            section=found.college.code,
            title=_("How each quota affects fairness: {college}").format(
                college=college_label(found.college)
            ),
        )

    @post("/", status_code=303)
    def compute(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]
    ) -> Redirect:
        """A LEXIMIN, then one more per binding quota: a job, whose figures the page then shows."""
        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        if not found.quotas:
            raise NotFoundException()
        return computed_once(
            request,
            db,
            "assembly.sensitivity",
            key=sensitivity.cache_key(found),
            back_to=f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}/sensitivity",
            draw_id=found.public_id,
        )
