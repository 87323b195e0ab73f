"""The officials' side of a council: calls, the review of applications, the draw, the referrals
register and hearings.

The controller's guard lets in officials of some body (``manages_bodies``); every handler then
checks ``councils.manage`` (or ``councils.draw``) on the body itself.
"""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import audit
from parvis.bodies.models import Body, Meeting
from parvis.bodies.routes import manages_bodies
from parvis.bodies.services import BodyError
from parvis.content_translations.view import translated
from parvis.councils import applications as apps
from parvis.councils import draws, lifecycle
from parvis.councils import hearings as hearing_service
from parvis.councils import referrals as referral_service
from parvis.councils.errors import CouncilRefused
from parvis.councils.forms import (
    DRAW,
    GUEST,
    HEARING,
    MINUTES,
    REFERRAL,
    REVIEW,
    call_form,
    referral_status_form,
)
from parvis.councils.models import Application, Call, HearingGuest, Referral
from parvis.councils.routes_public import _decision_choices, hearing_page, hearings_page, referrals_page
from parvis.councils.spec import Council
from parvis.councils.web import DRAW as DRAW_ACTION
from parvis.councils.web import MANAGE, AnyRequest, council_body
from parvis.decisions.models import Decision
from parvis.i18n import _
from parvis.jobs import job_path
from parvis.jobs import start as start_job
from parvis.refusals import Refused
from parvis.web import backoffice
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import allowed, check
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath
from parvis.web.unit_of_work import on_refusal


def _managed(request: AnyRequest, db: Session, slug: str, action: str = MANAGE) -> tuple[Body, Council]:
    body, council = council_body(request, db, slug)
    check(state_of(request), action, body)
    return body, council


def _call(db: Session, body: Body, public_id: str) -> Call:
    call = apps.call_by_public_id(db, body, public_id)
    if call is None:
        raise NotFoundException()
    return call


def _hearing(db: Session, body: Body, public_id: str) -> Meeting:
    meeting = hearing_service.hearing_by_public_id(db, body, public_id)
    if meeting is None:
        raise NotFoundException()
    return meeting


def calls_page(request: AnyRequest, db: Session, body: Body, *, form: BoundForm | None = None) -> Template:
    terms = [(str(t.id), t.label) for t in reversed(body.terms)]
    return page(
        request,
        "councils/admin/calls.html",
        body=body,
        calls=apps.calls(db, body),
        form=form or call_form(terms).bind(),
        title=_("Calls for applications — {body}").format(body=translated(request, body, "name")),
    )


def call_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    council: Council,
    call: Call,
    *,
    draw_form: BoundForm | None = None,
    refusal: Refused | None = None,
) -> Template:
    state = state_of(request)
    site = state.site
    found = apps.applications(db, call)
    return page(
        request,
        "councils/admin/call.html",
        body=body,
        call=call,
        applications=found,
        details={a.id: council.describe_details(a.details) for a in found},
        in_draw=len(apps.in_the_draw(db, site, council, call)),
        review=council.settings(site).review_applications,
        plan=council.draw_plan(db, site, call) if call.drawn_at is None else [],
        may_draw=allowed(state, DRAW_ACTION, body),
        draw_form=draw_form or DRAW.bind(),
        refusal=refusal,
        today=site.today(),
        application_status=lifecycle.state_labels(site, lifecycle.APPLICATION),
        reviewable={a.id for a in found if lifecycle.leads_from_here(db, lifecycle.APPLICATION, a, "verify")},
        call_state=lifecycle.state_label(site, lifecycle.CALL, call),
        steps=lifecycle.steps(db, site, call, state.actor),
        title=call.title,
    )


