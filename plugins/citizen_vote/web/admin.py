"""The officials' back office: setting a vote up, questions, places and clerks, the roll, and the
counts (double entry, mismatch reasons, publishing)."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time
from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Account,
    Field,
    Form,
    FormData,
    FromPath,
    MultipartData,
    Refused,
    _,
    allowed,
    audit,
    can,
    job_path,
    lazy_gettext,
    on_refusal,
    page,
    pollbook,
    redirect,
    site_timezone,
    start_job,
    state_of,
)
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import RESIDENTS, ROLL, Place, Vote
from parvis.plugins.citizen_vote.permissions import COUNT, MANAGE
from parvis.plugins.citizen_vote.web.common import (
    Req,
    _districts,
    _now,
    _place,
    _vote,
)


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
        Field(
            "electorate",
            lazy_gettext("Who votes"),
            kind="radio",
            choices=lambda: [
                (ROLL, _("The electors of an electoral roll, imported and frozen at a cut-off date")),
                (RESIDENTS, _("Consultative: the residents known to the site, whatever their nationality")),
            ],
            required=False,
        ),
        Field(
            "min_age",
            lazy_gettext("Minimum age on the vote day (residents only)"),
            kind="integer",
            min=0,
            max=120,
            required=False,
        ),
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
        initial={
            "opens": settings.opens,
            "closes": settings.closes,
            "online": settings.online,
            "electorate": ROLL,
            "min_age": 16,
        }
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
        electorate=values["electorate"] or ROLL,
        min_age=16 if values["min_age"] is None else values["min_age"],
        arguments_for=values["arguments_for"] or "",
        arguments_against=values["arguments_against"] or "",
    )
    audit.record_request(request, "citizen_vote.create", target=vote)
    return redirect(request, f"/admin/votes/{vote.slug}", _("The vote is created."))


def _manage_context(request: Req, db: Any, vote: Vote) -> dict[str, Any]:
    marks = pollbook.marks_by_place(db, vote.poll)
    states = {p.id: services.place_state(p, marks.get(p.public_id, 0)) for p in vote.places}
    return {
        "vote": vote,
        "districts": _districts(request),
        "states": states,
        "may_count": allowed(state_of(request), COUNT),
        "counted": all(s.status == "agreed" for s in states.values()) and bool(states),
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
    if vote.electorate == RESIDENTS:
        raise services.VoteRefused(
            _("This vote's electorate is the residents: freeze it instead of importing a roll.")
        )
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


@post("/admin/votes/{slug:str}/electorate", guards=[can(MANAGE)], status_code=303)
def admin_electorate(request: Req, db: DB, slug: FromPath[str]) -> Redirect:
    """Freeze a consultative vote's electorate from the residents known to the site (a job: a
    city has hundreds of thousands of them)."""
    vote = _vote(db, slug)
    on_refusal(request, "citizen_vote/admin_vote.html", **_manage_context(request, db, vote))
    if vote.electorate != RESIDENTS:
        raise services.VoteRefused(_("This vote's electorate is an imported electoral roll."))
    if vote.opens_at <= _now(request) or vote.results_published_at is not None:
        raise services.VoteRefused(_("Voting has started: the roll is frozen."))
    job = start_job(
        db,
        state_of(request).site,
        "citizen_vote.freeze_electorate",
        owner=state_of(request).actor,
        return_to=f"/admin/votes/{vote.slug}",
        vote_id=vote.id,
    )
    audit.record_request(request, "citizen_vote.electorate.freeze", target=vote, job=job.public_id)
    return redirect(request, job_path(job))


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
