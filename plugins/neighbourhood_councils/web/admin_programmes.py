"""Beautify programmes in the back office: creating one, its page, its phases."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    _,
    check_location,
    lazy_gettext,
    on_refusal,
    page,
    state_of,
)
from parvis.api.content import ContentRef
from parvis.api.notifications import notify_district
from parvis.plugins.neighbourhood_councils import beautify
from parvis.plugins.neighbourhood_councils.content import PROGRAMME
from parvis.plugins.neighbourhood_councils.models import (
    PHASES,
    Phase,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    GUARD,
    PROGRAMME_TEMPLATE,
    PROGRAMMES,
    programme_context,
    programme_form,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import done, posted
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    check_district,
    managed_programme,
)


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
    # Its call for contributions opens: the district's residents are told (core notifications).
    notify_district(
        db,
        site,
        ContentRef(PROGRAMME, programme.public_id),
        programme.district,
        actor=state_of(request).actor,
    )
    message = _("The programme is created.")
    return done(request, programme, "programme.create", message, district=programme.district)


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
    values = posted(request, db, programme, form)
    beautify.advance(programme, Phase(values["phase"]))
    message = _("The programme has moved to its next phase.")
    return done(request, programme, "programme.phase", message, phase=values["phase"])


ROUTES: list[Any] = [
    new_programme_page,
    create_programme,
    programme_admin_page,
    advance_phase,
]
