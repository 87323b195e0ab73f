"""Open-data exports of a body's follow-up: ``/api/bodies/{slug}/follow-up.json`` and ``.csv``.

The same filters as the public page (term, status, topic, department, q); labels come in the
visitor's language (``?lang=fr|en|ja``, else Accept-Language), codes never change.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import ClientException
from sqlalchemy.orm import Session

from parvis.decisions import exports, tracker
from parvis.decisions.routes_public import FILTERS, body_or_404
from parvis.exports import csv_response
from parvis.i18n import _, use_locale
from parvis.web.context import state_of
from parvis.web.guards import public
from parvis.web.types import DB, FromPath, FromQuery


def _locale(request: Request[Any, Any, Any], lang: str | None) -> str:
    state = state_of(request)
    if lang is not None and lang not in state.site.locales:
        raise ClientException(
            _("Unknown language: use one of {codes}.").format(codes=", ".join(state.site.locales))
        )
    return lang or state.locale


def _base_url(request: Request[Any, Any, Any]) -> str:
    return str(request.base_url).rstrip("/")


def _followup(
    request: Request[Any, Any, Any], db: Session, slug: str, filters: tracker.Filters
) -> tracker.Tracker:
    state = state_of(request)
    return tracker.build(db, state.site, body_or_404(db, slug), filters, state.site.today())


@get("/bodies/{slug:str}/follow-up.json", guards=[public], name="api-followup-json", dependencies=FILTERS)
def followup_json(
    request: Request[Any, Any, Any],
    db: DB,
    slug: FromPath[str],
    filters: NamedDependency[tracker.Filters],
    lang: FromQuery[str | None] = None,
) -> Response[dict[str, Any]]:
    """A body's decisions with the City's response, status and progress (open data)."""
    with use_locale(_locale(request, lang)):
        site = state_of(request).site
        found = _followup(request, db, slug, filters)
        document = exports.json_document(site, found, filters, site.today(), _base_url(request))
    return Response(document, headers={"access-control-allow-origin": "*"})


@get("/bodies/{slug:str}/follow-up.csv", guards=[public], name="api-followup-csv", dependencies=FILTERS)
def followup_csv(
    request: Request[Any, Any, Any],
    db: DB,
    slug: FromPath[str],
    filters: NamedDependency[tracker.Filters],
    lang: FromQuery[str | None] = None,
) -> Response[str]:
    """The same data as CSV (UTF-8, comma-separated, one row per decision)."""
    with use_locale(_locale(request, lang)):
        content = exports.csv_text(
            state_of(request).site, _followup(request, db, slug, filters), _base_url(request)
        )
    return csv_response(
        content, f"{exports.safe_filename(slug)}-follow-up.csv", headers={"access-control-allow-origin": "*"}
    )
