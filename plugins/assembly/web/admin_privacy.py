"""Back office of the recruitment's personal data: purging a college's, the access log."""

from __future__ import annotations

from litestar import get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    FormData,
    FromPath,
    _,
    backoffice,
    check,
    client_address,
    page,
    redirect,
    state_of,
)
from parvis.plugins.assembly.permissions import PERSONAL_DATA
from parvis.plugins.assembly.services import privacy

from .common import AnyRequest, PromotionAdmin, college_or_404, promotion_or_404, site_of
from .public import college_label


class PrivacyAdminController(PromotionAdmin):
    @post("/colleges/{code:str}/purge", status_code=303)
    def purge(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: FormData
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        target = f"/admin/assembly/{promotion.public_id}/colleges/{college.code}"
        backoffice.refuse_to(request, target)
        deleted = privacy.purge(
            db, site_of(request), promotion, college, include_reserve=data.get("reserve") == "1"
        )
        privacy.log_access(
            db,
            site_of(request),
            state_of(request).actor,
            promotion,
            action="purge",
            part=college.code,
            records=sum(deleted.values()),
            address=client_address(request),
        )
        return redirect(
            request,
            target,
            _("Deleted: {answers} answers, {applications} applications, {invitees} invited people.").format(
                **deleted
            ),
        )

    @get("/privacy", name="admin-assembly-privacy")
    def privacy_page(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        state = state_of(request)
        check(state, PERSONAL_DATA)
        promotion = promotion_or_404(db, public_id)
        site = state.site
        return page(
            request,
            "assembly/admin/privacy.html",
            promotion=promotion,
            log=privacy.access_log(db, promotion),
            left=[
                (college_label(c), privacy.personal_rows_left(db, promotion, c))
                for c in promotion.body.colleges
            ],
            purpose=privacy.purpose_text(site),
            retention=privacy.retention_text(site),
            section="privacy",
            title=_("Personal data and access log"),
        )
