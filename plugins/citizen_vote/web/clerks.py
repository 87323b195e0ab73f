"""The clerks' poll book: their places, finding electors and marking them."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    FormData,
    FromPath,
    FromQuery,
    _,
    allowed,
    on_refusal,
    page,
    pollbook,
    redirect,
    signed_in,
    state_of,
)
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import Place, RollEntry, Vote
from parvis.plugins.citizen_vote.permissions import MANAGE
from parvis.plugins.citizen_vote.web.common import (
    Req,
    _now,
    _place,
    _vote,
)


def _may_mark(request: Req, db: Any, place: Place) -> bool:
    state = state_of(request)
    account = state.actor.account
    return allowed(state, MANAGE) or services.is_clerk(db, place, account.id if account else None)


@get("/votes/{slug:str}/pollbook", guards=[signed_in], name="citizen-vote-pollbook")
def pollbook_places(request: Req, db: DB, slug: FromPath[str]) -> Template:
    vote = _vote(db, slug)
    state = state_of(request)
    if allowed(state, MANAGE):
        places = list(vote.places)
    else:
        places = services.clerk_places(db, vote, state.actor.account.id)  # type: ignore[union-attr]
    if not places:
        raise PermissionDeniedException(_("You are not a clerk of this vote."))
    return page(request, "citizen_vote/pollbook_places.html", title=_("Poll book"), vote=vote, places=places)


def _pollbook_context(  # noqa: PLR0917 - the search's three fields
    request: Req, db: Any, vote: Vote, place: Place, name: str, born: str, number: str
) -> dict[str, Any]:
    born_date = None
    error = None
    if born.strip():
        try:
            born_date = date.fromisoformat(born.strip())
        except ValueError:
            error = _("Enter a date like 2026-03-31.")
    electors = services.find_electors(db, vote, name=name, born=born_date, number=number)
    marks = pollbook.marks_of(db, vote.poll, [str(e.id) for e in electors])
    searched = bool(number.strip() or (name.strip() and born_date))
    return {
        "vote": vote,
        "place": place,
        "name": name,
        "born": born,
        "number": number,
        "electors": electors,
        "marks": marks,
        "searched": searched,
        "search_error": error,
        "marked_here": pollbook.marks_by_place(db, vote.poll).get(place.public_id, 0),
        "title": _("Poll book: {place}").format(place=place.name),
    }


@get("/votes/{slug:str}/pollbook/{place_id:str}", guards=[signed_in], name="citizen-vote-pollbook-place")
def pollbook_page(  # noqa: PLR0917 - Litestar passes the query parameters by name
    request: Req,
    db: DB,
    slug: FromPath[str],
    place_id: FromPath[str],
    name: FromQuery[str | None] = None,
    born: FromQuery[str | None] = None,
    number: FromQuery[str | None] = None,
) -> Template:
    vote = _vote(db, slug)
    place = _place(db, vote, place_id)
    if not _may_mark(request, db, place):
        raise PermissionDeniedException(_("You are not a clerk of this voting place."))
    context = _pollbook_context(request, db, vote, place, name or "", born or "", number or "")
    return page(request, "citizen_vote/pollbook.html", **context)


@post("/votes/{slug:str}/pollbook/{place_id:str}/mark", guards=[signed_in], status_code=303)
def mark(request: Req, db: DB, slug: FromPath[str], place_id: FromPath[str], data: FormData) -> Redirect:
    vote = _vote(db, slug)
    place = _place(db, vote, place_id)
    if not _may_mark(request, db, place):
        raise PermissionDeniedException(_("You are not a clerk of this voting place."))
    raw = str(data.get("elector") or "")
    entry = db.get(RollEntry, int(raw)) if raw.isdigit() else None
    if entry is None or entry.vote_id != vote.id:
        raise NotFoundException(_("There is no such elector on the roll."))
    context = _pollbook_context(request, db, vote, place, "", "", entry.number)
    on_refusal(request, "citizen_vote/pollbook.html", **context)
    services.mark_elector(db, vote, place, entry, state_of(request).actor, now=_now(request))
    return redirect(
        request,
        f"/votes/{vote.slug}/pollbook/{place.public_id}",
        _("{name} is marked as having voted.").format(name=f"{entry.given_name} {entry.family_name}"),
    )
