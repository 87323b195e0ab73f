"""Online ballots: the elector's form and casting the ballot."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from litestar import get, post
from litestar.exceptions import NotFoundException
from litestar.response import Template

from parvis.api import (
    DB,
    FormData,
    FromPath,
    Refused,
    _,
    on_refusal,
    page,
    ratelimit,
    signed_in,
    state_of,
)
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import RESIDENTS, RollEntry, Vote
from parvis.plugins.citizen_vote.web.common import (
    Req,
    _districts,
    _now,
    _vote,
)


def _ballot_context(request: Req, vote: Vote, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "residents": vote.electorate == RESIDENTS,
        "vote": vote,
        "values": values,
        "districts": _districts(request),
        "title": _("Vote online: {vote}").format(vote=vote.title),
    }


@get("/votes/{slug:str}/ballot", guards=[signed_in], name="citizen-vote-ballot")
def ballot_form(request: Req, db: DB, slug: FromPath[str]) -> Template:
    vote = _vote(db, slug)
    if not vote.online:
        raise NotFoundException(_("This vote is in person only."))
    context = _ballot_context(request, vote, {})
    if vote.electorate == RESIDENTS:
        # Say at once why a resident who is not on the electorate cannot vote.
        account = state_of(request).actor.account
        try:
            entry = services.entry_of_person(
                db, state_of(request).site, vote, account.person if account is not None else None
            )
        except services.VoteRefused as refusal:
            context["not_on_electorate"] = refusal.message
        else:  # their ballot: the city-wide questions and their district's
            context["questions"] = services.questions_for(vote, entry.district)
    return page(request, "citizen_vote/ballot.html", **context)


@post("/votes/{slug:str}/ballot", guards=[signed_in], status_code=200)
def cast_ballot(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template:
    vote = _vote(db, slug)
    if not vote.online:
        raise NotFoundException(_("This vote is in person only."))
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    on_refusal(request, "citizen_vote/ballot.html", **_ballot_context(request, vote, values))
    account = state_of(request).actor.account
    if vote.electorate == RESIDENTS:
        # The signed-in resident's own entry: nothing to type, so nothing to guess.
        site = state_of(request).site
        person = account.person if account is not None else None
        entry = services.entry_of_person(db, site, vote, person)
    else:
        entry = _entry_from_roll_details(request, db, vote, values)
    choices: dict[int, int | None] = {}
    for question in vote.questions:
        raw = values.get(f"q{question.id}", "")
        choices[question.id] = int(raw) if raw.isdigit() else None
    services.cast_online(
        db, vote, entry, choices, now=_now(request), person_id=account.person_id if account else None
    )
    return page(request, "citizen_vote/ballot_cast.html", vote=vote, title=_("Thank you for voting"))


def _entry_from_roll_details(request: Req, db: Any, vote: Vote, values: dict[str, str]) -> RollEntry:
    """The roll entry whose number, family name and birth date the voter typed."""
    # Guessing someone's roll details: five free tries per account, then waits that double.
    account = state_of(request).actor.account
    limits = [
        ratelimit.Limit(
            f"citizen_vote.ballot:{account.id if account else 0}",
            5,
            timedelta(seconds=30),
            timedelta(hours=1),
            timedelta(days=1),
        )
    ]
    ratelimit.count_attempt(state_of(request).site, limits)
    try:
        born = date.fromisoformat(values.get("birth_date", "").strip())
    except ValueError:
        raise Refused(_("Enter a date like 2026-03-31."), "birth_date", status_code=400) from None
    entry = services.find_elector_online(
        db, vote, number=values.get("number", ""), family_name=values.get("family_name", ""), born=born
    )
    ratelimit.forgive(db, limits)
    return entry
