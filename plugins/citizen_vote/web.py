"""The citizen vote's pages: public (the vote, where to vote, turnout, results), the clerks' poll
book, and the officials' back office (setting up, the roll, places and clerks, counts).

Every route declares a guard; routes never commit (the unit of work does) and raise refusals
(``on_refusal`` shows the form again with the message). Every page works without JavaScript.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Response, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Account,
    Field,
    Form,
    FormData,
    FromPath,
    FromQuery,
    MultipartData,
    Refused,
    _,
    allowed,
    audit,
    can,
    csv_response,
    csv_text,
    job_path,
    json_response,
    lazy_gettext,
    on_refusal,
    page,
    pollbook,
    public,
    ratelimit,
    redirect,
    signed_in,
    site_timezone,
    start_job,
    state_of,
)
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import Place, RollEntry, Vote
from parvis.plugins.citizen_vote.plugin import COUNT, MANAGE

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


# -- public ------------------------------------------------------------------------------------


@get("/votes", guards=[public], name="citizen-votes")
def votes_page(request: Req, db: DB) -> Template:
    votes = db.scalars(select(Vote).order_by(Vote.opens_at.desc())).all()
    return page(request, "citizen_vote/index.html", title=_("Citizen votes"), votes=votes, now=_now(request))


def _turnout(db: Any, vote: Vote) -> list[tuple[str, int, int]]:
    return services.turnout_by_district(db, vote)


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
        turnout=_turnout(db, vote),
        found=found,
        searched=searched,
        section=section or "",
        district=district or "",
        now=_now(request),
    )


def _results(
    db: Any, vote: Vote
) -> tuple[list[dict[str, Any]], dict[tuple[int, str | None], services.Total]]:
    if vote.results_published_at is None:
        raise NotFoundException(_("The results are not published yet."))
    rows = services.place_rows(db, vote)
    return rows, services.tally(rows)


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


@get("/votes/{slug:str}/results.csv", guards=[public], name="citizen-vote-results-csv")
def results_csv(request: Req, db: DB, slug: FromPath[str]) -> Response[Any]:
    vote = _vote(db, slug)
    rows, _totals = _results(db, vote)
    width = max((len(r["options"]) for r in rows), default=0)
    columns = ["place", "place_id", "district", "question", "registered", "marks", "ballots", "blank", "null"]
    columns += [f"option_{i + 1}" for i in range(width)]
    return csv_response(
        csv_text(columns, ([r.get(c, "") for c in columns] for r in rows)), f"{vote.slug}-results.csv"
    )


@get("/votes/{slug:str}/results.json", guards=[public], name="citizen-vote-results-json")
def results_json(request: Req, db: DB, slug: FromPath[str]) -> Response[Any]:
    vote = _vote(db, slug)
    rows, _totals = _results(db, vote)
    data = {
        "vote": vote.title,
        "roll_sha256": vote.roll_sha256,
        "roll_cutoff": vote.roll_cutoff.isoformat() if vote.roll_cutoff else None,
        "questions": [
            {"number": q.position, "text": q.text, "district": q.district, "options": q.options}
            for q in vote.questions
        ],
        "places": rows,
    }
    return json_response(data, f"{vote.slug}-results.json")


# -- the poll book (clerks) ---------------------------------------------------------------------


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


# -- online ballots ----------------------------------------------------------------------------


def _ballot_context(request: Req, vote: Vote, values: dict[str, Any]) -> dict[str, Any]:
    return {
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
    return page(request, "citizen_vote/ballot.html", **_ballot_context(request, vote, {}))


@post("/votes/{slug:str}/ballot", guards=[signed_in], status_code=200)
def cast_ballot(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template:
    vote = _vote(db, slug)
    if not vote.online:
        raise NotFoundException(_("This vote is in person only."))
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    on_refusal(request, "citizen_vote/ballot.html", **_ballot_context(request, vote, values))
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
    choices: dict[int, int | None] = {}
    for question in vote.questions:
        raw = values.get(f"q{question.id}", "")
        choices[question.id] = int(raw) if raw.isdigit() else None
    services.cast_online(
        db, vote, entry, choices, now=_now(request), person_id=account.person_id if account else None
    )
    ratelimit.forgive(db, limits)
    return page(request, "citizen_vote/ballot_cast.html", vote=vote, title=_("Thank you for voting"))


# -- back office -------------------------------------------------------------------------------


def vote_form() -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field("slug", lazy_gettext("Address (letters, digits and dashes)"), max_length=80),
        Field("question", lazy_gettext("The question for the whole city"), kind="textarea"),
        Field(
            "options",
            lazy_gettext("Answers, one per line"),
            kind="textarea",
            help=lazy_gettext("For example: Yes, No"),
        ),
        Field("day", lazy_gettext("Voting day"), kind="date"),
        Field("opens", lazy_gettext("Opens at (HH:MM)"), max_length=5),
        Field("closes", lazy_gettext("Closes at (HH:MM)"), max_length=5),
        Field("online", lazy_gettext("Also online"), kind="checkbox", required=False),
        Field("arguments_for", lazy_gettext("Arguments for"), kind="textarea", required=False),
        Field("arguments_against", lazy_gettext("Arguments against"), kind="textarea", required=False),
    )


def _clock(text: str, name: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise Refused(_("Enter a time like 09:00."), name, status_code=400) from None


@get("/admin/votes", guards=[can(MANAGE)], name="citizen-vote-admin")
def admin_index(request: Req, db: DB) -> Template:
    settings = state_of(request).site.settings("citizen_vote")
    form = vote_form().bind(
        initial={"opens": settings.opens, "closes": settings.closes, "online": settings.online}
    )
    votes = db.scalars(select(Vote).order_by(Vote.opens_at.desc())).all()
    return page(request, "citizen_vote/admin_index.html", title=_("Citizen votes"), votes=votes, form=form)


@post("/admin/votes", guards=[can(MANAGE)], status_code=303)
def admin_create(request: Req, db: DB, data: FormData) -> Redirect:
    form = vote_form().bind(data)
    votes = db.scalars(select(Vote).order_by(Vote.opens_at.desc())).all()
    on_refusal(request, "citizen_vote/admin_index.html", form=form, votes=votes, title=_("Citizen votes"))
    values = form.require_valid()
    slug = values["slug"].strip().lower()
    if not slug or not all(c.isalnum() or c == "-" for c in slug):
        raise Refused(_("Use letters, digits and dashes only."), "slug", status_code=400)
    zone = site_timezone()
    day = values["day"]
    opens = datetime.combine(day, _clock(values["opens"], "opens"), zone)
    closes = datetime.combine(day, _clock(values["closes"], "closes"), zone)
    vote = services.create_vote(
        db,
        state_of(request).site,
        slug=slug,
        title=values["title"],
        question=values["question"],
        options=values["options"].splitlines(),
        opens_at=opens,
        closes_at=closes,
        online=bool(values["online"]),
        arguments_for=values["arguments_for"] or "",
        arguments_against=values["arguments_against"] or "",
    )
    audit.record_request(request, "citizen_vote.create", target=vote)
    return redirect(request, f"/admin/votes/{vote.slug}", _("The vote is created."))


def _manage_context(request: Req, db: Any, vote: Vote) -> dict[str, Any]:
    marks = pollbook.marks_by_place(db, vote.poll)
    return {
        "vote": vote,
        "districts": _districts(request),
        "states": {p.id: services.place_state(p, marks.get(p.public_id, 0)) for p in vote.places},
        "may_count": allowed(state_of(request), COUNT),
        "title": vote.title,
        "now": _now(request),
    }


@get("/admin/votes/{slug:str}", guards=[can(MANAGE)], name="citizen-vote-manage")
def admin_vote(request: Req, db: DB, slug: FromPath[str]) -> Template:
    vote = _vote(db, slug)
    return page(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))


@post("/admin/votes/{slug:str}/questions", guards=[can(MANAGE)], status_code=303)
def admin_question(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    vote = _vote(db, slug)
    on_refusal(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))
    text = str(data.get("text") or "").strip()
    if not text:
        raise Refused(_("Write the question."), "text", status_code=400)
    services.add_question(
        db,
        state_of(request).site,
        vote,
        text=text,
        options=str(data.get("options") or "").splitlines(),
        district=str(data.get("district") or "") or None,
    )
    return redirect(request, f"/admin/votes/{vote.slug}", _("The question is added."))


@post("/admin/votes/{slug:str}/places", guards=[can(MANAGE)], status_code=303)
def admin_place(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    vote = _vote(db, slug)
    on_refusal(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))
    name = str(data.get("name") or "").strip()[:200]
    if not name:
        raise Refused(_("Name the voting place."), "name", status_code=400)
    place = services.add_place(
        db,
        state_of(request).site,
        vote,
        name=name,
        district=str(data.get("district") or ""),
        address=str(data.get("address") or "").strip()[:300],
        sections=str(data.get("sections") or "").replace(",", " ").split(),
    )
    audit.record_request(request, "citizen_vote.place.create", target=place)
    return redirect(request, f"/admin/votes/{vote.slug}", _("The voting place is added."))


@post("/admin/votes/{slug:str}/places/{place_id:str}/clerks", guards=[can(MANAGE)], status_code=303)
def admin_clerk(
    request: Req, db: DB, slug: FromPath[str], place_id: FromPath[str], data: FormData
) -> Redirect:
    vote = _vote(db, slug)
    place = _place(db, vote, place_id)
    on_refusal(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))
    email = str(data.get("email") or "").strip().lower()
    account = db.scalar(select(Account).where(Account.email == email)) if email else None
    if account is None:
        raise Refused(_("No account has this e-mail address."), "email", status_code=400)
    services.add_clerk(db, place, account.id)
    audit.record_request(request, "citizen_vote.clerk.add", target=place, account=account.id)
    return redirect(
        request,
        f"/admin/votes/{vote.slug}",
        _("{name} is a clerk at {place}.").format(name=account.display_name, place=place.name),
    )


@post("/admin/votes/{slug:str}/roll", guards=[can(MANAGE)], status_code=303)
def admin_roll(request: Req, db: DB, slug: FromPath[str], data: MultipartData) -> Redirect:
    vote = _vote(db, slug)
    on_refusal(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))
    upload = data.get("file")
    handle = getattr(upload, "file", None)
    if handle is None:
        raise Refused(_("Choose a CSV file."), "file", status_code=400)
    try:
        cutoff = date.fromisoformat(str(data.get("cutoff") or "").strip())
    except ValueError:
        raise Refused(_("Enter a date like 2026-03-31."), "cutoff", status_code=400) from None
    if services.has_marks(db, vote):
        raise services.VoteRefused(_("Voting has started: the roll is frozen."))
    site = state_of(request).site
    path = services.private_folder(site) / f"roll-{secrets.token_hex(12)}.csv"
    path.write_bytes(handle.read())
    path.chmod(0o600)
    job = start_job(
        db,
        site,
        "citizen_vote.import_roll",
        owner=state_of(request).actor,
        return_to=f"/admin/votes/{vote.slug}",
        vote_id=vote.id,
        upload=str(path),
        cutoff=cutoff.isoformat(),
    )
    audit.record_request(request, "citizen_vote.roll.import", target=vote, job=job.public_id)
    return redirect(request, job_path(job))


# -- counts ------------------------------------------------------------------------------------


def _count_context(request: Req, db: Any, vote: Vote, place: Place, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "vote": vote,
        "place": place,
        "questions": services.questions_for(vote, place.district),
        "values": values,
        "title": _("Count of {place}").format(place=place.name),
    }


@get("/admin/votes/{slug:str}/places/{place_id:str}/count", guards=[can(COUNT)], name="citizen-vote-count")
def count_form(request: Req, db: DB, slug: FromPath[str], place_id: FromPath[str]) -> Template:
    vote = _vote(db, slug)
    place = _place(db, vote, place_id)
    account = state_of(request).actor.account
    mine = next((c for c in place.counts if account is not None and c.entered_by_id == account.id), None)
    values: dict[str, Any] = {}
    if mine is not None:
        values["ballots"] = mine.ballots
        for qid, figures in mine.figures.items():
            for i, n in enumerate(figures["options"]):
                values[f"q{qid}-o{i}"] = n
            values[f"q{qid}-blank"], values[f"q{qid}-null"] = figures["blank"], figures["null"]
    return page(request, "citizen_vote/count.html", **_count_context(request, db, vote, place, values))


def _number(data: Any, name: str, errors: dict[str, str], field: str) -> int:
    text = str(data.get(name) or "").strip()
    if not text.isdigit():
        errors.setdefault(field, _("Enter a whole number."))
        return 0
    return int(text)


@post("/admin/votes/{slug:str}/places/{place_id:str}/count", guards=[can(COUNT)], status_code=303)
def count(request: Req, db: DB, slug: FromPath[str], place_id: FromPath[str], data: FormData) -> Redirect:
    vote = _vote(db, slug)
    place = _place(db, vote, place_id)
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    context = _count_context(request, db, vote, place, values)
    on_refusal(request, "citizen_vote/count.html", **context)
    errors: dict[str, str] = {}
    ballots = _number(data, "ballots", errors, "ballots")
    figures = {}
    for question in context["questions"]:
        key = f"q{question.id}"
        votes = [_number(data, f"{key}-o{i}", errors, key) for i in range(len(question.options))]
        figures[question.id] = (
            votes,
            _number(data, f"{key}-blank", errors, key),
            _number(data, f"{key}-null", errors, key),
        )
    if errors:
        name, message = next(iter(errors.items()))
        raise Refused(message, name, status_code=400)
    services.enter_count(
        db, vote, place, state_of(request).actor, services.CountInput(ballots, figures), now=_now(request)
    )
    audit.record_request(request, "citizen_vote.count.enter", target=place)
    state = services.place_state(place, pollbook.marks_by_place(db, vote.poll).get(place.public_id, 0))
    message = {
        "mismatch": _("Your entry differs from the other official's: count again and correct it."),
        "agreed": _("Both entries agree."),
    }.get(state.status, _("Your entry is saved; a second official must enter the count too."))
    return redirect(request, f"/admin/votes/{vote.slug}", message)


@post("/admin/votes/{slug:str}/places/{place_id:str}/reason", guards=[can(COUNT)], status_code=303)
def mismatch_reason(
    request: Req, db: DB, slug: FromPath[str], place_id: FromPath[str], data: FormData
) -> Redirect:
    vote = _vote(db, slug)
    place = _place(db, vote, place_id)
    on_refusal(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))
    services.set_mismatch_reason(place, str(data.get("reason") or ""))
    audit.record_request(request, "citizen_vote.count.reason", target=place)
    return redirect(request, f"/admin/votes/{vote.slug}", _("The reason is recorded."))


@post("/admin/votes/{slug:str}/publish", guards=[can(COUNT)], status_code=303)
def publish(request: Req, db: DB, slug: FromPath[str]) -> Redirect:
    vote = _vote(db, slug)
    on_refusal(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))
    services.publish(db, vote, now=_now(request))
    audit.record_request(request, "citizen_vote.publish", target=vote)
    return redirect(request, f"/votes/{vote.slug}/results", _("The results are published."))


def routes() -> list[Any]:
    return [
        votes_page,
        vote_page,
        results_page,
        pollbook_places,
        pollbook_page,
        ballot_form,
        cast_ballot,
        mark,
        admin_index,
        admin_create,
        admin_vote,
        admin_question,
        admin_place,
        admin_clerk,
        admin_roll,
        count_form,
        count,
        mismatch_reason,
        publish,
    ]


def api_routes() -> list[Any]:
    return [results_csv, results_json]
