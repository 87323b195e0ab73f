"""Public pages of "Beautify your neighbourhood": programmes, a programme's phases, its published
contributions and works on a map and a timeline, and the contribution form. Moderation is core's:
each published contribution has a "Report" link; its author sees on the programme's page the
contributions of theirs that await approval or were hidden, and why."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Field,
    Form,
    FromPath,
    FromQuery,
    MultipartData,
    Refused,
    _,
    audit,
    check_location,
    lazy_gettext,
    location_fields,
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
from parvis.api.moderation import is_hidden
from parvis.api.photos import first_photos, read_upload
from parvis.plugins.neighbourhood_councils import beautify, registrations
from parvis.plugins.neighbourhood_councils.content import CONTRIBUTION
from parvis.plugins.neighbourhood_councils.models import (
    PHASES,
    Category,
    CouncilMeeting,
    Programme,
)
from parvis.plugins.neighbourhood_councils.services import district_name
from parvis.plugins.neighbourhood_councils.web.common import Req, programme_or_404


def category_choices() -> list[tuple[str, str]]:
    return Category.choices()


def contribution_form(max_length: int) -> Form:
    return Form(
        Field("category", lazy_gettext("Category"), kind="select", choices=category_choices),
        Field(
            "place",
            lazy_gettext("Place"),
            max_length=300,
            help=lazy_gettext("A street, a corner, a square: where is it?"),
        ),
        Field(
            "description",
            lazy_gettext("What would you change, and why?"),
            kind="textarea",
            max_length=max_length,
        ),
        *location_fields(),
        Field(
            "photo_alt",
            lazy_gettext("Short description of the photo"),
            required=False,
            max_length=300,
            help=lazy_gettext("Needed with a photo, for people who cannot see it."),
        ),
    )


def labels() -> dict[str, Any]:
    return {
        "phases": PHASES,
    }


@get("/beautify", guards=[public], name="beautify-index")
def index(request: Req, db: DB) -> Template:
    site = state_of(request).site
    programmes = db.scalars(select(Programme).order_by(Programme.starts_on.desc(), Programme.title)).all()
    return page(
        request,
        "neighbourhood_councils/beautify_index.html",
        title=_("Beautify your neighbourhood"),
        programmes=programmes,
        hood=lambda code: beautify.neighbourhood_name(site, code),
        district=lambda code: district_name(site, code),
        **labels(),
    )


@get("/beautify/{slug:str}", guards=[public], name="beautify-programme")
def programme_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    state = state_of(request)
    site = state.site
    programme = programme_or_404(db, slug)
    person_id = state.actor.person_id
    walks = db.scalars(
        select(CouncilMeeting)
        .where(CouncilMeeting.programme_id == programme.id)
        .order_by(CouncilMeeting.starts_at)
    ).all()
    contributions = beautify.published_contributions(db, programme)
    # The visitor's own contributions that moderation keeps from the public, and why.
    own_hidden = beautify.own_hidden(db, programme, person_id) if person_id is not None else []
    shown = [c.public_id for c in contributions] + [c.public_id for c, _state in own_hidden]
    return page(
        request,
        "neighbourhood_councils/programme.html",
        title=translated(request, programme, "title"),
        programme=programme,
        neighbourhood=beautify.neighbourhood_name(site, programme.neighbourhood),
        district_name=district_name(site, programme.district),
        contributions=contributions,
        own_hidden=own_hidden,
        photos=first_photos(db, CONTRIBUTION, shown),
        contribution_ref=beautify.ref,
        operations=beautify.operations(db, programme, published_only=True),
        open_for_contributions=programme.phase in beautify.OPEN_PHASES,
        walks=walks,
        places_left={
            m.id: registrations.places_left(db, m) for m in walks if m.capacity and m.ends_at >= site.now()
        },
        **labels(),
    )


@get("/beautify/{slug:str}/pins.json", guards=[public], name="beautify-pins")
def pins(
    request: Req, db: DB, slug: FromPath[str], what: FromQuery[str | None] = None
) -> Response[dict[str, Any]]:
    """The map's pins: published works (``what=works``) or published contributions."""
    programme = programme_or_404(db, slug)
    base = url(request, f"/beautify/{programme.slug}")
    if what == "contributions":
        rows = [
            {
                "title": f"{_(c.category.label)}: {c.place}",
                "lat": c.latitude,
                "lon": c.longitude,
                "url": f"{base}#c-{c.public_id}",
            }
            for c in beautify.published_contributions(db, programme)
            if c.latitude is not None and c.longitude is not None
        ]
    else:
        rows = [
            {
                "title": f"{o.title} ({_(o.status.label)})",
                "lat": o.latitude,
                "lon": o.longitude,
                "url": f"{base}#o-{o.public_id}",
            }
            for o in beautify.operations(db, programme, published_only=True)
            if o.latitude is not None and o.longitude is not None
        ]
    return Response({"pins": rows})


