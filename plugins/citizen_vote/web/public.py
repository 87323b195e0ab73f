"""The public pages: the votes, a vote (where to vote, turnout), its results."""

from __future__ import annotations

from litestar import get
from litestar.response import Template
from sqlalchemy import select

from parvis.api import (
    DB,
    FromPath,
    FromQuery,
    _,
    page,
    public,
)
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import Place, Vote
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
    section: FromQuery[str | None] = None,
    district: FromQuery[str | None] = None,
) -> Template:
    vote = _vote(db, slug)
    found: list[Place] = []
    searched = bool((section or "").strip() or (district or "").strip())
    if (section or "").strip():
        place = services.place_of_section(db, vote, section or "")
        found = [place] if place is not None else []
    elif (district or "").strip():
        found = [p for p in vote.places if p.district == district]
    return page(
        request,
        "citizen_vote/vote.html",
        title=vote.title,
        vote=vote,
        districts=_districts(request),
        turnout=turnout.snapshot(db, vote),
        found=found,
        searched=searched,
        section=section or "",
        district=district or "",
        now=_now(request),
    )


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
    )


def _shade(share: float) -> int:
    """A class from 0 to 4 for the choropleth table (the figure is always written beside it)."""
    return min(4, int(share * 5))
