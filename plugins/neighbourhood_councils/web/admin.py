"""The back office of a district's officials: their councils (perimeter, charter, composition,
animation group, meetings, vœux, budget) and their Beautify programmes (phases, moderation,
works). Every route needs the district-scoped action; each object is checked against its
district, so an official of one district never touches another's."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    _,
    audit,
    can,
    check_location,
    districts_allowed,
    lazy_gettext,
    lazy_word,
    location_fields,
    on_refusal,
    page,
    redirect,
    state_of,
)
from parvis.api.bodies import Body
from parvis.api.decisions import Decision
from parvis.plugins.neighbourhood_councils import beautify, services, voeux
from parvis.plugins.neighbourhood_councils.models import (
    COMPOSITION_LABELS,
    LINK_LABELS,
    MEETING_KIND_LABELS,
    MODERATION_LABELS,
    OPERATION_STATUS_LABELS,
    PHASE_LABELS,
    PHASES,
    Category,
    Composition,
    Contribution,
    Council,
    CouncilMeeting,
    MeetingKind,
    Member,
    Moderation,
    Operation,
    OperationStatus,
    Phase,
    Programme,
    Spending,
)
from parvis.plugins.neighbourhood_councils.plugin import MANAGE
from parvis.plugins.neighbourhood_councils.web.beautify import category_choices
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    check_district,
    district_choices,
    district_names,
    managed_council,
    managed_programme,
    neighbourhood_choices,
    not_found,
)

GUARD = can(MANAGE)
BASE = "/admin/neighbourhood-councils"


# -- forms ---------------------------------------------------------------------------------------


def council_form(request: Req) -> Form:
    return Form(
        Field("name", lazy_gettext("Name"), max_length=200),
        Field(
            "district",
            lazy_word("district", "Name"),
            kind="select",
            choices=lambda: district_choices(request),
        ),
        Field(
            "neighbourhoods",
            lazy_gettext("Neighbourhoods of its perimeter"),
            kind="checkboxes",
            required=False,
            choices=lambda: neighbourhood_choices(request),
        ),
        Field("description", lazy_gettext("Presentation"), kind="textarea", required=False, max_length=5000),
        Field(
            "composition",
            lazy_gettext("Composition"),
            kind="select",
            choices=lambda: [(c.value, _(label)) for c, label in COMPOSITION_LABELS.items()],
        ),
        Field(
            "composition_notes",
            lazy_gettext("Composition rules"),
            kind="textarea",
            required=False,
            max_length=5000,
            help=lazy_gettext(
                "Colleges and their seats, seats drawn by lot, how the animation group is chosen."
            ),
        ),
        Field(
            "charter",
            lazy_gettext("Charter"),
            kind="textarea",
            max_length=20000,
            help=lazy_gettext(
                "Members sign the current version when they join; a changed text is a new version."
            ),
        ),
        *location_fields(),
    )


def meeting_form() -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field(
            "kind",
            lazy_gettext("Kind of meeting"),
            kind="select",
            choices=lambda: [(k.value, _(label)) for k, label in MEETING_KIND_LABELS.items()],
        ),
        Field("starts_at", lazy_gettext("Starts at"), kind="datetime"),
        Field("ends_at", lazy_gettext("Ends at"), kind="datetime"),
        Field("place", lazy_gettext("Place"), max_length=300),
        Field("agenda", lazy_gettext("Agenda"), kind="textarea", required=False, max_length=10000),
    )


def minutes_form() -> Form:
    return Form(Field("minutes", lazy_gettext("Minutes"), kind="textarea", max_length=20000))


def voeu_form() -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field("text", lazy_gettext("Text of the vœu"), kind="textarea", max_length=20000),
    )


def move_form(steps: list[tuple[str, str]]) -> Form:
    return Form(
        Field("to", lazy_gettext("Next step"), kind="select", choices=steps),
        Field("note", lazy_gettext("Note (the answer, for example)"), kind="textarea", required=False),
    )


def allocation_form() -> Form:
    return Form(
        Field("year", lazy_gettext("Year"), kind="integer", min=2000, max=2200),
        Field("amount", lazy_gettext("Operating allocation"), kind="money", min=0, max=10**11),
    )


def spending_form() -> Form:
    return Form(
        Field("title", lazy_gettext("What for"), max_length=200),
        Field("amount", lazy_gettext("Amount decided"), kind="money", min=1, max=10**11),
        Field("decided_on", lazy_gettext("Decided on"), kind="date"),
    )


def expense_form() -> Form:
    return Form(
        Field("label", lazy_gettext("Expense"), max_length=200),
        Field("amount", lazy_gettext("Amount"), kind="money", min=1, max=10**11),
        Field("paid_on", lazy_gettext("Paid on"), kind="date"),
    )


def programme_form(request: Req) -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field(
            "neighbourhood",
            lazy_gettext("Neighbourhood"),
            kind="select",
            choices=lambda: neighbourhood_choices(request),
        ),
        Field("starts_on", lazy_gettext("Starts on"), kind="date"),
        Field("ends_on", lazy_gettext("Ends on"), kind="date"),
        Field("description", lazy_gettext("Presentation"), kind="textarea", required=False, max_length=5000),
        *location_fields(),
    )


def operation_form() -> Form:
    return Form(
        Field("title", lazy_gettext("Operation"), max_length=200),
        Field("category", lazy_gettext("Category"), kind="select", choices=category_choices),
        Field("place", lazy_gettext("Place"), max_length=300),
        Field("starts_on", lazy_gettext("Starts on"), kind="date"),
        Field("ends_on", lazy_gettext("Ends on"), kind="date"),
        *location_fields(),
    )


# -- the list ------------------------------------------------------------------------------------


@get(BASE, guards=[GUARD], name="nbhd-admin")
def admin_index(request: Req, db: DB) -> Template:
    allowed = districts_allowed(state_of(request), MANAGE)
    councils = select(Council).order_by(Council.district, Council.name)
    programmes = select(Programme).order_by(Programme.district, Programme.starts_on.desc())
    if allowed is not None:
        councils = councils.where(Council.district.in_(allowed))
        programmes = programmes.where(Programme.district.in_(allowed))
    return page(
        request,
        "neighbourhood_councils/admin_index.html",
        title=_("Neighbourhood councils and Beautify programmes"),
        councils=db.scalars(councils).all(),
        programmes=db.scalars(programmes).all(),
        names=district_names(request),
        phase_labels={p: _(label) for p, label in PHASE_LABELS.items()},
    )


# -- creating and editing a council --------------------------------------------------------------


@get(BASE + "/new", guards=[GUARD], name="nbhd-admin-new")
def new_council_page(request: Req) -> Template:
    return page(
        request,
        "neighbourhood_councils/council_form.html",
        title=_("New neighbourhood council"),
        form=council_form(request).bind(),
        council=None,
    )


@post(BASE + "/new", guards=[GUARD], status_code=303)
def create_council(request: Req, db: DB, data: FormData) -> Redirect:
    site = state_of(request).site
    form = council_form(request).bind(data)
    on_refusal(
        request,
        "neighbourhood_councils/council_form.html",
        form=form,
        title=_("New neighbourhood council"),
        council=None,
    )
    latitude, longitude = check_location(form)
    values = form.require_valid()
    check_district(request, values["district"])
    council = services.create_council(
        db,
        site,
        name=values["name"],
        district=values["district"],
        neighbourhoods=values["neighbourhoods"],
        charter=values["charter"],
        description=values["description"] or "",
        composition=Composition(values["composition"]),
        composition_notes=values["composition_notes"] or "",
        latitude=latitude,
        longitude=longitude,
    )
    audit.record_request(
        request, "neighbourhood_councils.council.create", target=council, district=council.district
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The council is created."))


def _initial(db: DB, council: Council) -> dict[str, Any]:
    charter = services.current_charter(db, council)
    return {
        "name": council.name,
        "district": council.district,
        "neighbourhoods": list(council.neighbourhoods),
        "description": council.description,
        "composition": council.composition.value,
        "composition_notes": council.composition_notes,
        "charter": charter.text if charter else "",
        "latitude": council.latitude,
        "longitude": council.longitude,
    }


@get(BASE + "/{slug:str}/edit", guards=[GUARD], name="nbhd-admin-edit")
def edit_council_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    council = managed_council(request, db, slug)
    form = council_form(request).bind(initial=_initial(db, council))
    return page(
        request,
        "neighbourhood_councils/council_form.html",
        title=_("Edit {name}").format(name=council.name),
        form=form,
        council=council,
    )


@post(BASE + "/{slug:str}/edit", guards=[GUARD], status_code=303)
def edit_council(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    site = state_of(request).site
    council = managed_council(request, db, slug)
    form = council_form(request).bind(data)
    title = _("Edit {name}").format(name=council.name)
    on_refusal(request, "neighbourhood_councils/council_form.html", form=form, title=title, council=council)
    latitude, longitude = check_location(form)
    values = form.require_valid()
    check_district(request, values["district"])  # moving it: to a district they manage too
    services.check_perimeter(site, values["district"], values["neighbourhoods"])
    council.name = values["name"]
    council.district = values["district"]
    council.neighbourhoods = values["neighbourhoods"]
    council.description = values["description"] or ""
    council.composition = Composition(values["composition"])
    council.composition_notes = values["composition_notes"] or ""
    council.latitude, council.longitude = latitude, longitude
    body = db.get(Body, council.body_id)
    if body is not None:
        body.name = council.name
    revised = services.revise_charter(db, site, council, values["charter"])
    audit.record_request(
        request,
        "neighbourhood_councils.council.update",
        target=council,
        charter_version=revised.version if revised else None,
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The council is updated."))


# -- a council's back-office page ------------------------------------------------------------------


def manage_context(request: Req, db: DB, council: Council, **forms: Any) -> dict[str, Any]:
    site = state_of(request).site
    body = db.get(Body, council.body_id)
    members = db.scalars(
        select(Member)
        .where(Member.council_id == council.id, Member.left_at.is_(None))
        .order_by(Member.joined_at)
    ).all()
    found_voeux = voeux.voeux(db, site, body, public_only=False) if body else []
    meetings = db.scalars(
        select(CouncilMeeting)
        .where(CouncilMeeting.council_id == council.id)
        .order_by(CouncilMeeting.starts_at.desc())
    ).all()
    year = site.today().year
    defaults = {
        "meeting_form": meeting_form().bind(),
        "voeu_form": voeu_form().bind(),
        "draw_form": draw_form().bind(),
        "allocation_form": allocation_form().bind(
            initial={"year": year, "amount": f"{services.allocation_for(db, site, council, year) / 100:.2f}"}
        ),
        "spending_form": spending_form().bind(initial={"decided_on": site.today().isoformat()}),
    }
    defaults.update(forms)
    return {
        "title": council.name,
        "council": council,
        "district_name": services.district_name(site, council.district),
        "members": members,
        "people": _people(db, list(members)),
        "link_labels": {k: _(v) for k, v in LINK_LABELS.items()},
        "meetings": meetings,
        "kind_labels": {k: _(v) for k, v in MEETING_KIND_LABELS.items()},
        "voeux": [(d, voeux.state_label(site, d), voeux.next_steps(site, d)) for d in found_voeux],
        "statement": services.statement(db, site, council, year),
        "charter": services.current_charter(db, council),
        **defaults,
    }


def _people(db: DB, members: list[Member]) -> dict[int, str]:
    from parvis.api import Person

    ids = [m.person_id for m in members]
    if not ids:
        return {}
    return {p.id: p.full_name for p in db.scalars(select(Person).where(Person.id.in_(ids)))}


MANAGE_TEMPLATE = "neighbourhood_councils/manage.html"


@get(BASE + "/{slug:str}", guards=[GUARD], name="nbhd-admin-council")
def manage_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    council = managed_council(request, db, slug)
    return page(request, MANAGE_TEMPLATE, **manage_context(request, db, council))


@post(BASE + "/{slug:str}/meetings", guards=[GUARD], status_code=303)
def add_meeting(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    form = meeting_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, meeting_form=form))
    values = form.require_valid()
    if values["ends_at"] <= values["starts_at"]:
        form.add_error("ends_at", _("The end must come after the start."))
        values = form.require_valid()
    meeting = CouncilMeeting(
        council_id=council.id,
        kind=MeetingKind(values["kind"]),
        title=values["title"],
        starts_at=values["starts_at"],
        ends_at=values["ends_at"],
        place=values["place"],
        agenda=values["agenda"] or "",
    )
    db.add(meeting)
    db.flush()
    audit.record_request(request, "neighbourhood_councils.meeting.create", target=meeting)
    return redirect(request, f"{BASE}/{council.slug}", _("The meeting is announced."))


@post(BASE + "/{slug:str}/meetings/{meeting:str}/minutes", guards=[GUARD], status_code=303)
def record_minutes(
    request: Req, db: DB, slug: FromPath[str], meeting: FromPath[str], data: FormData
) -> Redirect:
    council = managed_council(request, db, slug)
    found = db.scalar(
        select(CouncilMeeting).where(
            CouncilMeeting.public_id == meeting, CouncilMeeting.council_id == council.id
        )
    )
    if found is None:
        raise not_found()
    form = minutes_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council))
    values = form.require_valid()
    found.minutes = values["minutes"]
    audit.record_request(request, "neighbourhood_councils.meeting.minutes", target=found)
    return redirect(request, f"{BASE}/{council.slug}", _("The minutes are published."))


def draw_form() -> Form:
    return Form(
        Field("seats", lazy_gettext("Seats of the animation group"), kind="integer", min=1, max=100),
        Field(
            "public_input",
            lazy_gettext("Public input of the draw"),
            max_length=200,
            help=lazy_gettext(
                "A value announced before the draw (a lottery result): anyone can check the draw with it."
            ),
        ),
    )


@post(BASE + "/{slug:str}/animation-group/draw", guards=[GUARD], status_code=303)
def draw_animation_group(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    form = draw_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, draw_form=form))
    values = form.require_valid()
    record = services.draw_animation_group(db, council, values["seats"], values["public_input"])
    audit.record_request(
        request,
        "neighbourhood_councils.animation.draw",
        target=council,
        seed=record.seed,
        inputs=record.inputs,
        public_inputs=record.public_inputs,
        panel=record.panel,
        algorithm=record.algorithm,
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The animation group is drawn by lot."))


@post(BASE + "/{slug:str}/members/{member:int}/animator", guards=[GUARD], status_code=303)
def toggle_animator(request: Req, db: DB, slug: FromPath[str], member: FromPath[int]) -> Redirect:
    council = managed_council(request, db, slug)
    found = db.scalar(
        select(Member).where(Member.id == member, Member.council_id == council.id, Member.left_at.is_(None))
    )
    if found is None:
        raise not_found()
    found.animator = not found.animator
    audit.record_request(
        request, "neighbourhood_councils.member.animator", target=council, animator=found.animator
    )
    message = _("Added to the animation group.") if found.animator else _("Removed from the animation group.")
    return redirect(request, f"{BASE}/{council.slug}", message)


def _body_of(db: DB, council: Council) -> Body:
    body = db.get(Body, council.body_id)
    if body is None:
        raise not_found()
    return body


@post(BASE + "/{slug:str}/voeux", guards=[GUARD], status_code=303)
def add_voeu(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    state = state_of(request)
    council = managed_council(request, db, slug)
    form = voeu_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, voeu_form=form))
    values = form.require_valid()
    decision = voeux.propose(
        db, state.site, _body_of(db, council), title=values["title"], text=values["text"], actor=state.actor
    )
    audit.record_request(request, "neighbourhood_councils.voeu.create", target=decision)
    return redirect(request, f"{BASE}/{council.slug}", _("The vœu is recorded as a draft."))


@post(BASE + "/{slug:str}/voeux/{decision:str}/move", guards=[GUARD], status_code=303)
def move_voeu(request: Req, db: DB, slug: FromPath[str], decision: FromPath[str], data: FormData) -> Redirect:
    state = state_of(request)
    council = managed_council(request, db, slug)
    body = _body_of(db, council)
    found = db.scalar(select(Decision).where(Decision.public_id == decision, Decision.body_id == body.id))
    if found is None:
        raise not_found()
    form = move_form(voeux.next_steps(state.site, found)).bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council))
    values = form.require_valid()
    voeux.move(db, state.site, found, values["to"], state.actor, body=body, note=values["note"] or "")
    audit.record_request(request, "neighbourhood_councils.voeu.move", target=found, state=values["to"])
    return redirect(request, f"{BASE}/{council.slug}", _("The vœu has moved to its next step."))


@post(BASE + "/{slug:str}/allocation", guards=[GUARD], status_code=303)
def set_allocation(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    form = allocation_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, allocation_form=form))
    values = form.require_valid()
    services.set_allocation(db, council, values["year"], values["amount"])
    audit.record_request(
        request,
        "neighbourhood_councils.budget.allocation",
        target=council,
        year=values["year"],
        amount=values["amount"],
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The allocation is recorded."))


@post(BASE + "/{slug:str}/spending", guards=[GUARD], status_code=303)
def add_spending(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    site = state_of(request).site
    council = managed_council(request, db, slug)
    form = spending_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, spending_form=form))
    values = form.require_valid()
    spending = services.decide_spending(
        db, site, council, title=values["title"], amount=values["amount"], decided_on=values["decided_on"]
    )
    audit.record_request(
        request, "neighbourhood_councils.budget.spending", target=council, amount=spending.amount
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The spending decision is recorded."))


@post(BASE + "/{slug:str}/spending/{spending:int}/expenses", guards=[GUARD], status_code=303)
def add_expense(
    request: Req, db: DB, slug: FromPath[str], spending: FromPath[int], data: FormData
) -> Redirect:
    council = managed_council(request, db, slug)
    found = db.scalar(select(Spending).where(Spending.id == spending, Spending.council_id == council.id))
    if found is None:
        raise not_found()
    form = expense_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council))
    values = form.require_valid()
    services.record_expense(
        db, found, label=values["label"], amount=values["amount"], paid_on=values["paid_on"]
    )
    audit.record_request(
        request, "neighbourhood_councils.budget.expense", target=council, amount=values["amount"]
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The expense is recorded."))


# -- Beautify programmes --------------------------------------------------------------------------

PROGRAMMES = "/admin/beautify"
PROGRAMME_TEMPLATE = "neighbourhood_councils/admin_programme.html"


@get(PROGRAMMES + "/new", guards=[GUARD], name="beautify-admin-new")
def new_programme_page(request: Req) -> Template:
    return page(
        request,
        "neighbourhood_councils/programme_form.html",
        title=_("New Beautify programme"),
        form=programme_form(request).bind(),
    )


@post(PROGRAMMES + "/new", guards=[GUARD], status_code=303)
def create_programme(request: Req, db: DB, data: FormData) -> Redirect:
    site = state_of(request).site
    form = programme_form(request).bind(data)
    on_refusal(
        request, "neighbourhood_councils/programme_form.html", form=form, title=_("New Beautify programme")
    )
    latitude, longitude = check_location(form)
    values = form.require_valid()
    hood = site.config.neighbourhood(values["neighbourhood"])
    check_district(request, hood.district if hood else None)
    programme = beautify.create_programme(
        db,
        site,
        title=values["title"],
        neighbourhood=values["neighbourhood"],
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        description=values["description"] or "",
        latitude=latitude,
        longitude=longitude,
    )
    audit.record_request(
        request, "neighbourhood_councils.programme.create", target=programme, district=programme.district
    )
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", _("The programme is created."))


def programme_context(request: Req, db: DB, programme: Programme, **forms: Any) -> dict[str, Any]:
    site = state_of(request).site
    position = PHASES.index(programme.phase)
    defaults = {"operation_form": operation_form().bind()}
    defaults.update(forms)
    return {
        "title": programme.title,
        "programme": programme,
        "neighbourhood": beautify.neighbourhood_name(site, programme.neighbourhood),
        "next_phase": PHASES[position + 1] if position + 1 < len(PHASES) else None,
        "phase_labels": {p: _(label) for p, label in PHASE_LABELS.items()},
        "pending": beautify.pending_contributions(db, programme),
        "published": beautify.published_contributions(db, programme),
        "operations": beautify.operations(db, programme, published_only=False),
        "status_labels": {s: _(label) for s, label in OPERATION_STATUS_LABELS.items()},
        "moderation_labels": {s: _(label) for s, label in MODERATION_LABELS.items()},
        "category_labels": dict(category_choices()),
        "statuses": list(OperationStatus),
        **defaults,
    }


@get(PROGRAMMES + "/{slug:str}", guards=[GUARD], name="beautify-admin-programme")
def programme_admin_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    programme = managed_programme(request, db, slug)
    return page(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme))


@post(PROGRAMMES + "/{slug:str}/phase", guards=[GUARD], status_code=303)
def advance_phase(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    programme = managed_programme(request, db, slug)
    form = Form(
        Field(
            "phase", lazy_gettext("Next phase"), kind="select", choices=[(p.value, p.value) for p in PHASES]
        )
    ).bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme))
    values = form.require_valid()
    beautify.advance(programme, Phase(values["phase"]))
    audit.record_request(
        request, "neighbourhood_councils.programme.phase", target=programme, phase=values["phase"]
    )
    return redirect(
        request, f"{PROGRAMMES}/{programme.slug}", _("The programme has moved to its next phase.")
    )


@post(PROGRAMMES + "/{slug:str}/contributions/{contribution:str}/moderate", guards=[GUARD], status_code=303)
def moderate(
    request: Req, db: DB, slug: FromPath[str], contribution: FromPath[str], data: FormData
) -> Redirect:
    site = state_of(request).site
    programme = managed_programme(request, db, slug)
    found = db.scalar(
        select(Contribution).where(
            Contribution.public_id == contribution, Contribution.programme_id == programme.id
        )
    )
    if found is None:
        raise not_found()
    form = Form(
        Field(
            "decision",
            lazy_gettext("Decision"),
            kind="select",
            choices=[("approve", "approve"), ("reject", "reject")],
        )
    ).bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme))
    values = form.require_valid()
    beautify.moderate(site, found, values["decision"] == "approve")
    audit.record_request(
        request, "neighbourhood_councils.contribution.moderate", target=found, status=found.status.value
    )
    message = (
        _("The contribution is published.")
        if found.status == Moderation.APPROVED
        else _("The contribution will not be published.")
    )
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", message)


@post(PROGRAMMES + "/{slug:str}/operations", guards=[GUARD], status_code=303)
def add_operation(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    programme = managed_programme(request, db, slug)
    form = operation_form().bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme, operation_form=form))
    latitude, longitude = check_location(form)
    values = form.require_valid()
    operation = beautify.add_operation(
        db,
        programme,
        title=values["title"],
        place=values["place"],
        category=Category(values["category"]),
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        latitude=latitude,
        longitude=longitude,
    )
    audit.record_request(request, "neighbourhood_councils.operation.create", target=operation)
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", _("The operation is published."))


@post(PROGRAMMES + "/{slug:str}/operations/{operation:str}/status", guards=[GUARD], status_code=303)
def operation_status(
    request: Req, db: DB, slug: FromPath[str], operation: FromPath[str], data: FormData
) -> Redirect:
    programme = managed_programme(request, db, slug)
    found = db.scalar(
        select(Operation).where(Operation.public_id == operation, Operation.programme_id == programme.id)
    )
    if found is None:
        raise not_found()
    form = Form(
        Field(
            "status",
            lazy_gettext("Status"),
            kind="select",
            choices=[(s.value, s.value) for s in OperationStatus],
        )
    ).bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme))
    values = form.require_valid()
    beautify.set_operation_status(found, OperationStatus(values["status"]))
    audit.record_request(
        request, "neighbourhood_councils.operation.status", target=found, status=values["status"]
    )
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", _("The operation's status is updated."))


ROUTES: list[Any] = [
    admin_index,
    new_council_page,
    create_council,
    edit_council_page,
    edit_council,
    manage_page,
    add_meeting,
    record_minutes,
    toggle_animator,
    draw_animation_group,
    add_voeu,
    move_voeu,
    set_allocation,
    add_spending,
    add_expense,
    new_programme_page,
    create_programme,
    programme_admin_page,
    advance_phase,
    moderate,
    add_operation,
    operation_status,
]