def _form_for(request: Req) -> Form:
    settings = state_of(request).site.settings("neighbourhood_councils")
    return contribution_form(settings.contribution_max_length)


def _contribute_context(request: Req, programme: Programme, photo_error: str | None = None) -> dict[str, Any]:
    limit = state_of(request).site.settings("neighbourhood_councils").photo_max_bytes
    return {
        "title": _("Contribute to {title}").format(title=translated(request, programme, "title")),
        "programme": programme,
        "photo_error": photo_error,
        "max_photo_mb": round(limit / 1_000_000, 1),
    }


@get("/beautify/{slug:str}/contribute", guards=[signed_in], name="beautify-contribute")
def contribute_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    programme = programme_or_404(db, slug)
    return page(
        request,
        "neighbourhood_councils/contribute.html",
        form=_form_for(request).bind(),
        **_contribute_context(request, programme),
    )


@post("/beautify/{slug:str}/contribute", guards=[signed_in], status_code=303)
def contribute(request: Req, db: DB, slug: FromPath[str], data: MultipartData) -> Template | Redirect:
    state = state_of(request)
    programme = programme_or_404(db, slug)
    form = _form_for(request).bind({k: v for k, v in data.items() if isinstance(v, (str, list))})
    upload = read_upload(data.get("photo"), state.site.settings("neighbourhood_councils").photo_max_bytes)

    def refused(refusal: Refused | None) -> Template:
        # The file is not in the form (a browser never sends it back): its error stands beside it.
        on_photo = refusal is not None and refusal.field == "photo"
        return page(
            request,
            "neighbourhood_councils/contribute.html",
            form=form,
            error=refusal.message if refusal is not None and not on_photo else None,
            **_contribute_context(request, programme, refusal.message if refusal and on_photo else None),
        )

    on_refusal(request, refused, form=form)
    latitude, longitude = check_location(form)
    values = form.require_valid()
    person = state.actor.account.person if state.actor.account else None
    if person is None:
        raise not_found()
    contribution = beautify.contribute(
        db,
        state.site,
        programme,
        person,
        category=Category(values["category"]),
        place=values["place"],
        description=values["description"],
        latitude=latitude,
        longitude=longitude,
        author_account_id=state.actor.account.id if state.actor.account else None,
        photo=upload,
        photo_alt=values["photo_alt"] or "",
    )
    audit.record_request(request, "neighbourhood_councils.contribution.create", target=contribution)
    message = (
        _("Thank you! Your contribution will be shown once the team has read it.")
        if is_hidden(db, beautify.ref(contribution))
        else _("Thank you! Your contribution is published.")
    )
    return redirect(request, f"/beautify/{programme.slug}", message)


@get("/beautify/{slug:str}/photos/{key:str}", guards=[public], name="beautify-photo")
def photo(request: Req, slug: FromPath[str], key: FromPath[str]) -> Redirect:
    """The address photos had before core's photo store: kept for links already shared."""
    return Redirect(url(request, f"/photos/{key}"), status_code=301)


ROUTES: list[Any] = [index, programme_page, pins, contribute_page, contribute, photo]
