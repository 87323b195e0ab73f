"""The control commission's report: a closed vote's figures, every voting place's, per district
and for the whole city, with a signature block. Shown as a printable page and made into a PDF.

Always in the site's default language (French for Paris), whatever language the official reads
the back office in: it is the record the commission signs. Its figures come from the published
per-place rows (``place_rows``, the open data ``parvis vote tally`` reads) summed with ``tally``:
a district's subtotal is the tally of its places' rows, the city's the tally of every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    Account,
    _,
    format_date,
    format_datetime,
    format_number,
    format_time,
    key_of,
    pollbook,
    use_locale,
)
from parvis.plugins.citizen_vote.models import Question, Vote
from parvis.plugins.citizen_vote.services.counts import place_state
from parvis.plugins.citizen_vote.services.online import ONLINE
from parvis.plugins.citizen_vote.services.results import Total, place_rows, tally
from parvis.plugins.citizen_vote.services.votes import VoteRefused

if TYPE_CHECKING:
    from parvis.api import Site


@dataclass(frozen=True, slots=True)
class Entry:
    """One of the two entries of a place's count: who entered it and when."""

    slot: int
    name: str
    at: datetime


@dataclass(slots=True)
class PlaceLine:
    """A voting place's figures (or the online channel's, ``online``)."""

    name: str
    place_id: str
    district: str
    registered: int
    marks: int
    ballots: int
    reason: str = ""
    entries: list[Entry] = field(default_factory=list)
    #: per question position: the published row (votes per option, blank, null)
    figures: dict[int, Mapping[str, Any]] = field(default_factory=dict)
    online: bool = False

    @property
    def gap(self) -> int:
        """Ballots in the box minus the poll book's marks."""
        return self.ballots - self.marks


@dataclass(slots=True)
class Group:
    """The places of one district (or the online channel) and their subtotal; or the city total."""

    code: str
    label: str
    places: list[PlaceLine] = field(default_factory=list)
    totals: dict[int, Total] = field(default_factory=dict)  # per question position

    @property
    def registered(self) -> int:
        return sum(p.registered for p in self.places)

    @property
    def marks(self) -> int:
        return sum(p.marks for p in self.places)

    @property
    def ballots(self) -> int:
        return sum(p.ballots for p in self.places)

    @property
    def turnout(self) -> float | None:
        return self.ballots / self.registered if self.registered else None


@dataclass(frozen=True, slots=True)
class QuestionLine:
    position: int
    heading: str  # "Question 2 (local question, 11e): ..."
    options: tuple[str, ...]
    district: str | None = None  # a local question's district


@dataclass(slots=True)
class Report:
    title: str
    language: str
    facts: list[tuple[str, str]]
    questions: list[QuestionLine]
    groups: list[Group]
    city: Group
    turnout: float
    signature: list[str]
    labels: dict[str, str]  # headings and column names, in the report's language


def report_language(site: Site) -> str:
    return str(site.config.site.default_locale)


def check_complete(db: Session, vote: Vote, now: datetime) -> None:
    """The report is made once the vote is closed and every place's two counts agree."""
    if now < vote.closes_at:
        raise VoteRefused(_("The report is made once the vote has closed."))
    if not vote.places:
        raise VoteRefused(_("This vote has no voting place."))
    marks = pollbook.marks_by_place(db, vote.poll)
    for place in vote.places:
        if place_state(place, marks.get(place.public_id, 0)).status != "agreed":
            raise VoteRefused(
                _("The count of {place} is not agreed yet: the report waits for every count.").format(
                    place=place.name
                )
            )


def build(db: Session, site: Site, vote: Vote, districts: Mapping[str, str], today: date) -> Report:
    """The report's content, in the site's default language."""
    with use_locale(report_language(site)):
        return _build(db, site, vote, districts, today)


