"""Back office of a college's draw: announcing it, running it, publishing the result, the bailiff's
report and its verification."""

from __future__ import annotations

from litestar import Response, get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    FormData,
    FromPath,
    _,
    audit,
    backoffice,
    cached_or_job_page,
    job_path,
    page,
    redirect,
    start_job,
    state_of,
)
from parvis.plugins.assembly.jobs import report_key, verification_key
from parvis.plugins.assembly.services import (
    draws,
    report,
)
from parvis.plugins.assembly.services.common import AssemblyError

from .common import AnyRequest, PromotionAdmin, back, computed_once, promotion_or_404, site_of
from .recruitment_admin_common import (
    PREPARE,
    REPORT,
    RUN,
    college_submit,
    draw_or_404,
    draw_page,
    lines_of,
)


class DrawsAdminController(PromotionAdmin):
    @post("/colleges/{code:str}/draw", status_code=303)
    def prepare(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: FormData
    ) -> Template | Redirect:
        promotion, college, v = college_submit(request, db, public_id, code, prepare_form=PREPARE.bind(data))
        draw = draws.prepare(
            db,
            site_of(request),
            promotion,
            college,
            actor=state_of(request).actor,
            scheduled_at=v["scheduled_at"],
            place=v["place"],
            randomness_source=v["randomness_source"],
        )
        audit.record_request(request, "assembly.draw.announce", target=draw, college=college.code)
        return redirect(
            request,
            f"/admin/assembly/{promotion.public_id}/draws/{draw.public_id}",
            _("The draw is announced on its public page."),
        )

    @get("/draws/{draw_id:str}", name="admin-assembly-draw")
    def draw(self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]) -> Template:
        return draw_page(request, db, public_id, draw_id)

    @post("/draws/{draw_id:str}/run", status_code=303)
    def run(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        form = RUN.bind(data)
        v = backoffice.submit(
            request,
            form,
            lambda refusal: draw_page(request, db, public_id, draw_id, run_form=form, refusal=refusal),
        )
        inputs = draws.ready_to_run(found, lines_of(v["public_inputs"]))
        state = state_of(request)
        job = start_job(
            db,
            state.site,
            "assembly.draw",
            owner=state.actor,
            return_to=f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}",
            unique_key=f"draw-{found.public_id}",
            draw_id=found.public_id,
            public_inputs=inputs,
            present=v["present"] or "",
            bailiff=v["bailiff"] or "",
        )
        audit.record_request(
            request, "assembly.draw.run", target=found, college=found.college.code, job=job.public_id
        )
        return redirect(request, job_path(job))

    @post("/draws/{draw_id:str}/publish", status_code=303)
    def publish(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        backoffice.refuse_to(request, f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}")
        draws.publish(db, site_of(request), found)
        audit.record_request(request, "assembly.draw.publish", target=found, college=found.college.code)
        return redirect(
            request,
            f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}",
            _("The result is published."),
        )

    @post("/draws/{draw_id:str}/report", status_code=303)
    def save_report(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str], data: FormData
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        target = f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}"
        form = REPORT.bind(data)
        if not form.valid:
            return back(request, target, _("Enter a date like 2026-03-31."), "error")
        backoffice.refuse_to(request, target)
        draws.update_report(
            db,
            found,
            present=form.values["present"] or "",
            bailiff=form.values["bailiff"] or "",
            report_reference=form.values["report_reference"] or "",
            signed_on=form.values["report_signed_on"],
        )
        audit.record_request(request, "assembly.draw_report.update", target=found, college=found.college.code)
        return redirect(request, target, _("The report is saved."))

    @get("/draws/{draw_id:str}/report", name="admin-assembly-draw-report")
    def report_page(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]
    ) -> Template:
        from parvis.api import use_locale

        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        site = site_of(request)
        language = site.settings("assembly").letters_locale
        with use_locale(language):
            built = report.build(site, promotion, found)
        return page(
            request,
            "assembly/admin/report.html",
            promotion=promotion,
            draw=found,
            report=built,
            report_language=language,
            title=built.title,
        )

    @get("/draws/{draw_id:str}/report.pdf", name="admin-assembly-draw-report-pdf")
    def report_pdf(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]
    ) -> Response[bytes] | Redirect:
        """The report as PDF: made once by a job, then served from the cache until the draw changes."""
        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        return cached_or_job_page(
            request,
            db,
            "assembly.report_pdf",
            cache_key=report_key(site_of(request), promotion, found),
            return_to=f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}/report",
            draw_id=found.public_id,
        )

    @post("/draws/{draw_id:str}/verify", status_code=303)
    def verify(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]
    ) -> Template | Redirect:
        """Recomputing a draw takes seconds: a job, whose checks the draw's page then shows."""
        promotion = promotion_or_404(db, public_id)
        found = draw_or_404(db, promotion, draw_id)
        if found.record is None:
            backoffice.refuse_on_form(
                request, None, lambda refusal: draw_page(request, db, public_id, draw_id, refusal=refusal)
            )
            raise AssemblyError(_("Run the draw before verifying it."))
        return computed_once(
            request,
            db,
            "assembly.verify",
            key=verification_key(found, state_of(request).locale),
            back_to=f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}",
            draw_id=found.public_id,
        )
