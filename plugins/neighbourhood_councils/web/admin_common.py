"""What the back office's pages share: the guard and base paths, the forms, and the context of a
council's and of a programme's back-office page (the steps of a form posted from one of them are
in ``admin_steps``). Every route needs the district-scoped action; each object is checked against
its district, so an official of one district never touches another's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from parvis.api import (
    DB,
    Field,
    Form,
    _,
    can,
    lazy_gettext,
    lazy_word,
    location_fields,
    not_found,
    state_of,
)
from parvis.api.bodies import Body
from parvis.plugins.neighbourhood_councils import beautify, services, voeux
from parvis.plugins.neighbourhood_councils.models import (
    COUNCIL_MEETING_KINDS,
    PHASES,
    PROGRAMME_MEETING_KINDS,
    Composition,
    Council,
    CouncilMeeting,
    Credit,
    MeetingKind,
    Member,
    OperationStatus,
    Programme,
)
from parvis.plugins.neighbourhood_councils.permissions import MANAGE
from parvis.plugins.neighbourhood_councils.web.beautify import category_choices
from parvis.plugins.neighbourhood_councils.web.colleges import admin_forms, colleges_context
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    district_choices,
    neighbourhood_choices,
)

GUARD = can(MANAGE)
BASE = "/admin/neighbourhood-councils"
PROGRAMMES = "/admin/beautify"
MANAGE_TEMPLATE = "neighbourhood_councils/manage.html"
PROGRAMME_TEMPLATE = "neighbourhood_councils/admin_programme.html"


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
            choices=Composition.choices,
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


def meeting_form(kinds: tuple[MeetingKind, ...] = COUNCIL_MEETING_KINDS) -> Form:
    """A council's meeting, or (``kinds``) a programme's walk or workshop."""
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field(
            "kind",
            lazy_gettext("Kind of meeting"),
            kind="select",
            choices=lambda: [(k.value, _(k.label)) for k in kinds],
        ),
        Field("starts_at", lazy_gettext("Starts at"), kind="datetime"),
        Field("ends_at", lazy_gettext("Ends at"), kind="datetime"),
        Field("place", lazy_gettext("Place"), max_length=300),
        Field("agenda", lazy_gettext("Agenda"), kind="textarea", required=False, max_length=10000),
        Field(
            "capacity",
            lazy_gettext("Places"),
            kind="integer",
            required=False,
            min=1,
            max=100000,
            help=lazy_gettext("Leave empty when the number of places is not limited."),
        ),
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


def _credit_field() -> Field:
    return Field(
        "credit",
        lazy_gettext("Credit"),
        kind="select",
        choices=Credit.choices(),
    )


def allocation_form() -> Form:
    return Form(
        Field("year", lazy_gettext("Year"), kind="integer", min=2000, max=2200),
        _credit_field(),
        Field("amount", lazy_gettext("Amount"), kind="money", min=0, max=10**11),
    )


def spending_form() -> Form:
    return Form(
        Field("title", lazy_gettext("What for"), max_length=200),
        _credit_field(),
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
            initial={
                "year": year,
                "credit": Credit.OPERATING.value,
                "amount": f"{services.allocation_for(db, site, council, year) / 100:.2f}",
            }
        ),
        "spending_form": spending_form().bind(initial={"decided_on": site.today().isoformat()}),
    }
    defaults.update(admin_forms())  # the colleges' forms
    defaults.update(forms)
    return {
        "title": council.name,
        "council": council,
        "district_name": services.district_name(site, council.district),
        "members": members,
        "people": _people(db, list(members)),
        "meetings": meetings,
        "voeux": [(d, voeux.state_label(site, d), voeux.next_steps(site, d)) for d in found_voeux],
        "statements": services.statements(db, site, council, year),
        "charter": services.current_charter(db, council),
        **colleges_context(db, council),
        **defaults,
    }


def _people(db: DB, members: list[Member]) -> dict[int, str]:
    from parvis.api import Person

    ids = [m.person_id for m in members]
    if not ids:
        return {}
    return {p.id: p.full_name for p in db.scalars(select(Person).where(Person.id.in_(ids)))}


def programme_context(request: Req, db: DB, programme: Programme, **forms: Any) -> dict[str, Any]:
    site = state_of(request).site
    position = PHASES.index(programme.phase)
    defaults = {
        "operation_form": operation_form().bind(),
        "walk_form": meeting_form(kinds=PROGRAMME_MEETING_KINDS).bind(),
    }
    defaults.update(forms)
    return {
        "title": programme.title,
        "programme": programme,
        "neighbourhood": beautify.neighbourhood_name(site, programme.neighbourhood),
        "next_phase": PHASES[position + 1] if position + 1 < len(PHASES) else None,
        # Contributions are moderated in core's queue (/admin/moderation): here, only counts.
        "unpublished": beautify.hidden_count(db, programme),
        "published": beautify.published_contributions(db, programme),
        "operations": beautify.operations(db, programme, published_only=False),
        "statuses": list(OperationStatus),
        "walks": db.scalars(
            select(CouncilMeeting)
            .where(CouncilMeeting.programme_id == programme.id)
            .order_by(CouncilMeeting.starts_at.desc())
        ).all(),
        **defaults,
    }


def _body_of(db: DB, council: Council) -> Body:
    body = db.get(Body, council.body_id)
    if body is None:
        raise not_found()
    return body
