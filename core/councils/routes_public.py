"""Public pages of a council: applying, the referrals register, hearings and the annual report.

Officials see the forms of the back office on the same pages (they post to ``routes_admin``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Controller, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.accounts.verification import APPLY, require_verified
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import Body
from parvis.content_translations.view import translated
from parvis.councils import applications as apps
from parvis.councils import draws, lifecycle
from parvis.councils import hearings as hearing_service
from parvis.councils import report as reports
from parvis.councils.errors import CouncilRefused
from parvis.councils.forms import GUEST, HEARING, MINUTES, REFERRAL, application_form, referral_status_form
from parvis.councils.models import (
    Application,
    Call,
)
from parvis.councils.referrals import referrals
from parvis.councils.spec import Council
from parvis.councils.web import AnyRequest, council_body, describe_rule, insider, may_manage
from parvis.decisions.models import Decision
from parvis.decisions.registry import registry
from parvis.decisions.transitions import state_label
from parvis.exports import download
from parvis.i18n import _
from parvis.identity import Person
from parvis.refusals import Refused
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath
from parvis.web.unit_of_work import on_refusal

if TYPE_CHECKING:
    from parvis.site import Site


def labels(site: Site) -> dict[str, Any]:
    """The labels pages show: applications' and referrals' states as the workflows in force name them."""
    return {
        "application_status": lifecycle.state_labels(site, lifecycle.APPLICATION),
        "referral_status": lifecycle.state_labels(site, lifecycle.REFERRAL),
    }


def person_initial(person: Person | None, application: Application | None) -> dict[str, Any]:
    if person is None:
        return {}
    facts = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birth_date": person.birth_date,
        "gender": person.gender.value if person.gender else None,
        "nationality": person.nationality,
    }
    return {**facts, **(application.details if application else {})}


def apply_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    council: Council,
    *,
    form: BoundForm | None = None,
    refusal: Refused | None = None,
) -> Template:
    state = state_of(request)
    site = state.site
    call = apps.current_call(db, body, site.today())
    account = state.actor.account
    person = account.person if account else None
    application = apps.application_of(db, call, person.id if person else None) if call else None
    if form is None:
        form = application_form(council.application_fields(site)).bind(
            initial=person_initial(person, application)
        )
    return page(
        request,
        "councils/apply.html",
        body=body,
        kind=kind_of(site, body.kind),
        call=call,
        calls=[c for c in apps.calls(db, body) if c is not call][:5],
        application=application,
        form=form,
        refusal=refusal,
        rules=describe_rule(council.settings(site).eligibility),
        title=_("Apply to {body}").format(body=translated(request, body, "name")),
        **labels(site),
    )


def _decision_choices(db: Session, body: Body) -> list[tuple[str, str]]:
    rows = db.scalars(select(Decision).where(Decision.body_id == body.id).order_by(Decision.title))
    return [(d.public_id, d.title) for d in rows]


def referrals_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    *,
    form: BoundForm | None = None,
    refusal: Refused | None = None,
) -> Template:
    state = state_of(request)
    managing = may_manage(state, body)
    found = referrals(db, body)
    ids = [r.decision_id for r in found if r.decision_id]
    answers = {d.id: d for d in db.scalars(select(Decision).where(Decision.id.in_(ids)))} if ids else {}
    return page(
        request,
        "councils/referrals.html",
        body=body,
        referrals=found,
        answers=answers,
        may_manage=managing,
        form=form or REFERRAL.bind(initial={"received_on": state.site.today()}),
        status_form=referral_status_form(
            _decision_choices(db, body), lifecycle.state_choices(state.site, lifecycle.REFERRAL)
        )
        if managing
        else None,
        refusal=refusal,
        title=_("Referrals — {body}").format(body=translated(request, body, "name")),
        **labels(state.site),
    )


def hearings_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    *,
    form: BoundForm | None = None,
    refusal: Refused | None = None,
) -> Template:
    state = state_of(request)
    found = hearing_service.hearings(db, body, include_private=insider(state, body))
    return page(
        request,
        "councils/hearings.html",
        body=body,
        hearings=found,
        guests=hearing_service.guests_of(db, found),
        may_manage=may_manage(state, body),
        form=form or HEARING.bind(initial={"public": True}),
        refusal=refusal,
        title=_("Hearings — {body}").format(body=translated(request, body, "name")),
    )


def hearing_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    public_id: str,
    *,
    guest_form: BoundForm | None = None,
    refusal: Refused | None = None,
) -> Template:
    state = state_of(request)
    meeting = hearing_service.hearing_by_public_id(db, body, public_id)
    if meeting is None or not (meeting.public or insider(state, body)):
        raise NotFoundException()
    return page(
        request,
        "councils/hearing.html",
        body=body,
        meeting=meeting,
        guests=hearing_service.guests_of(db, [meeting])[meeting.id],
        may_manage=may_manage(state, body),
        guest_form=guest_form or GUEST.bind(),
        minutes_form=MINUTES.bind(initial={"minutes": meeting.minutes}),
        refusal=refusal,
        title=meeting.title,
    )


def drawn_call(request: AnyRequest, db: Session, slug: str, public_id: str) -> tuple[Body, Call]:
    """A call whose draw took place: its record is public."""
    body, _council = council_body(request, db, slug)
    call = apps.call_by_public_id(db, body, public_id)
    if call is None or call.draw_record is None:
        raise NotFoundException()
    return body, call


class CouncilPublicController(Controller):
    path = "/bodies"
    guards = [public]

    @get("/{slug:str}/apply", name="council-apply")
    def apply_form(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body, council = council_body(request, db, slug)
        return apply_page(request, db, body, council)

    @post("/{slug:str}/apply", guards=[signed_in], status_code=303)
    def apply(self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        body, council = council_body(request, db, slug)
        state = state_of(request)
        require_verified(state, APPLY)
        site = state.site
        call = apps.current_call(db, body, site.today())
        form = application_form(council.application_fields(site)).bind(data)
        on_refusal(
            request,
            lambda refusal: apply_page(request, db, body, council, form=form, refusal=refusal),
            form=form,
            status_code=400,
        )
        if call is None:
            raise CouncilRefused(_("Applications for this call are closed."))
        values = form.require_valid()
        account = state.actor.account
        assert account is not None
        person = account.person or Person(given_name=values["given_name"], email=account.email)
        person.given_name, person.family_name = values["given_name"], values["family_name"]
        person.birth_date, person.gender = values["birth_date"], values["gender"]
        council.update_person(person, values)
        account.person = person
        apps.apply(
            db,
            site,
            council,
            call,
            person,
            motivation=values.get("motivation") or "",
            details=council.application_details(values),
            today=site.today(),
            actor=state_of(request).actor,
        )
        return redirect(
            request, f"/bodies/{body.slug}/apply", _("Your application is registered. Good luck!")
        )

    @post("/{slug:str}/apply/withdraw", guards=[signed_in], status_code=303)
    def withdraw(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template | Redirect:
        body, council = council_body(request, db, slug)
        state = state_of(request)
        call = apps.current_call(db, body, state.site.today())
        application = apps.application_of(db, call, state.actor.person_id) if call else None
        if application is None:
            raise NotFoundException()
        on_refusal(
            request, lambda refusal: apply_page(request, db, body, council, refusal=refusal), status_code=400
        )
        apps.withdraw(db, application, state.actor)
        return redirect(request, f"/bodies/{body.slug}/apply", _("Your application is withdrawn."))

    @get("/{slug:str}/referrals", name="council-referrals")
    def referrals(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body, _council = council_body(request, db, slug)
        return referrals_page(request, db, body)

    @get("/{slug:str}/hearings", name="council-hearings")
    def hearings(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body, _council = council_body(request, db, slug)
        return hearings_page(request, db, body)

    @get("/{slug:str}/hearings/{public_id:str}", name="council-hearing")
    def hearing(self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        body, _council = council_body(request, db, slug)
        return hearing_page(request, db, body, public_id)

    @get("/{slug:str}/draws/{public_id:str}", name="council-draw")
    def draw(self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        body, call = drawn_call(request, db, slug, public_id)
        record = draws.record_of(call)
        assert record is not None
        return page(
            request,
            "councils/draw.html",
            body=body,
            call=call,
            record=record,
            verification=draws.verification(call),
            register_entry=draws.register_entry(db, call),
            seats=draws.seats_by_group(record),
            column=(record.spec or {}).get("column", ""),
            title=_("Draw: {title}").format(title=call.title),
        )

    @get("/{slug:str}/draws/{public_id:str}/record.json", name="council-draw-record")
    def draw_record(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Response[bytes]:
        _body, call = drawn_call(request, db, slug, public_id)
        content = msgspec.json.format(msgspec.json.encode(call.draw_record), indent=1) + b"\n"
        return download(content, f"{call.public_id}.json", "application/json")

    @get("/{slug:str}/draws/{public_id:str}/pool.csv", name="council-draw-pool")
    def draw_pool(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Response[bytes]:
        _body, call = drawn_call(request, db, slug, public_id)
        content = call.draw_pool.encode("utf-8")
        return download(content, f"{call.public_id}.pool.csv", "text/csv; charset=utf-8")

    @get("/{slug:str}/report/{year:int}", name="council-report")
    def report(self, request: AnyRequest, db: DB, slug: FromPath[str], year: FromPath[int]) -> Template:
        body, _council = council_body(request, db, slug)
        if not 1900 <= year <= 2200:
            raise NotFoundException()
        state = state_of(request)
        found = reports.build(db, state.site, body, year, insider=insider(state, body))
        first = db.scalar(select(Call.opens_on).where(Call.body_id == body.id).order_by(Call.opens_on))
        this_year = state.site.today().year
        declared = registry(state.site)
        shown = [*found.outputs, *found.voeux]
        return page(
            request,
            "councils/report.html",
            report=found,
            body=body,
            registry=declared,
            state_labels={d.id: state_label(declared.workflow_of(d), d.state) for d in shown},
            years=list(
                range(this_year, min(first.year if first else this_year, year, this_year - 4) - 1, -1)
            ),
            title=_("Annual report {year} — {body}").format(
                year=year, body=translated(request, body, "name")
            ),
            **labels(state.site),
        )
