"""The back office's list, and creating, editing and managing a council (perimeter,
charter, composition)."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    FormData,
    FromPath,
    _,
    check_location,
    districts_allowed,
    on_refusal,
    page,
    state_of,
)
from parvis.api.bodies import Body
from parvis.plugins.neighbourhood_councils import services
from parvis.plugins.neighbourhood_councils.models import (
    Composition,
    Council,
    Programme,
)
from parvis.plugins.neighbourhood_councils.permissions import MANAGE
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    MANAGE_TEMPLATE,
    council_form,
    manage_context,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import done
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    check_district,
    district_names,
    managed_council,
)


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
    )


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
    return done(request, council, "council.create", _("The council is created."), district=council.district)


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
    version = revised.version if revised else None
    return done(request, council, "council.update", _("The council is updated."), charter_version=version)


@get(BASE + "/{slug:str}", guards=[GUARD], name="nbhd-admin-council")
def manage_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    council = managed_council(request, db, slug)
    return page(request, MANAGE_TEMPLATE, **manage_context(request, db, council))


ROUTES: list[Any] = [
    admin_index,
    new_council_page,
    create_council,
    edit_council_page,
    edit_council,
    manage_page,
]