class CouncilAdminController(Controller):
    path = "/admin/bodies"
    guards = [manages_bodies]

    # -- calls, applications and the draw ----------------------------------------------------

    @get("/{slug:str}/calls")
    def calls(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body, _council = _managed(request, db, slug)
        return calls_page(request, db, body)

    @post("/{slug:str}/calls", status_code=303)
    def add_call(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, _council = _managed(request, db, slug)
        terms = {str(t.id): t for t in body.terms}
        form = call_form([(i, t.label) for i, t in terms.items()]).bind(data)
        values = backoffice.submit(request, form, lambda _refusal: calls_page(request, db, body, form=form))
        call = apps.create_call(
            db,
            body,
            terms[values["term"]],
            title=values["title"],
            opens_on=values["opens_on"],
            closes_on=values["closes_on"],
            description=values["description"] or "",
        )
        return redirect(request, f"/admin/bodies/{body.slug}/calls/{call.public_id}", _("The call is saved."))

    @get("/{slug:str}/calls/{public_id:str}")
    def call(self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        body, council = _managed(request, db, slug)
        return call_page(request, db, body, council, _call(db, body, public_id))

    @post("/{slug:str}/calls/{public_id:str}/applications/{item:str}", status_code=303)
    def review(
        self,
        request: AnyRequest,
        *,
        db: DB,
        slug: FromPath[str],
        public_id: FromPath[str],
        item: FromPath[str],
        data: FormData,
    ) -> Template | Redirect:
        body, council = _managed(request, db, slug)
        call = _call(db, body, public_id)
        application = db.scalar(
            select(Application).where(Application.public_id == item[:24], Application.call_id == call.id)
        )
        if application is None:
            raise NotFoundException()
        form = REVIEW.bind(data)
        on_refusal(
            request,
            lambda refusal: call_page(request, db, body, council, call, refusal=refusal),
            status_code=400,
        )
        if not form.valid:
            details = [message for _id, _label, message in form.error_list()]
            raise CouncilRefused(
                _("Choose whether the application is admissible."), None, details, status_code=400
            )
        apps.review(
            db,
            application,
            state_of(request).actor,
            admissible=form.values["decision"] == "admit",
            note=form.values["note"] or "",
        )
        audit.record_request(
            request, "councils.application.review", target=application, decision=form.values["decision"]
        )
        target = f"/admin/bodies/{body.slug}/calls/{call.public_id}"
        name = application.person.full_name
        return redirect(request, target, _("The review of {name} is saved.").format(name=name))

    @post("/{slug:str}/calls/{public_id:str}/draw", status_code=303)
    def draw(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, council = _managed(request, db, slug, DRAW_ACTION)
        call = _call(db, body, public_id)
        form = DRAW.bind(data)
        values = backoffice.submit(
            request,
            form,
            lambda refusal: call_page(request, db, body, council, call, draw_form=form, refusal=refusal),
        )
        audit.record_request(request, "councils.draw.run", target=call, body=body.slug)
        state = state_of(request)
        inputs = [values["public_inputs"]]
        draws.ready_to_draw(db, state.site, council, call, inputs, actor=state.actor)
        job = start_job(
            db,
            state.site,
            "councils.draw",
            owner=state.actor,
            return_to=f"/admin/bodies/{body.slug}/calls/{call.public_id}",
            unique_key=f"call-{call.id}",
            call_id=call.id,
            public_inputs=inputs,
        )
        return redirect(request, job_path(job))

    # -- referrals ---------------------------------------------------------------------------

    @post("/{slug:str}/referrals", status_code=303)
    def add_referral(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, _council = _managed(request, db, slug)
        form = REFERRAL.bind(data)
        values = backoffice.submit(
            request, form, lambda refusal: referrals_page(request, db, body, form=form, refusal=refusal)
        )
        referral_service.add_referral(
            db,
            body,
            origin=values["origin"],
            title=values["title"],
            received_on=values["received_on"],
            description=values["description"] or "",
        )
        return redirect(request, f"/bodies/{body.slug}/referrals", _("The referral is registered."))

    @post("/{slug:str}/referrals/{public_id:str}", status_code=303)
    def update_referral(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, _council = _managed(request, db, slug)
        referral = db.scalar(
            select(Referral).where(Referral.public_id == public_id[:24], Referral.body_id == body.id)
        )
        if referral is None:
            raise NotFoundException()
        state = state_of(request)
        statuses = lifecycle.state_choices(state.site, lifecycle.REFERRAL)
        form = referral_status_form(_decision_choices(db, body), statuses).bind(data)
        on_refusal(
            request, lambda refusal: referrals_page(request, db, body, refusal=refusal), status_code=400
        )
        if not form.valid:
            details = [e for _f, _l, e in form.error_list()]
            raise CouncilRefused(_("This could not be saved."), None, details, status_code=400)
        chosen = form.values["decision"]
        decision = db.scalar(select(Decision).where(Decision.public_id == chosen)) if chosen else None
        referral_service.update_referral(
            db, referral, status=form.values["status"], decision=decision, actor=state.actor
        )
        return redirect(request, f"/bodies/{body.slug}/referrals", _("The referral is updated."))

    # -- hearings ----------------------------------------------------------------------------

    @post("/{slug:str}/hearings", status_code=303)
    def add_hearing(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, _council = _managed(request, db, slug)
        form = HEARING.bind(data)
        v = backoffice.submit(
            request, form, lambda refusal: hearings_page(request, db, body, form=form, refusal=refusal)
        )
        try:
            meeting = hearing_service.add_hearing(
                db,
                state_of(request).site,
                body,
                title=v["title"],
                starts_at=v["starts_at"],
                ends_at=v["ends_at"],
                place=v["place"] or "",
                agenda=v["agenda"] or "",
                public=v["public"],
                guests=[(v["name"], v["organisation"] or "", v["topic"] or "")],
            )
        except BodyError as error:  # not yet a Refused (core/bodies converts separately): make it one
            raise CouncilRefused(error.message, error.field, status_code=400) from None
        return redirect(
            request, f"/bodies/{body.slug}/hearings/{meeting.public_id}", _("The hearing is saved.")
        )

    @post("/{slug:str}/hearings/{public_id:str}/guests", status_code=303)
    def add_guest(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, _council = _managed(request, db, slug)
        meeting = _hearing(db, body, public_id)
        form = GUEST.bind(data)
        v = backoffice.submit(
            request,
            form,
            lambda refusal: hearing_page(request, db, body, public_id, guest_form=form, refusal=refusal),
        )
        hearing_service.add_guest(
            db, meeting, name=v["name"], organisation=v["organisation"] or "", topic=v["topic"] or ""
        )
        return redirect(
            request, f"/bodies/{body.slug}/hearings/{meeting.public_id}", _("The guest is added.")
        )

    @post("/{slug:str}/hearings/{public_id:str}/guests/{guest_id:int}/delete", status_code=303)
    def remove_guest(
        self,
        request: AnyRequest,
        db: DB,
        slug: FromPath[str],
        public_id: FromPath[str],
        guest_id: FromPath[int],
    ) -> Redirect:
        body, _council = _managed(request, db, slug)
        meeting = hearing_service.hearing_by_public_id(db, body, public_id)
        guest = db.get(HearingGuest, guest_id)
        if meeting is None or guest is None or guest.meeting_id != meeting.id:
            raise NotFoundException()
        hearing_service.remove_guest(db, guest)
        audit.record_request(request, "councils.hearing_guest.delete", target=meeting, guest=guest.name)
        return redirect(
            request, f"/bodies/{body.slug}/hearings/{meeting.public_id}", _("The guest is removed.")
        )

    @post("/{slug:str}/hearings/{public_id:str}/minutes", status_code=303)
    def minutes(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, _council = _managed(request, db, slug)
        meeting = _hearing(db, body, public_id)
        form = MINUTES.bind(data)
        on_refusal(request, lambda refusal: hearing_page(request, db, body, public_id), status_code=400)
        values = form.require_valid()
        hearing_service.record_minutes(db, meeting, values["minutes"] or "")
        return redirect(
            request, f"/bodies/{body.slug}/hearings/{meeting.public_id}", _("The minutes are saved.")
        )
