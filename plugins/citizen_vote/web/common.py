"""What the citizen vote's pages share: finding the vote and the place, the site's districts and
clock, the result rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Request
from litestar.exceptions import NotFoundException

from parvis.api import (
    _,
    state_of,
)
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import Place, Vote

Req = Request[Any, Any, Any]


def _vote(db: Any, slug: str) -> Vote:
    vote = services.vote_by_slug(db, slug)
    if vote is None:
        raise NotFoundException(_("There is no such vote."))
    return vote


def _place(db: Any, vote: Vote, public_id: str) -> Place:
    place = services.place_by_public_id(db, vote, public_id)
    if place is None:
        raise NotFoundException(_("There is no such voting place."))
    return place


def _districts(request: Req) -> dict[str, str]:
    return {d.code: d.name for d in state_of(request).site.config.districts}


def _now(request: Req) -> datetime:
    return state_of(request).site.now()


def _results(
    db: Any, vote: Vote
) -> tuple[list[dict[str, Any]], dict[tuple[int, str | None], services.Total]]:
    if vote.results_published_at is None:
        raise NotFoundException(_("The results are not published yet."))
    rows = services.place_rows(db, vote)
    return rows, services.tally(rows)
