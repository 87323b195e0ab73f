"""Back office of a college's recruitment: its page, the imported list, the pre-draw, the letters
and the answers."""

from __future__ import annotations

import os
import secrets
import shutil
from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    FormData,
    FromPath,
    MultipartData,
    _,
    audit,
    backoffice,
    check,
    client_address,
    job_path,
    page,
    redirect,
    start_job,
    state_of,
)
from parvis.plugins.assembly.permissions import PERSONAL_DATA
from parvis.plugins.assembly.services import (
    applications,
    imports,
    privacy,
)
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.settings import NON_EU

from .common import AnyRequest, PromotionAdmin, college_or_404, promotion_or_404, site_of
from .public import college_label
from .recruitment_admin_common import (
    PREDRAW,
    college_page,
    college_submit,
    lines_of,
)


class CollegeAdminController(PromotionAdmin):
    @get("/colleges/{code:str}", name="admin-assembly-college")
    def college(self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str]) -> Template:
        return college_page(request, db, public_id, code)

    @post("/colleges/{code:str}/import", status_code=303)
    def upload(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: MultipartData
    ) -> Template | Redirect:
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        upload = data.get("file")
        handle = getattr(upload, "file", None)
        if handle is None:
            backoffice.refuse_on_form(
                request, None, lambda refusal: college_page(request, db, public_id, code, refusal=refusal)
            )
            raise AssemblyError(_("Choose a CSV file."), "file")
        # Kept where the workers read the lists; the job checks it and keeps it (or removes it).
        path = imports.private_folder(site_of(request)) / f"upload-{secrets.token_hex(12)}.csv"
        with path.open("wb") as out:
            shutil.copyfileobj(handle, out)
        os.chmod(path, 0o600)
        state = state_of(request)
        job = start_job(
            db,
            state.site,
            "assembly.import_list",
            owner=state.actor,
            return_to=f"/admin/assembly/{promotion.public_id}/colleges/{college.code}",
            promotion_id=promotion.id,
            college=college.code,
            upload=str(path),
            filename=str(getattr(upload, "filename", "") or "list.csv"),
        )
        audit.record_request(
            request, "assembly.list.import", target=promotion, college=college.code, job=job.public_id
        )
        return redirect(request, job_path(job))

    @post("/colleges/{code:str}/predraw", status_code=303)
    def predraw(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: FormData
    ) -> Template | Redirect:
        promotion, college, v = college_submit(request, db, public_id, code, predraw_form=PREDRAW.bind(data))
        if imports.predraw_of(db, promotion, college) is not None:
            raise AssemblyError(_("The pre-draw is already done."))
        state = state_of(request)
        job = start_job(
            db,
            state.site,
            "assembly.predraw",
            owner=state.actor,
            return_to=f"/admin/assembly/{promotion.public_id}/colleges/{college.code}",
            unique_key=f"predraw-{promotion.id}-{college.code}",
            promotion_id=promotion.id,
            college=college.code,
            public_inputs=lines_of(v["public_inputs"]),
        )
        audit.record_request(
            request, "assembly.predraw.run", target=promotion, college=college.code, job=job.public_id
        )
        return redirect(request, job_path(job))

    @post("/colleges/{code:str}/letters", status_code=303)
    def letters(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: FormData
    ) -> Redirect:
        """The ZIP of letters (CSV + PDF), made by a job: the only copy of the codes it creates."""
        state = state_of(request)
        check(state, PERSONAL_DATA)
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        job = start_job(
            db,
            state.site,
            "assembly.letters",
            owner=state.actor,
            return_to=f"/admin/assembly/{promotion.public_id}/colleges/{college.code}",
            unique_key=f"letters-{promotion.id}-{college.code}",
            promotion_id=promotion.id,
            college=college.code,
            reissue=data.get("reissue") == "1",
            address=client_address(request),
        )
        return redirect(request, job_path(job))

    @get("/colleges/{code:str}/answers", name="admin-assembly-answers")
    def answers(self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str]) -> Template:
        """Respondents' personal answers: officials allowed to see them, each view logged."""
        state = state_of(request)
        check(state, PERSONAL_DATA)
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        from sqlalchemy import select

        from parvis.plugins.assembly.models import AssemblyInvitee, AssemblyResponse

        if college.code == NON_EU:
            rows: list[Any] = applications.of_promotion(db, promotion)
        else:
            rows = list(
                db.execute(
                    select(AssemblyResponse, AssemblyInvitee)
                    .join(AssemblyInvitee, AssemblyInvitee.id == AssemblyResponse.invitee_id)
                    .where(
                        AssemblyResponse.promotion_id == promotion.id,
                        AssemblyResponse.college_id == college.id,
                    )
                    .order_by(AssemblyInvitee.family_name, AssemblyInvitee.given_name)
                ).all()
            )
        privacy.log_access(
            db,
            state.site,
            state.actor,
            promotion,
            action="answers",
            part=college.code,
            records=len(rows),
            address=client_address(request),
        )
        return page(
            request,
            "assembly/admin/answers.html",
            promotion=promotion,
            college=college,
            label=college_label(college),
            rows=rows,
            applications=college.code == NON_EU,
            section=college.code,
            title=_("Answers: {college}").format(college=college_label(college)),
        )
