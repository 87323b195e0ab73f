"""Helpers shared by the plugin's pages: finding things (404), district checks, labels."""

from __future__ import annotations

from typing import Any

from litestar import Request
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import check, districts_allowed, in_district, one_or_404, state_of
from parvis.plugins.neighbourhood_councils.models import Council, Programme
from parvis.plugins.neighbourhood_councils.permissions import MANAGE

Req = Request[Any, Any, Any]


def council_or_404(db: Session, slug: str) -> Council:
    return one_or_404(db, select(Council).where(Council.slug == slug))


def programme_or_404(db: Session, slug: str) -> Programme:
    return one_or_404(db, select(Programme).where(Programme.slug == slug))


def managed_council(request: Req, db: Session, slug: str) -> Council:
    """The council, if the actor manages its district (a district's officials: theirs only)."""
    council = council_or_404(db, slug)
    check(state_of(request), MANAGE, council)
    return council


def managed_programme(request: Req, db: Session, slug: str) -> Programme:
    programme = programme_or_404(db, slug)
    check(state_of(request), MANAGE, programme)
    return programme


def check_district(request: Req, district: str | None) -> None:
    """May the actor create things in ``district`` (a form's choice)?"""
    check(state_of(request), MANAGE, in_district(district))


def district_choices(request: Req) -> list[tuple[str, str]]:
    """The districts the actor manages (every district for site-wide officials)."""
    site = state_of(request).site
    allowed = districts_allowed(state_of(request), MANAGE)
    return [(d.code, d.name) for d in site.config.districts if allowed is None or d.code in allowed]


def neighbourhood_choices(request: Req) -> list[tuple[str, str]]:
    site = state_of(request).site
    districts = dict(district_choices(request))
    return [
        (n.code, f"{n.name} ({districts[n.district]})")
        for n in site.config.neighbourhoods
        if n.district in districts
    ]


def district_names(request: Req) -> dict[str, str]:
    return {d.code: d.name for d in state_of(request).site.config.districts}


def district_point(request: Req, code: str) -> tuple[float | None, float | None]:
    found = next((d for d in state_of(request).site.config.districts if d.code == code), None)
    return (found.latitude, found.longitude) if found else (None, None)


def owner_name(request: Req, owner: Council | Programme) -> Markup:
    """A meeting's council or programme, named in the page's language (marked if it is not)."""
    from parvis.api.content_translations import marked

    return marked(request, owner, "name" if isinstance(owner, Council) else "title", note=False)
