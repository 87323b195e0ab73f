"""Helpers shared by the plugin's controllers: settings, lookups that 404, page rendering with the
map's CSP, and sending queued mail once a response is out."""

from __future__ import annotations

from typing import Any

from litestar.response import Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import AnyRequest as Req
from parvis.api import is_htmx, one_or_404, page, state_of
from parvis.plugins.volunteers.lifecycle import status_label
from parvis.plugins.volunteers.models import Mission, Organisation, VolunteerCampaign
from parvis.plugins.volunteers.moments import day, moment, span
from parvis.plugins.volunteers.settings import VolunteersSettings
from parvis.plugins.volunteers.themes import theme_label


def settings_of(request: Req) -> VolunteersSettings:
    return state_of(request).site.settings("volunteers")


def mission_or_404(db: Session, public_id: str) -> Mission:
    return one_or_404(db, select(Mission).where(Mission.public_id == public_id))


def organisation_or_404(db: Session, slug: str) -> Organisation:
    return one_or_404(db, select(Organisation).where(Organisation.slug == slug))


def campaign_or_404(db: Session, slug: str) -> VolunteerCampaign:
    return one_or_404(db, select(VolunteerCampaign).where(VolunteerCampaign.slug == slug))


def labels(request: Req) -> dict[str, Any]:
    """Label helpers every template of the plugin uses."""
    settings = settings_of(request)
    return {
        "theme_label": lambda code: theme_label(settings, code),
        "status_label": lambda value: status_label(state_of(request).site, value),
        "district_name": lambda code: _district_name(request, code),
        "vsettings": settings,
        "moment": moment,
        "span": span,
        "day": day,
    }


def cards(request: Req, rows: list[Any]) -> list[Any]:
    """Search rows as ready-to-print cards (see ``cards.py``)."""
    from parvis.plugins.volunteers.web.cards import card

    settings = settings_of(request)
    names = {d.code: d.name for d in state_of(request).site.config.districts}
    titles = _translated_titles(request, rows)
    return [
        card(row, settings, lambda code: names.get(code or "", code or ""), titles.get(row.public_id))
        for row in rows
    ]


def _translated_titles(request: Req, rows: list[Any]) -> dict[str, Any]:
    """Each row's title in the page's language, or marked as the original's (one query for the
    missions' ids, one for their original languages, one for their translations)."""
    from parvis.api.content_translations import marked_by_id, preload_ids
    from parvis.plugins.volunteers.translations import MISSION

    state = state_of(request)
    if not rows:
        return {}
    found = state.db.execute(
        select(Mission.public_id, Mission.id).where(Mission.public_id.in_([row.public_id for row in rows]))
    )
    ids: dict[str, int] = {row[0]: row[1] for row in found}
    preload_ids(request, MISSION, ids.values())
    return {
        row.public_id: marked_by_id(request, MISSION, ids.get(row.public_id), "title", row.title)
        for row in rows
    }


def _district_name(request: Req, code: str | None) -> str:
    if not code:
        return ""
    district = state_of(request).site.config.district(code)
    return district.name if district else code


def render(request: Req, template: str, *, status_code: int = 200, **context: Any) -> Template:
    """``parvis.web.render.page`` plus the plugin's labels.

    htmx's history restore (back button with no cached page) asks with ``HX-Request`` too but needs
    the whole page, so it gets the full layout.
    """
    extra: dict[str, Any] = {}
    if is_htmx(request) and request.headers.get("hx-history-restore-request") == "true":
        extra["layout"] = "base.html"
    return page(request, template, status_code=status_code, **labels(request), **context, **extra)
