"""The public pages: the votes, a vote (where to vote, turnout), its results."""

from __future__ import annotations

from litestar import get
from litestar.response import Template
from sqlalchemy import select

from parvis.api import (
    DB,
    FromPath,
    FromQuery,
    Refused,
    _,
    client_address,
    maps,
    page,
    public,
    state_of,
)
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import Place, Vote
from parvis.plugins.citizen_vote.services import maps as vote_maps
from parvis.plugins.citizen_vote.services import turnout
from parvis.plugins.citizen_vote.web.common import (
    Req,
    _districts,
    _now,
    _results,
    _vote,
)


@get("/votes", guards=[public], name="citizen-votes")
def votes_page(request: Req, db: DB) -> Template:
    votes = db.scalars(select(Vote).order_by(Vote.opens_at.desc())).all()
    return page(request, "citizen_vote/index.html", title=_("Citizen votes"), votes=votes, now=_now(request))


@get("/votes/{slug:str}", guards=[public], name="citizen-vote")
def vote_page(
    request: Req,
    db: DB,
    slug: FromPath[str],
    *,
    section: FromQuery[str | None] = None,
    district: FromQuery[str | None] = None,
    address: FromQuery[str | None] = None,
) -> Template:
    vote = _vote(db, slug)
    site = state_of(request).site
    found: list[Place] = []
    searched = bool((section or "").strip() or (district or "").strip() or (address or "").strip())
    located, address_problem = None, ""
    if (section or "").strip():
        place = services.place_of_section(db, vote, section or "")
        found = [place] if place is not None else []
    elif (district or "").strip():
        found = [p for p in vote.places if p.district == district]
    elif (address or "").strip() and maps.geocoding_enabled(site):
        located, address_problem = _locate(site, address or "", client_address(request))
        if located is not None and located.district is not None:
            district = located.district
            found = [p for p in vote.places if p.district == district]
    snapshot = turnout.snapshot(db, vote)
    return page(
        request,
        "citizen_vote/vote.html",
        title=vote.title,
        vote=vote,
        districts=_districts(request),
        turnout=snapshot,
        turnout_map=vote_maps.turnout_map(site, snapshot.rows) if snapshot.computed_at else None,
        found=found,
        searched=searched,
        section=section or "",
        district=district or "",
        address=address or "",
        geocoding=maps.geocoding_enabled(site),
        located=located,
        address_problem=address_problem,
        now=_now(request),
    )


def _locate(site: object, address: str, client: str) -> tuple[maps.Located | None, str]:
    """Where an address is, or why it could not be told (the geocoder failed or was asked too
    often, found nothing, or the point is in no district)."""
    try:
        located = maps.locate(site, address, client=client)
    except Refused as refusal:
        return None, refusal.message
    if located is None:
        return None, _("This address was not found: check it, or choose your {site.district} in the list.")
    if located.district is None:
        return located, _("This address is in no {site.district} of the site: choose yours in the list.")
    return located, ""


@get("/votes/{slug:str}/results", guards=[public], name="citizen-vote-results")
def results_page(request: Req, db: DB, slug: FromPath[str]) -> Template:
    vote = _vote(db, slug)
    rows, totals = _results(db, vote)
    districts = _districts(request)
    return page(
        request,
        "citizen_vote/results.html",
        title=_("Results: {vote}").format(vote=vote.title),
        vote=vote,
        rows=rows,
        totals=totals,
        districts=districts,
        shade=_shade,
        result_maps={
            q.id: vote_maps.result_maps(state_of(request).site, q, totals)
            for q in vote.questions
            if not q.district
        },
    )


def _shade(share: float) -> int:
    """A class from 0 to 4 for the choropleth table (the figure is always written beside it)."""
    return min(4, int(share * 5))