def _build(db: Session, site: Site, vote: Vote, districts: Mapping[str, str], today: date) -> Report:
    rows = place_rows(db, vote)
    by_place: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_place.setdefault(str(row["place_id"]), []).append(row)
    names = _names(db, vote)
    places = {p.public_id: p for p in vote.places}
    groups: dict[str, Group] = {}
    group_rows: dict[str, list[dict[str, Any]]] = {}
    for place_id, found in by_place.items():
        place = places.get(place_id)
        online = place is None and place_id == ONLINE
        code = ONLINE if online else str(found[0]["district"])
        line = PlaceLine(
            name=_("Online") if online else str(found[0]["place"]),
            place_id=place_id,
            district=code,
            registered=int(found[0]["registered"]),
            marks=int(found[0]["marks"]),
            ballots=max(int(r["ballots"]) for r in found),
            reason=place.mismatch_reason if place is not None else "",
            entries=[
                Entry(c.slot, names.get(c.entered_by_id or 0, "—"), c.entered_at)
                for c in (place.counts if place is not None else [])
            ],
            figures={int(r["question"]): r for r in found},
            online=online,
        )
        label = _("Online") if online else districts.get(code, code)
        groups.setdefault(code, Group(code, label)).places.append(line)
        group_rows.setdefault(code, []).extend(found)
    order = {code: index for index, code in enumerate(districts)}  # the site's order of districts
    ordered = sorted(groups.values(), key=lambda g: (g.code == ONLINE, order.get(g.code, len(order)), g.code))
    for group in ordered:
        group.totals = _totals(group_rows[group.code])
    city = Group("", _("Total"), [p for g in ordered for p in g.places], _totals(rows))
    first = next((q for q in vote.questions if q.district is None), None)
    city_total = city.totals.get(first.position) if first is not None else None
    return Report(
        title=_("Report of the control commission: {vote}").format(vote=vote.title),
        language=report_language(site),
        facts=_facts(vote),
        questions=[
            QuestionLine(
                q.position, question_heading(q, districts), tuple(str(o) for o in q.options), q.district
            )
            for q in vote.questions
        ],
        groups=ordered,
        city=city,
        turnout=city_total.turnout if city_total is not None else 0.0,
        signature=[
            _("Done {site.city:in} on {date}.").format(date=format_date(today)),
            _("The chair of the control commission (name and signature):"),
            _("The members of the control commission (names and signatures):"),
        ],
        labels=_labels(),
    )


def _totals(rows: list[dict[str, Any]]) -> dict[int, Total]:
    return {question: total for (question, district), total in tally(rows).items() if district is None}


def _names(db: Session, vote: Vote) -> dict[int, str]:
    ids = {c.entered_by_id for p in vote.places for c in p.counts if c.entered_by_id is not None}
    if not ids:
        return {}
    return {
        a: str(n) for a, n in db.execute(select(Account.id, Account.display_name).where(Account.id.in_(ids)))
    }


def _facts(vote: Vote) -> list[tuple[str, str]]:
    channels = [_("in person")] if vote.in_person else []
    if vote.online:
        channels.append(_("online"))
    facts = [
        (_("Vote"), vote.title),
        (_("Voting day"), format_date(vote.opens_at)),
        (
            _("Hours"),
            _("from {opens} to {closes}").format(
                opens=format_time(vote.opens_at), closes=format_time(vote.closes_at)
            ),
        ),
        (_("Channels"), ", ".join(channels) or "—"),
        (
            _("Electorate"),
            _("residents aged {age} or over on the vote day, whatever their nationality").format(
                age=vote.min_age
            )
            if vote.electorate == "residents"
            else _("the electoral rolls"),
        ),
        (_("Registered electors"), format_number(vote.roll_count)),
        (_("Roll frozen on"), format_date(vote.roll_cutoff) if vote.roll_cutoff else "—"),
        (_("SHA-256 of the roll"), vote.roll_sha256 or "—"),
    ]
    if vote.results_published_at is not None:
        facts.append((_("Results published"), format_datetime(vote.results_published_at)))
    return facts


def question_heading(question: Question, districts: Mapping[str, str]) -> str:
    if question.district:
        where = _("local question, {district}").format(
            district=districts.get(question.district, question.district)
        )
    else:
        where = _("for {site.whole_city}")
    return _("Question {number} ({where}): {text}").format(
        number=question.position, where=where, text=question.text
    )


def _labels() -> dict[str, str]:
    return {
        "vote": _("The vote"),
        "questions": _("Questions"),
        "places": _("Voting places"),
        "places_caption": _("Electors, poll book and ballots at each voting place, by {site.district}"),
        "place": _("Voting place"),
        "registered": _("Registered electors"),
        "marks": _("Poll-book marks"),
        "ballots": _("Ballots in the box"),
        "gap": _("Ballots minus marks"),
        "reason": _("Reason for the difference"),
        "first": _("First count"),
        "second": _("Second count"),
        "blank": _("Blank"),
        "null": _("Null"),
        "subtotal": _("Subtotal"),
        "results": _("Results"),
        "turnout": _("Turnout"),
        "signatures": _("Signatures"),
        "answer_caption": _("Votes per answer at each voting place, by {site.district}"),
        "share": _("Share of the votes for an answer"),
        "turnout_line": _("Turnout: {turnout} ({ballots} ballots for {registered} registered electors)."),
    }


def entry_text(entry: Entry) -> str:
    return _("{name}, {time}").format(name=entry.name, time=format_datetime(entry.at, "short"))


def pdf_key(site: Site, vote: Vote, report: Report) -> str:
    """The PDF's cache key: everything it shows, so any change of it makes a new PDF."""
    return key_of("citizen_vote.report", vote.public_id, report.language, repr(report))
