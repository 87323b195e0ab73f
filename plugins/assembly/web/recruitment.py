"""Public recruitment pages: the questionnaire with a letter's code, answering a seat offer, and
the call for applications of college B."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.api import APPLY as VERIFIED_APPLY
from parvis.api import (
    DB,
    Account,
    FormData,
    _,
    check,
    page,
    public,
    redirect,
    require_verified,
    signed_in,
    state_of,
)
from parvis.plugins.assembly.permissions import APPLY
from parvis.plugins.assembly.services import applications, codes, common, privacy, questionnaire, seats
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.settings import NON_EU, YOUNG

from .common import AnyRequest, site_of
from .forms import CODE, SEAT, answers_form, application_form


def _privacy(request: AnyRequest) -> dict[str, Any]:
    site = site_of(request)
    return {"purpose": privacy.purpose_text(site), "retention": privacy.retention_text(site)}


def _answers(values: dict[str, Any]) -> questionnaire.Answers:
    return questionnaire.Answers(
        resident=values["resident"] == "yes",
        gender=values["gender"],
        district=values["district"],
        availability=values["availability"],
        consent=bool(values["consent"]),
        age_band=values.get("age_band"),
        education=values.get("education"),
        neighbourhood=values.get("neighbourhood"),
        guardian_agreement=values.get("guardian_agreement"),
        contact=values.get("contact"),
    )


class QuestionnaireController(Controller):
    path = "/assembly"
    guards = [public]

    @get("/questionnaire", name="assembly-questionnaire")
    def start(self, request: AnyRequest, db: DB) -> Template:
        return page(
            request,
            "assembly/questionnaire_code.html",
            form=CODE.bind(),
            open_until=questionnaire.open_until(db, site_of(request)),
            title=_("Questionnaire of the Citizens' Assembly"),
            **_privacy(request),
        )

    @post("/questionnaire", status_code=200)
    def with_code(self, request: AnyRequest, db: DB, data: FormData) -> Template:
        form = CODE.bind(data)
        invitee = None
        if form.valid:
            try:
                invitee = questionnaire.find_invitee(db, site_of(request), form.values["code"])
            except AssemblyError as error:
                form.add_error("code", error.message)
        if invitee is None:
            return page(
                request,
                "assembly/questionnaire_code.html",
                form=form,
                open_until=questionnaire.open_until(db, site_of(request)),
                title=_("Questionnaire of the Citizens' Assembly"),
                status_code=400,
                **_privacy(request),
            )
        return self._answers_page(request, invitee.college.code, form.values["code"], None)

    def _answers_page(
        self, request: AnyRequest, college_code: str, code: str, form: Any, status: int = 200
    ) -> Template:
        site = site_of(request)
        normalised = codes.normalise(code) or ""
        return page(
            request,
            "assembly/questionnaire.html",
            form=form or answers_form(site, college_code).bind(),
            code=codes.display(normalised),
            young=college_code == YOUNG,
            title=_("Questionnaire of the Citizens' Assembly")
            if college_code != YOUNG
            else _("Information form of the Citizens' Assembly"),
            status_code=status,
            **_privacy(request),
        )

    @post("/questionnaire/answers", status_code=303)
    def answer(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        site = site_of(request)
        code = str(data.get("code") or "")
        try:
            invitee = questionnaire.find_invitee(db, site, code)
        except AssemblyError as error:
            form = CODE.bind({"code": code})
            form.add_error("code", error.message)
            return page(
                request,
                "assembly/questionnaire_code.html",
                form=form,
                open_until=questionnaire.open_until(db, site),
                title=_("Questionnaire of the Citizens' Assembly"),
                status_code=400,
                **_privacy(request),
            )
        college_code = invitee.college.code
        form = answers_form(site, college_code).bind(data)
        if form.valid:
            try:
                questionnaire.submit(db, site, code, _answers(form.values), locale=state_of(request).locale)
            except AssemblyError as error:
                if form.attach(error, "consent") is not None:  # with details: said at the consent box
                    form.add_error("consent", error.message)
            else:
                db.commit()
                return redirect(request, "/assembly/questionnaire/thanks")
        return self._answers_page(request, college_code, code, form, status=400)

    @get("/questionnaire/thanks", name="assembly-questionnaire-thanks")
    def thanks(self, request: AnyRequest) -> Template:
        return page(request, "assembly/questionnaire_thanks.html", title=_("Thank you for your answers"))

    @get("/seat", name="assembly-seat")
    def seat_form(self, request: AnyRequest) -> Template:
        return page(
            request, "assembly/seat.html", form=SEAT.bind(), title=_("Your seat in the Citizens' Assembly")
        )

    @post("/seat", status_code=303)
    def seat_answer(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        form = SEAT.bind(data)
        if form.valid:
            try:
                seat = seats.seat_for_code(db, form.values["code"])
                if form.values["choice"] == "decline":
                    seats.decline(db, state.site, seat)
                    db.commit()
                    return redirect(
                        request, "/assembly/seat", _("Your answer is recorded: you decline the seat.")
                    )
                if not state.actor.authenticated:
                    form.add_error(
                        "choice", _("Sign in or create an account first: members take part with an account.")
                    )
                else:
                    account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
                    seats.accept(db, state.site, seat, account)
                    db.commit()
                    state.forget_actor()
                    return redirect(request, "/assembly/me", _("Welcome to the Citizens' Assembly!"))
            except AssemblyError as error:
                db.rollback()
                form.add_error(error.field if error.field in ("code", "choice") else "code", error.message)
        return page(
            request,
            "assembly/seat.html",
            form=form,
            title=_("Your seat in the Citizens' Assembly"),
            status_code=400,
        )


class ApplicationController(Controller):
    """College B: the call for applications (the page is public, applying needs an account)."""

    path = "/assembly/apply"

    def _context(self, request: AnyRequest, db: DB) -> dict[str, Any]:
        site = site_of(request)
        promotion = common.current_promotion(db, site)
        state = state_of(request)
        mine = None
        if promotion is not None and state.actor.account is not None:
            mine = applications.mine(db, promotion, state.actor.account)
        return {
            "promotion": promotion,
            "open": promotion is not None and applications.is_open(promotion, site.today()),
            "mine": mine,
            "seats": common.settings_of(site).seats.get(NON_EU, 0),
            "title": _("Apply to the Citizens' Assembly"),
            **_privacy(request),
        }

    @get("/", guards=[public], name="assembly-apply")
    def show(self, request: AnyRequest, db: DB) -> Template:
        return page(
            request,
            "assembly/apply.html",
            form=application_form(site_of(request)).bind(),
            **self._context(request, db),
        )

    @post("/", guards=[signed_in], status_code=303)
    def submit(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        check(state, APPLY)
        require_verified(state, VERIFIED_APPLY)
        site = state.site
        context = self._context(request, db)
        form = application_form(site).bind(data)
        refusal = None
        promotion = context["promotion"]
        if form.valid and promotion is not None:
            values = form.values
            try:
                account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
                assert account is not None
                application = applications.submit(
                    db,
                    site,
                    promotion,
                    common.college(promotion.body, NON_EU),
                    account=account,
                    form=applications.ApplicationForm(
                        birth_date=values["birth_date"],
                        nationality=values["nationality"],
                        gender=values["gender"],
                        resident=values["resident"] == "yes",
                        district=values["district"],
                        availability=values["availability"],
                        consent=bool(values["consent"]),
                        neighbourhood=values.get("neighbourhood"),
                        motivation=values.get("motivation") or "",
                    ),
                )
            except AssemblyError as error:
                refusal = form.attach(error)
            else:
                db.commit()
                message = (
                    _("Your application is recorded. You will know the result after the draw.")
                    if application.eligible
                    else _(
                        "Your application is recorded, but you do not meet the conditions of this college."
                    )
                )
                return redirect(request, "/assembly/apply", message)
        elif promotion is None:
            refusal = AssemblyError(_("The call for applications is closed."))
        return page(request, "assembly/apply.html", form=form, refusal=refusal, status_code=400, **context)

    @post("/withdraw", guards=[signed_in], status_code=303)
    def withdraw(self, request: AnyRequest, db: DB) -> Redirect:
        context = self._context(request, db)
        mine = context["mine"]
        if mine is None:
            return redirect(request, "/assembly/apply")
        try:
            applications.withdraw(db, mine)
        except AssemblyError as error:
            from .common import back

            return back(request, "/assembly/apply", error.message, "error")
        db.commit()
        return redirect(request, "/assembly/apply", _("Your application is withdrawn."))
