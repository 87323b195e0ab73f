"""Back office of compensation: the dated rate table, what each period owes, payment exports."""

from __future__ import annotations

from datetime import date

from litestar import Controller, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    FromQuery,
    _,
    backoffice,
    can,
    check,
    client_address,
    download,
    lazy_gettext,
    redirect,
    state_of,
)
from parvis.plugins.assembly.permissions import MANAGE, PAY
from parvis.plugins.assembly.services import compensation, privacy
from parvis.plugins.assembly.services.common import settings_of

from .common import AnyRequest, back, promotion_or_404, promotion_page

RATE = Form(
    Field("effective_from", lazy_gettext("In force from"), kind="date"),
    Field("half_day_cents", lazy_gettext("Amount per half-day"), kind="money", min=1, max=10_000_00),
    Field("note", lazy_gettext("Note"), required=False, max_length=200),
)


class PayAdminController(Controller):
    path = "/admin/assembly/{public_id:str}/pay"
    guards = [can(MANAGE)]

    @get("/", name="admin-assembly-pay")
    def overview(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], period: FromQuery[str | None] = None
    ) -> Template:
        state = state_of(request)
        check(state, PAY)
        promotion = promotion_or_404(db, public_id)
        site = state.site
        kind = settings_of(site).pay_period
        periods = compensation.periods_with_activity(db, site, promotion)
        chosen = _period(period) or (periods[0] if periods else None)
        rows = compensation.period_summary(db, site, promotion, chosen) if chosen else []
        return promotion_page(
            request,
            promotion,
            "assembly/admin/pay.html",
            "pay",
            _("Compensation of the promotion {label}"),
            rates=compensation.rate_table(db, site, promotion.body),
            rate_form=RATE.bind(),
            periods=[(p, compensation.period_label(p, kind)) for p in periods],
            chosen=chosen,
            chosen_label=compensation.period_label(chosen, kind) if chosen else "",
            rows=rows,
            batches=compensation.batches(db, promotion),
            paid_meetings=settings_of(site).paid_meetings,
        )

    @post("/rates", status_code=303)
    def add_rate(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        state = state_of(request)
        check(state, PAY)
        promotion = promotion_or_404(db, public_id)
        target = f"/admin/assembly/{promotion.public_id}/pay"
        form = RATE.bind(data)
        if not form.valid:
            return back(request, target, next(iter(form.errors.values())), "error")
        backoffice.refuse_to(request, target)
        compensation.add_rate(
            db,
            state.site,
            promotion.body,
            effective_from=form.values["effective_from"],
            half_day_cents=form.values["half_day_cents"],
            note=form.values["note"] or "",
            actor=state.actor,
        )
        return redirect(request, target, _("The rate is added."))

    @post("/export", status_code=303)
    def export(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        state = state_of(request)
        check(state, PAY)
        promotion = promotion_or_404(db, public_id)
        target = f"/admin/assembly/{promotion.public_id}/pay"
        start = _period(str(data.get("period") or ""))
        if start is None:
            return back(request, target, _("Choose among the options shown."), "error")
        backoffice.refuse_to(request, target, period=start.isoformat())
        batch = compensation.export(db, state.site, promotion, start, actor=state.actor)
        return redirect(
            request,
            target,
            _("The payment batch is ready: download it below."),
            period=start.isoformat(),
            batch=batch.public_id,
        )

    @get("/batches/{batch_id:str}/csv", name="admin-assembly-pay-batch")
    def batch_file(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], batch_id: FromPath[str]
    ) -> Response[bytes]:
        state = state_of(request)
        check(state, PAY)
        promotion = promotion_or_404(db, public_id)
        batch = compensation.batch_by_public_id(db, batch_id)
        if batch is None or batch.promotion_id != promotion.id:
            raise NotFoundException()
        content = compensation.batch_csv(state.site, promotion, batch)
        privacy.log_access(
            db,
            state.site,
            state.actor,
            promotion,
            action="payment_export",
            part=batch.public_id,
            records=len(batch.lines),
            address=client_address(request),
        )
        period = compensation.period_label(batch.period_start, settings_of(state.site).pay_period)
        name = f"assembly-{promotion.label}-pay-{period}-{batch.public_id}.csv"
        return download(content, name, "text/csv")


def _period(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
