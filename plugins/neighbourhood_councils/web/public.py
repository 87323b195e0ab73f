"""Public pages: councils by district (list and map), a council's page, its charter, joining and
leaving, and the iCal feed of its public meetings."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    FromQuery,
    _,
    audit,
    client_address,
    lazy_gettext,
    maps,
    not_found,
    on_refusal,
    page,
    public,
    redirect,
    signed_in,
    state_of,
    url,
)
from parvis.api.content_translations import translated
from parvis.plugins.neighbourhood_councils import colleges, ical, registrations, services, voeux
from parvis.plugins.neighbourhood_councils.models import (
    Council,
    CouncilMeeting,
    Link,
)
from parvis.plugins.neighbourhood_councils.web import perimeters
from parvis.plugins.neighbourhood_councils.web.colleges import (
    college_choices,
    college_field,
    colleges_context,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    council_or_404,
    district_names,
    district_point,
)


def join_form(college_choices: list[tuple[str, str]] | None = None) -> Form:
    """The join form; with ``college_choices`` (a council with colleges), the college to join."""
    return Form(
        Field(
            "link",
            lazy_gettext("Your link with {site.district:the}"),
            kind="radio",
            choices=Link.choices,
        ),
        *college_field(college_choices),
        Field(
            "birth_date",
            lazy_gettext("Date of birth"),
            kind="date",
            required=False,
            help=lazy_gettext("Needed once, to check the minimum age, if we do not have it yet."),
        ),
        Field("charter", lazy_gettext("I have read the charter and I sign it"), kind="checkbox"),
    )


def _point(request: Req, council: Council) -> tuple[float | None, float | None]:
    if council.latitude is not None and council.longitude is not None:
        return council.latitude, council.longitude
    return district_point(request, council.district)


@get("/neighbourhood-councils", guards=[public], name="nbhd-index")
def index(
    request: Req, db: DB, district: FromQuery[str | None] = None, address: FromQuery[str | None] = None
) -> Template:
    site = state_of(request).site
    names = district_names(request)
    account = state_of(request).actor.account
    finding = None
    if (address or "").strip() and maps.geocoding_enabled(site):
        # "Find my council": the address's point, its neighbourhood and district by the shapes. A
        # typed address wins over the district list (preselected with the resident's own).
        finding = perimeters.find_by_address(site, db, (address or "").strip(), client_address(request))
        if finding.located is not None and finding.located.district is not None:
            district = finding.located.district
    if district is None and account is not None and account.person is not None:
        district = account.person.district  # from their address on record: their own councils first
    query = select(Council).where(Council.active.is_(True)).order_by(Council.district, Council.name)
    if district in names:
        query = query.where(Council.district == district)
    councils = db.scalars(query).all()
    by_district: dict[str, list[Council]] = {}
    for council in councils:
        by_district.setdefault(council.district, []).append(council)
    ordered = [(d.code, d.name, by_district[d.code]) for d in site.config.districts if d.code in by_district]
    return page(
        request,
        "neighbourhood_councils/index.html",
        title=_("Neighbourhood councils"),
        groups=ordered,
        districts=list(names.items()),
        chosen=district if district in names else "",
        counts={c.id: services.member_count(db, c) for c in councils},
        geocoding=maps.geocoding_enabled(site),
        address=(address or "").strip(),
        finding=finding,
        district_shapes=maps.has_shapes(site, "district"),
    )


@get("/neighbourhood-councils/pins.json", guards=[public], name="nbhd-pins")
def pins(request: Req, db: DB, district: FromQuery[str | None] = None) -> Response[dict[str, Any]]:
    query = select(Council).where(Council.active.is_(True))
    if district:
        query = query.where(Council.district == district)
    found = []
    for council in db.scalars(query):
        lat, lon = _point(request, council)
        if lat is not None and lon is not None:
            found.append(
                {
                    "title": council.name,
                    "lat": round(lat, 6),
                    "lon": round(lon, 6),
                    "url": url(request, f"/neighbourhood-councils/{council.slug}"),
                }
            )
    return Response({"pins": found})


def council_context(request: Req, db: DB, council: Council) -> dict[str, Any]:
    site = state_of(request).site
    actor = state_of(request).actor
    now = site.now()
    meetings = db.scalars(
        select(CouncilMeeting)
        .where(CouncilMeeting.council_id == council.id)
        .order_by(CouncilMeeting.starts_at)
    ).all()
    hoods = [services_neighbourhood(site, code) for code in council.neighbourhoods]
    body = _body(db, council)
    found = voeux.voeux(db, site, body, public_only=True)
    return {
        "body_slug": body.slug,
        "council": council,
        "district_name": services.district_name(site, council.district),
        "neighbourhoods": hoods,
        "composition": _(council.composition.label),
        "upcoming": [m for m in meetings if m.ends_at >= now],
        "places_left": {
            m.id: registrations.places_left(db, m) for m in meetings if m.ends_at >= now and m.capacity
        },
        "past": [m for m in reversed(meetings) if m.ends_at < now][:10],
        "members": services.member_count(db, council),
        "membership": services.active_member(db, council, actor.person_id),
        "voeux": [(d, voeux.state_label(site, d)) for d in found],
        "statements": services.statements(db, site, council, site.today().year),
        "charter": services.current_charter(db, council),
        "perimeter": perimeters.perimeter_svg(site, council),
        **colleges_context(db, council),
    }


def services_neighbourhood(site: Any, code: str) -> str:
    found = site.config.neighbourhood(code)
    return found.name if found else code


def _body(db: DB, council: Council) -> Any:
    from parvis.api.bodies import Body

    return db.get(Body, council.body_id)


@get("/neighbourhood-councils/{slug:str}", guards=[public], name="nbhd-council")
def council_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    council = council_or_404(db, slug)
    return page(
        request,
        "neighbourhood_councils/council.html",
        title=translated(request, council, "name"),
        **council_context(request, db, council),
    )


@get("/neighbourhood-councils/{slug:str}/charter", guards=[public], name="nbhd-charter")
def charter_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    council = council_or_404(db, slug)
    charter = services.current_charter(db, council)
    if charter is None:
        raise not_found()
    return page(
        request,
        "neighbourhood_councils/charter.html",
        title=_("Charter of {name}").format(name=translated(request, council, "name")),
        council=council,
        charter=charter,
    )


def _join_context(request: Req, db: DB, council: Council) -> dict[str, Any]:
    return {
        "title": _("Join {name}").format(name=translated(request, council, "name")),
        "council": council,
        "charter": services.current_charter(db, council),
    }


@get("/neighbourhood-councils/{slug:str}/join", guards=[signed_in], name="nbhd-join")
def join_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    council = council_or_404(db, slug)
    return page(
        request,
        "neighbourhood_councils/join.html",
        form=join_form(college_choices(db, council)).bind(),
        **_join_context(request, db, council),
    )


@post("/neighbourhood-councils/{slug:str}/join", guards=[signed_in], status_code=303)
def join(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    state = state_of(request)
    council = council_or_404(db, slug)
    form = join_form(college_choices(db, council)).bind(data)
    on_refusal(request, "neighbourhood_councils/join.html", form=form, **_join_context(request, db, council))
    values = form.require_valid()
    person = state.actor.account.person if state.actor.account else None
    if person is None:
        raise not_found()
    if person.birth_date is None and values["birth_date"] is not None:
        person.birth_date = values["birth_date"]
    college = colleges.college_of(db, council, int(values["college"])) if values.get("college") else None
    member = services.join(db, state.site, council, person, Link(values["link"]), college=college)
    audit.record_request(
        request,
        "neighbourhood_councils.member.join",
        target=council,
        version=member.charter.version,
        college=member.college_id,
        seat=member.seat.value if member.seat else None,
    )
    return redirect(request, f"/neighbourhood-councils/{council.slug}", _("Welcome to the council!"))


@post("/neighbourhood-councils/{slug:str}/leave", guards=[signed_in], status_code=303)
def leave(request: Req, db: DB, slug: FromPath[str]) -> Redirect:
    state = state_of(request)
    council = council_or_404(db, slug)
    services.leave(db, state.site, council, state.actor.person_id)
    audit.record_request(request, "neighbourhood_councils.member.leave", target=council)
    return redirect(request, f"/neighbourhood-councils/{council.slug}", _("You have left the council."))


@get(
    "/neighbourhood-councils/{slug:str}/meetings.ics",
    guards=[public],
    name="nbhd-calendar",
    media_type="text/calendar",
)
def meetings_calendar(request: Req, db: DB, slug: FromPath[str]) -> Response[str]:
    """The council's public meetings as an iCalendar feed (under /api: no language prefix)."""
    council = council_or_404(db, slug)
    site = state_of(request).site
    meetings = db.scalars(
        select(CouncilMeeting)
        .where(CouncilMeeting.council_id == council.id)
        .order_by(CouncilMeeting.starts_at)
    ).all()
    host = request.url.hostname or "parvis"
    root = str(request.base_url).rstrip("/") + f"/{site.config.site.default_locale}"
    page_url = root + f"/neighbourhood-councils/{slug}"
    body = ical.calendar(
        meetings,
        name=council.name,
        host=host,
        base_url=page_url,
        now=site.now(),
        url_of=lambda meeting: root + registrations.meeting_path(meeting),
    )
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{council.slug}.ics"'},
    )


ROUTES: list[Any] = [index, pins, council_page, charter_page, join_page, join, leave]
