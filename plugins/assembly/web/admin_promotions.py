"""Back office: promotions (open one, its calendar) and a promotion's dashboard."""

from __future__ import annotations

from datetime import date

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    BoundForm,
    Field,
    Form,
    FormData,
    FromPath,
    Refused,
    _,
    backoffice,
    bodies,
    can,
    lazy_gettext,
    page,
    redirect,
    state_of,
)
from parvis.api.bodies import Body
from parvis.plugins.assembly.permissions import MANAGE
from parvis.plugins.assembly.services import common, draws, groups, imports, promotions, stats
from parvis.plugins.assembly.services.seats import seats_of
from parvis.plugins.assembly.settings import NON_EU, ROLL, YOUNG

from .common import AnyRequest, promotion_or_404, promotion_page, site_of
from .public import college_label

# The seats of each college, asked when a promotion opens (the site's settings as defaults).
SEAT_FIELDS = (
    (ROLL, "seats_roll", lazy_gettext("Seats of college A (electoral roll, stratified draw)")),
    (NON_EU, "seats_non_eu", lazy_gettext("Seats of college B (outside the EU, lot)")),
    (YOUNG, "seats_young", lazy_gettext("Seats of college C (aged 16-17, two-stage lot)")),
)


def open_form(request: AnyRequest) -> Form:
    seats = common.settings_of(site_of(request)).seats
    return Form(
        Field("label", lazy_gettext("Promotion"), max_length=40, help=lazy_gettext("For example 2026-27.")),
        Field("starts_on", lazy_gettext("First day"), kind="date"),
        Field("ends_on", lazy_gettext("Last day"), kind="date"),
        *(
            Field(
                name,
                label,
                kind="integer",
                min=0,
                max=1000,
                help=lazy_gettext("Default: {n}.").format(n=seats.get(college, 0)),
            )
            for college, name, label in SEAT_FIELDS
        ),
        Field(
            "questionnaire_closes_on",
            lazy_gettext("The questionnaire closes on"),
            kind="date",
            required=False,
        ),
        Field(
            "applications_close_on",
            lazy_gettext("The call for applications closes on"),
            kind="date",
            required=False,
        ),
    )


CALENDAR = Form(
    Field(
        "questionnaire_closes_on", lazy_gettext("The questionnaire closes on"), kind="date", required=False
    ),
    Field(
        "applications_close_on",
        lazy_gettext("The call for applications closes on"),
        kind="date",
        required=False,
    ),
    Field(
        "young_form_closes_on", lazy_gettext("The young people's form closes on"), kind="date", required=False
    ),
)


# Promotions are added from the list and their calendar edited on their page (no audit entry).
PROMOTIONS = backoffice.Resource()


class PromotionAdminController(Controller):
    path = "/admin/assembly"
    guards = [can(MANAGE)]

    @get("/", name="admin-assembly")
    def index(self, request: AnyRequest, db: DB) -> Template:
        site = site_of(request)
        body = common.find_body(db, site)
        seats = common.settings_of(site).seats
        initial = {name: seats.get(college, 0) for college, name, _label in SEAT_FIELDS}
        return self._index(request, db, body, open_form(request).bind(initial=initial), refusal=None)

    def _index(
        self,
        request: AnyRequest,
        db: DB,
        body: Body | None,
        form: BoundForm,
        *,
        refusal: Refused | None,
        status: int = 200,
    ) -> Template:
        return page(
            request,
            "assembly/admin/index.html",
            body=body,
            promotions=common.promotions(db, body) if body else [],
            form=form,
            refusal=refusal,
            today=site_of(request).today(),
            title=_("Citizens' Assembly: promotions"),
            status_code=status,
        )

    @post("/", status_code=303)
    def open(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        form = open_form(request).bind(data)
        values = PROMOTIONS.submit(
            request,
            form,
            lambda refusal: self._index(request, db, common.find_body(db, state.site), form, refusal=refusal),
        )
        promotion = PROMOTIONS.save(
            db,
            lambda: promotions.open_promotion(
                db,
                state.site,
                state.actor,
                label=values["label"],
                starts_on=values["starts_on"],
                ends_on=values["ends_on"],
                seats={college: values[name] for college, name, _label in SEAT_FIELDS},
                questionnaire_closes_on=values["questionnaire_closes_on"],
                applications_close_on=values["applications_close_on"],
            ),
        )
        groups.share_monitoring_space(db, state.site, promotion)
        return PROMOTIONS.done(
            request, "add", f"/admin/assembly/{promotion.public_id}", _("The promotion is open.")
        )

    @get("/{public_id:str}", name="admin-assembly-promotion")
    def dashboard(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        site = site_of(request)
        body = promotion.body
        counts = bodies.seat_counts(db, body, promotion.term)
        colleges = []
        for college in body.colleges:
            _rows, total = stats.rates_by_district(db, site, promotion, college)
            colleges.append(
                {
                    "college": college,
                    "label": college_label(college),
                    "held": counts.get(college.id, 0),
                    "imported": imports.current_import(db, promotion, college),
                    "predraw": imports.predraw_of(db, promotion, college),
                    "draw": draws.draw_for(db, promotion, college),
                    "total": total,
                }
            )
        all_seats = seats_of(db, promotion)
        return promotion_page(
            request,
            promotion,
            "assembly/admin/promotion.html",
            "overview",
            _("Promotion {label}"),
            colleges=colleges,
            seats=all_seats,
            groups=[(groups.label(g), g) for g in groups.groups_of(db, promotion).values()],
            calendar=CALENDAR.bind(
                initial={
                    "questionnaire_closes_on": promotion.questionnaire_closes_on,
                    "applications_close_on": promotion.applications_close_on,
                    "young_form_closes_on": promotion.young_form_closes_on,
                }
            ),
        )

    @post("/{public_id:str}/calendar", status_code=303)
    def calendar(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        from .common import back

        promotion = promotion_or_404(db, public_id)
        form = CALENDAR.bind(data)
        if not form.valid:
            return back(
                request, f"/admin/assembly/{promotion.public_id}", _("Enter a date like 2026-03-31."), "error"
            )
        backoffice.refuse_to(request, f"/admin/assembly/{promotion.public_id}")
        promotions.update_calendar(db, promotion, **form.values)
        return redirect(request, f"/admin/assembly/{promotion.public_id}", _("The calendar is saved."))


__all__ = ["PromotionAdminController", "date"]
