"""Back office of recruitment: a college's list, pre-draw, letters, answers, applications, its
draw (announce, run, publish, bailiff's report, verification) and the purge of personal data."""

from __future__ import annotations

import os
import secrets
import shutil
from typing import Any

from litestar import Controller, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    MultipartData,
    _,
    allowed,
    audit,
    cached_file,
    can,
    check,
    client_address,
    file_response,
    job_path,
    lazy_gettext,
    page,
    redirect,
    start_job,
    start_job_now,
    state_of,
)
from parvis.plugins.assembly.jobs import last_verification, report_key, verification_key
from parvis.plugins.assembly.models import (
    DRAW_KIND_LABELS,
    DRAW_STATUS_LABELS,
    AssemblyDraw,
    AssemblyPromotion,
)
from parvis.plugins.assembly.permissions import MANAGE, PERSONAL_DATA
from parvis.plugins.assembly.services import (
    applications,
    draws,
    imports,
    privacy,
    quotas,
    report,
    stats,
)
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.settings import NON_EU, ROLL

from .common import AnyRequest, back, college_or_404, promotion_or_404, site_of
from .public import college_label

PUBLIC_INPUTS = Field(
    "public_inputs",
    lazy_gettext("Public random inputs"),
    kind="textarea",
    help=lazy_gettext(
        "The values announced in advance, one per line, "
        "for example the numbers of a dated public lottery draw."
    ),
)
PREDRAW = Form(PUBLIC_INPUTS)
PREPARE = Form(
    Field("scheduled_at", lazy_gettext("Date and time of the draw"), kind="datetime"),
    Field("place", lazy_gettext("Place"), max_length=300),
    Field(
        "randomness_source",
        lazy_gettext("Source of the public random inputs"),
        kind="textarea",
        help=lazy_gettext(
            "Announced before the draw, for example: the numbers of the EuroMillions draw of that Friday."
        ),
    ),
)
RUN = Form(
    PUBLIC_INPUTS,
    Field("present", lazy_gettext("People present"), kind="textarea", required=False),
    Field("bailiff", lazy_gettext("Supervising bailiff"), required=False, max_length=200),
)
REPORT = Form(
    Field("present", lazy_gettext("People present"), kind="textarea", required=False),
    Field("bailiff", lazy_gettext("Supervising bailiff"), required=False, max_length=200),
    Field("report_reference", lazy_gettext("Reference of the report"), required=False, max_length=80),
    Field("report_signed_on", lazy_gettext("Signed by the bailiff on"), kind="date", required=False),
)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _draw_or_404(db: DB, promotion: AssemblyPromotion, draw_id: str) -> AssemblyDraw:
    draw = draws.by_public_id(db, draw_id[:24])
    if draw is None or draw.promotion_id != promotion.id:
        raise NotFoundException()
    return draw


