"""The mission catalogue: search with filters, as a list or on a map, and the events programme."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get
from litestar.response import Template
from sqlalchemy import select

from parvis.api import DB, _, is_htmx, ngettext, public, state_of, url
from parvis.api import AnyRequest as Req
from parvis.plugins.volunteers.models import Category, EventType, MissionKind, VolunteerCampaign
from parvis.plugins.volunteers.search import parse_filters, search_missions, search_pins
from parvis.plugins.volunteers.search.filters import Parsed
from parvis.plugins.volunteers.themes import theme_choices
from parvis.plugins.volunteers.web.common import cards, render, settings_of

_C = VolunteerCampaign.__table__.c
# Built once (Core): the catalogue's page runs it on every full load.
OPEN_CAMPAIGNS = (
    select(_C.slug, _C.title).where(_C.registration_open.is_(True)).order_by(_C.starts_at).limit(5)
)


def read_filters(request: Req, category: Category = Category.MISSION) -> Parsed:
    params = {key: request.query_params.getall(key) for key in request.query_params}
    site = state_of(request).site
    return parse_filters(
        params,
        themes=[t.code for t in settings_of(request).themes],
        districts=[d.code for d in site.config.districts],
        category=category,
    )


def count_text(total: int, category: Category = Category.MISSION) -> str:
    if category == Category.EVENT:
        return ngettext("{count} event", "{count} events", total).format(count=total)
    return ngettext("{count} mission found", "{count} missions found", total).format(count=total)


def search_context(request: Req) -> dict[str, Any]:
    site = state_of(request).site
    return {
        "theme_choices": theme_choices(settings_of(request)),
        "district_choices": [(d.code, d.name) for d in site.config.districts],
        "kind_choices": MissionKind.choices(),
    }


class SearchController(Controller):
    path = "/volunteers"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/", guards=[public], name="volunteers-home")
    def search(self, request: Req, db: DB) -> Template:
        parsed = read_filters(request)
        filters = parsed.filters
        results = search_missions(db, filters, settings_of(request).page_size)
        context: dict[str, Any] = {
            "filters": filters,
            "results": results,
            "cards": cards(request, results.rows),
            "problems": parsed.problems,
            "count_text": count_text(results.total),
            "title": _("Volunteer missions"),
        }
        fragment = is_htmx(request) and request.headers.get("hx-target") == "results"
        if fragment:
            response = render(request, "volunteers/results_fragment.html", **context)
            # The address bar shows the clean, shareable address of this search.
            response.headers["hx-push-url"] = url(request, "/volunteers", **filters.query())
        else:
            campaigns = db.execute(OPEN_CAMPAIGNS).all()
            response = render(
                request, "volunteers/search.html", campaigns=campaigns, **search_context(request), **context
            )
        return response

    @get("/pins.json", guards=[public], name="volunteers-pins")
    def pins(self, request: Req, db: DB) -> Response[dict[str, Any]]:
        """The map's pins for the same filters as the list (titles are the organisers' own text)."""
        filters = read_filters(request).filters
        limit = settings_of(request).map.max_pins
        found = search_pins(db, filters, limit + 1)
        base = url(request, "/volunteers/missions") + "/"
        body = {
            "pins": [
                {
                    "id": p.public_id,
                    "title": p.title,
                    "lat": round(p.latitude, 6),
                    "lon": round(p.longitude, 6),
                    "url": base + p.public_id,
                    "places": p.places_left,
                }
                for p in found[:limit]
            ],
            "truncated": len(found) > limit,
            "open": _("Open the mission"),
        }
        return Response(body, headers={"cache-control": "no-store"})

    @get("/events", guards=[public], name="volunteers-events")
    def events(self, request: Req, db: DB) -> Template:
        parsed = read_filters(request, Category.EVENT)
        results = search_missions(db, parsed.filters, 50)
        return render(
            request,
            "volunteers/events.html",
            filters=parsed.filters,
            results=results,
            cards=cards(request, results.rows),
            problems=parsed.problems,
            count_text=count_text(results.total, Category.EVENT),
            event_choices=EventType.choices(),
            title=_("Programme of events"),
        )
