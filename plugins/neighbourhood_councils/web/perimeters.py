"""Councils on maps: a council's perimeter (its neighbourhoods' shapes) and the districts' outlines,
as GeoJSON for the Leaflet map and drawn on the server when there is no script; and "find my
council" from an address (the site's geocoder, then the shapes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar import Response, get
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import DB, FromPath, Refused, _, maps, public, state_of, url
from parvis.plugins.neighbourhood_councils.models import Council
from parvis.plugins.neighbourhood_councils.web.common import Req, council_or_404


def perimeter_regions(site: Any, council: Council) -> list[maps.Region]:
    """The council's neighbourhoods highlighted in its district; the district itself when the
    council names no neighbourhood with a shape."""
    names = {n.code: n.name for n in site.config.neighbourhoods}
    hoods = [
        maps.Region("neighbourhood", code, maps.HIGHLIGHT, names.get(code, code))
        for code in council.neighbourhoods
        if code in maps.shapes_of(site).neighbourhoods
    ]
    district = site.config.district(council.district)
    name = district.name if district is not None else council.district
    if not hoods:
        return [maps.Region("district", council.district, maps.HIGHLIGHT, name)]
    return [maps.Region("district", council.district, maps.CONTEXT), *hoods]


def perimeter_svg(site: Any, council: Council) -> Markup:
    regions = perimeter_regions(site, council)
    return maps.svg_map(
        site,
        regions,
        label=_("Perimeter of {name}").format(name=council.name),
        frame=[r for r in regions if r.kind == "district"],
        width=480,
    )


@get("/neighbourhood-councils/districts.geojson", guards=[public], name="nbhd-district-shapes")
def district_shapes(request: Req) -> Response[dict[str, Any]]:
    site = state_of(request).site
    links = {
        d.code: {"url": url(request, f"/neighbourhood-councils?district={d.code}")}
        for d in site.config.districts
    }
    return Response(maps.geojson(site, "district", properties=links), media_type="application/geo+json")


@get("/neighbourhood-councils/{slug:str}/perimeter.geojson", guards=[public], name="nbhd-perimeter")
def perimeter(request: Req, db: DB, slug: FromPath[str]) -> Response[dict[str, Any]]:
    site = state_of(request).site
    council = council_or_404(db, slug)
    highlighted = [r for r in perimeter_regions(site, council) if r.fill == maps.HIGHLIGHT]
    kind = highlighted[0].kind if highlighted else "neighbourhood"
    found = maps.geojson(site, kind, [r.code for r in highlighted])
    return Response(found, media_type="application/geo+json")


@dataclass(slots=True)
class Finding:
    """What "find my council" found for an address: where it is, the councils, or why not."""

    address: str = ""
    located: maps.Located | None = None
    problem: str = ""
    councils: list[Council] = field(default_factory=list)


def find_by_address(site: Any, db: Session, address: str, client: str) -> Finding:
    """The active councils whose perimeter holds the address's neighbourhood (else those of its
    district); a translated problem when the geocoder fails (or was asked too often from this
    client address) or the address is nowhere."""
    finding = Finding(address=address)
    try:
        finding.located = maps.locate(site, address, client=client)
    except Refused as refusal:
        finding.problem = refusal.message
        return finding
    located = finding.located
    if located is None:
        finding.problem = _(
            "This address was not found: check it, or choose your {site.district} in the list."
        )
        return finding
    if located.district is None:
        finding.problem = _("This address is in no {site.district} of the site: choose yours in the list.")
        return finding
    councils = db.scalars(
        select(Council)
        .where(Council.active.is_(True), Council.district == located.district)
        .order_by(Council.name)
    ).all()
    own = [c for c in councils if located.neighbourhood in (c.neighbourhoods or [])]
    finding.councils = own or list(councils)
    return finding


ROUTES = [district_shapes, perimeter]
