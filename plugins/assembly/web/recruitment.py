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
    Refused,
    _,
    backoffice,
    check,
    on_refusal,
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

    def _refuse_code(self, request: AnyRequest, db: DB, form: Any) -> None:
        """A refused code comes back to the code page, the reason beside the field."""
        on_refusal(
            request,
            "assembly/questionnaire_code.html",
            form=form,
            fallback_field="code",
            status_code=400,
            open_until=questionnaire.open_until(db, site_of(request)),
            title=_("Questionnaire of the Citizens' Assembly"),
            **_privacy(request),
        )

    @post("/questionnaire", status_code=200)
    def with_code(self, request: AnyRequest, db: DB, data: FormData) -> Template:
        form = CODE.bind(data)
        self._refuse_code(request, db, form)
        code = form.require_valid()["code"]
        invitee = questionnaire.find_invitee(db, site_of(request), code)
        return self._answers_page(request, invitee.college.code, code, None)

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
        self._refuse_code(request, db, CODE.bind({"code": code}))
        college_code = questionnaire.find_invitee(db, site, code).college.code
        form = answers_form(site, college_code).bind(data)

        # From here a refusal is about the answers: said at the consent box when it names no field.
        def answers_again(refusal: Refused | None) -> Template:
            if refusal is not None:  # one with details: its message is said at the consent box too
                form.add_error("consent", refusal.message)
            return self._answers_page(request, college_code, code, form)

        on_refusal(request, answers_again, form=form, fallback_field="consent", status_code=400)
        values = form.require_valid()
        questionnaire.submit(db, site, code, _answers(values), locale=state_of(request).locale)
        return redirect(request, "/assembly/questionnaire/thanks")

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
        on_refusal(
            request,
            "assembly/seat.html",
            form=form,
            fallback_field="code",
            status_code=400,
            title=_("Your seat in the Citizens' Assembly"),
        )
        values = form.require_valid()
        seat = seats.seat_for_code(db, values["code"])
        if values["choice"] == "decline":
            seats.decline(db, state.site, seat)
            return redirect(request, "/assembly/seat", _("Your answer is recorded: you decline the seat."))
        if state.actor.account is None:
            raise Refused(
                _("Sign in or create an account first: members take part with an account."), "choice"
            )
        account = db.get(Account, state.actor.account.id)
        assert account is not None
        seats.accept(db, state.site, seat, account)
        state.forget_actor()
        return redirect(request, "/assembly/me", _("Welcome to the Citizens' Assembly!"))


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
        on_refusal(request, "assembly/apply.html", form=form, status_code=400, **context)
        promotion = context["promotion"]
        if promotion is None:
            raise AssemblyError(_("The call for applications is closed."))
        values = form.require_valid()
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
        message = (
            _("Your application is recorded. You will know the result after the draw.")
            if application.eligible
            else _("Your application is recorded, but you do not meet the conditions of this college.")
        )
        return redirect(request, "/assembly/apply", message)

    @post("/withdraw", guards=[signed_in], status_code=303)
    def withdraw(self, request: AnyRequest, db: DB) -> Redirect:
        context = self._context(request, db)
        mine = context["mine"]
        if mine is None:
            return redirect(request, "/assembly/apply")
        backoffice.refuse_to(request, "/assembly/apply")
        applications.withdraw(db, mine)
        return redirect(request, "/assembly/apply", _("Your application is withdrawn."))