class RecruitmentAdminController(Controller):
    path = "/admin/assembly/{public_id:str}"
    guards = [can(MANAGE)]

    # -- a college ------------------------------------------------------------------------------

    @get("/colleges/{code:str}", name="admin-assembly-college")
    def college(self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str]) -> Template:
        return self._college_page(request, db, public_id, code)

    def _college_page(
        self,
        request: AnyRequest,
        db: DB,
        public_id: str,
        code: str,
        *,
        refusal: AssemblyError | None = None,
        predraw_form: Any = None,
        prepare_form: Any = None,
        status: int = 200,
    ) -> Template:
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        site = site_of(request)
        rows, total = stats.rates_by_district(db, site, promotion, college)
        found_counts = stats.counts(db, promotion, college)
        draw = draws.draw_for(db, promotion, college)
        applied = applications.of_promotion(db, promotion) if college.code == NON_EU else []
        return page(
            request,
            "assembly/admin/college.html",
            promotion=promotion,
            college=college,
            label=college_label(college),
            imported=imports.current_import(db, promotion, college),
            predraw=imports.predraw_of(db, promotion, college),
            lettered=found_counts[("lettered", "all", "all")]
            or sum(r for (m, d, _v), r in found_counts.items() if m == "lettered" and d == "district"),
            rates=rows,
            total=total,
            answers=found_counts[("answers", "all", "all")],
            applications_count=len(applied),
            eligible_count=sum(1 for a in applied if a.eligible),
            pool_preview=len(draws.pool_records(db, site, promotion, college))
            if draw is None or draw.status.value == "announced"
            else None,
            quota_rows=quotas.rows(site, college.seats) if college.code == ROLL else [],
            quota_label=lambda f, v: (quotas.feature_label(f), quotas.value_label(site, f, v)),
            draw=draw,
            personal=allowed(state_of(request), PERSONAL_DATA, promotion),
            left=privacy.personal_rows_left(db, promotion, college),
            columns=imports.columns_for(site, college),
            predraw_form=predraw_form or PREDRAW.bind(),
            prepare_form=prepare_form or PREPARE.bind(),
            refusal=refusal,
            kind_labels=DRAW_KIND_LABELS,
            status_labels=DRAW_STATUS_LABELS,
            section=college.code,
            title=college_label(college),
            status_code=status,
        )

    @post("/colleges/{code:str}/import", status_code=303)
    def upload(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: MultipartData
    ) -> Template | Redirect:
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        upload = data.get("file")
        handle = getattr(upload, "file", None)
        if handle is None:
            error = AssemblyError(_("Choose a CSV file."), "file")
            return self._college_page(request, db, public_id, code, refusal=error, status=400)
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
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        form = PREDRAW.bind(data)
        if not form.valid:
            return self._college_page(request, db, public_id, code, predraw_form=form, status=400)
        if imports.predraw_of(db, promotion, college) is not None:
            error = AssemblyError(_("The pre-draw is already done."))
            return self._college_page(
                request, db, public_id, code, refusal=error, predraw_form=form, status=400
            )
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
            public_inputs=_lines(form.values["public_inputs"]),
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
        db.commit()
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

    # -- the draw ---------------------------------------------------------------------------------

    @post("/colleges/{code:str}/draw", status_code=303)
    def prepare(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: FormData
    ) -> Template | Redirect:
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        form = PREPARE.bind(data)
        if form.valid:
            try:
                draw = draws.prepare(
                    db,
                    site_of(request),
                    promotion,
                    college,
                    actor=state_of(request).actor,
                    scheduled_at=form.values["scheduled_at"],
                    place=form.values["place"],
                    randomness_source=form.values["randomness_source"],
                )
            except AssemblyError as error:
                db.rollback()
                return self._college_page(
                    request, db, public_id, code, refusal=error, prepare_form=form, status=400
                )
            audit.record_request(request, "assembly.draw.announce", target=draw, college=college.code)
            db.commit()
            return redirect(
                request,
                f"/admin/assembly/{promotion.public_id}/draws/{draw.public_id}",
                _("The draw is announced on its public page."),
            )
        return self._college_page(request, db, public_id, code, prepare_form=form, status=400)

    @get("/draws/{draw_id:str}", name="admin-assembly-draw")
    def draw(self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]) -> Template:
        return self._draw_page(request, db, public_id, draw_id)

    def _draw_page(
        self,
        request: AnyRequest,
        db: DB,
        public_id: str,
        draw_id: str,
        *,
        run_form: Any = None,
        refusal: AssemblyError | None = None,
        status: int = 200,
    ) -> Template:
        promotion = promotion_or_404(db, public_id)
        found = _draw_or_404(db, promotion, draw_id)
        site = site_of(request)
        return page(
            request,
            "assembly/admin/draw.html",
            promotion=promotion,
            draw=found,
            college=college_label(found.college),
            report=report.build(site, promotion, found),
            run_form=run_form or RUN.bind(initial={"present": found.present, "bailiff": found.bailiff}),
            report_form=REPORT.bind(
                initial={
                    "present": found.present,
                    "bailiff": found.bailiff,
                    "report_reference": found.report_reference,
                    "report_signed_on": found.report_signed_on,
                }
            ),
            refusal=refusal,
            verification=last_verification(db, found, state_of(request).locale),
            kind_labels=DRAW_KIND_LABELS,
            status_labels=DRAW_STATUS_LABELS,
            section=found.college.code,
            title=_("{kind}: {college}").format(
                kind=_(DRAW_KIND_LABELS[found.kind]), college=college_label(found.college)
            ),
            status_code=status,
        )

    @post("/draws/{draw_id:str}/run", status_code=303)
    def run(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        promotion = promotion_or_404(db, public_id)
        found = _draw_or_404(db, promotion, draw_id)
        form = RUN.bind(data)
        if not form.valid:
            return self._draw_page(request, db, public_id, draw_id, run_form=form, status=400)
        try:
            inputs = draws.ready_to_run(found, _lines(form.values["public_inputs"]))
        except AssemblyError as error:
            return self._draw_page(request, db, public_id, draw_id, run_form=form, refusal=error, status=400)
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
            present=form.values["present"] or "",
            bailiff=form.values["bailiff"] or "",
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
        found = _draw_or_404(db, promotion, draw_id)
        try:
            draws.publish(db, found)
        except AssemblyError as error:
            return back(
                request,
                f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}",
                error.message,
                "error",
            )
        audit.record_request(request, "assembly.draw.publish", target=found, college=found.college.code)
        db.commit()
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
        found = _draw_or_404(db, promotion, draw_id)
        target = f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}"
        form = REPORT.bind(data)
        if not form.valid:
            return back(request, target, _("Enter a date like 2026-03-31."), "error")
        try:
            draws.update_report(
                db,
                found,
                present=form.values["present"] or "",
                bailiff=form.values["bailiff"] or "",
                report_reference=form.values["report_reference"] or "",
                signed_on=form.values["report_signed_on"],
            )
        except AssemblyError as error:
            return back(request, target, error.message, "error")
        audit.record_request(request, "assembly.draw_report.update", target=found, college=found.college.code)
        db.commit()
        return redirect(request, target, _("The report is saved."))

    @get("/draws/{draw_id:str}/report", name="admin-assembly-draw-report")
    def report_page(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]
    ) -> Template:
        from parvis.api import use_locale

        promotion = promotion_or_404(db, public_id)
        found = _draw_or_404(db, promotion, draw_id)
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
        found = _draw_or_404(db, promotion, draw_id)
        state = state_of(request)
        key = report_key(state.site, promotion, found)
        stored = cached_file(db, key)
        if stored is not None:
            return file_response(stored, inline=True)
        job = start_job_now(
            state.site,
            "assembly.report_pdf",
            owner=state.actor,
            return_to=f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}/report",
            unique_key=key,
            draw_id=found.public_id,
            cache_key=key,
        )
        return redirect(request, job_path(job))

    @post("/draws/{draw_id:str}/verify", status_code=303)
    def verify(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], draw_id: FromPath[str]
    ) -> Template | Redirect:
        """Recomputing a draw takes seconds: a job, whose checks the draw's page then shows."""
        promotion = promotion_or_404(db, public_id)
        found = _draw_or_404(db, promotion, draw_id)
        if found.record is None:
            refusal = AssemblyError(_("Run the draw before verifying it."))
            return self._draw_page(request, db, public_id, draw_id, refusal=refusal, status=400)
        state = state_of(request)
        key = verification_key(found, state.locale)
        draw_page = f"/admin/assembly/{promotion.public_id}/draws/{found.public_id}"
        if cached_file(db, key) is not None:
            return redirect(request, draw_page)
        job = start_job(
            db,
            state.site,
            "assembly.verify",
            owner=state.actor,
            return_to=draw_page,
            unique_key=key,
            draw_id=found.public_id,
            cache_key=key,
        )
        return redirect(request, job_path(job))

    # -- privacy ------------------------------------------------------------------------------------

    @post("/colleges/{code:str}/purge", status_code=303)
    def purge(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], code: FromPath[str], data: FormData
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        college = college_or_404(promotion, code)
        target = f"/admin/assembly/{promotion.public_id}/colleges/{college.code}"
        try:
            deleted = privacy.purge(
                db, site_of(request), promotion, college, include_reserve=data.get("reserve") == "1"
            )
        except AssemblyError as error:
            return back(request, target, error.message, "error")
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
        db.commit()
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
