"""Open-data exports of a body's follow-up: ``/api/bodies/{slug}/follow-up.json`` and ``.csv``.

The same filters as the public page (term, status, topic, department, q); labels come in the
visitor's language (``?lang=fr|en|ja``, else Accept-Language), codes never change.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import ClientException

from parvis.decisions import exports, tracker
from parvis.decisions.routes_public import body_or_404, filters_from
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


@get("/bodies/{slug:str}/follow-up.json", guards=[public], name="api-followup-json")
def followup_json(
    request: Request[Any, Any, Any],
    *,
    db: DB,
    slug: FromPath[str],
    term: FromQuery[str | None] = None,
    status: FromQuery[str | None] = None,
    topic: FromQuery[str | None] = None,
    department: FromQuery[str | None] = None,
    q: FromQuery[str | None] = None,
    lang: FromQuery[str | None] = None,
) -> Response[dict[str, Any]]:
    """A body's decisions with the City's response, status and progress (open data)."""
    with use_locale(_locale(request, lang)):
        filters = filters_from(term, status, topic, department, q)
        state = state_of(request)
        found = tracker.build(db, state.site, body_or_404(db, slug), filters, state.site.today())
        document = exports.json_document(state.site, found, filters, state.site.today(), _base_url(request))
    return Response(document, headers={"access-control-allow-origin": "*"})


@get("/bodies/{slug:str}/follow-up.csv", guards=[public], name="api-followup-csv")
def followup_csv(
    request: Request[Any, Any, Any],
    *,
    db: DB,
    slug: FromPath[str],
    term: FromQuery[str | None] = None,
    status: FromQuery[str | None] = None,
    topic: FromQuery[str | None] = None,
    department: FromQuery[str | None] = None,
    q: FromQuery[str | None] = None,
    lang: FromQuery[str | None] = None,
) -> Response[str]:
    """The same data as CSV (UTF-8, comma-separated, one row per decision)."""
    with use_locale(_locale(request, lang)):
        state = state_of(request)
        found = tracker.build(
            db,
            state.site,
            body_or_404(db, slug),
            filters_from(term, status, topic, department, q),
            state.site.today(),
        )
        content = exports.csv_text(state.site, found, _base_url(request))
    return csv_response(
        content, f"{exports.safe_filename(slug)}-follow-up.csv", headers={"access-control-allow-origin": "*"}
    )
