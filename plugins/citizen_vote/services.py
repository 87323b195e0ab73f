"""The citizen vote's rules: setting a vote up, the roll, places and clerks, marking electors in
core's poll book, double-entry counts and results. Services never commit (the unit of work, a job
or the demo does)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from parvis.api import Actor, Refused, _, pollbook, rows_affected
from parvis.api.sortition import ProblemCollector
from parvis.plugins.citizen_vote.models import (
    Clerk,
    CountEntry,
    OnlineBallot,
    Place,
    PlaceSection,
    Question,
    RollEntry,
    Vote,
)

if TYPE_CHECKING:
    from parvis.api import Site

ROLL_COLUMNS = ("number", "family_name", "given_name", "birth_date", "section", "district")
CHUNK = 5000


class VoteRefused(Refused):
    """A rule of the citizen vote says no."""


# -- setting up --------------------------------------------------------------------------------


def vote_by_slug(db: Session, slug: str) -> Vote | None:
    return db.scalar(select(Vote).where(Vote.slug == slug))


def create_vote(
    db: Session,
    site: Site,
    *,
    slug: str,
    title: str,
    question: str,
    options: Sequence[str],
    opens_at: datetime,
    closes_at: datetime,
    online: bool = False,
    arguments_for: str = "",
    arguments_against: str = "",
) -> Vote:
    if closes_at <= opens_at:
        raise VoteRefused(_("The vote must close after it opens."), "closes")
    if vote_by_slug(db, slug) is not None:
        raise VoteRefused(_("Another vote has this address."), "slug")
    vote = Vote(
        slug=slug,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        online=online,
        arguments_for=arguments_for,
        arguments_against=arguments_against,
    )
    db.add(vote)
    db.flush()
    add_question(db, site, vote, text=question, options=options, district=None)
    return vote


def add_question(
    db: Session, site: Site, vote: Vote, *, text: str, options: Sequence[str], district: str | None
) -> Question:
    options = [o.strip() for o in options if o.strip()]
    if len(options) < 2:
        raise VoteRefused(_("A question needs at least two answers."), "options")
    if district is not None and site.config.district(district) is None:
        raise VoteRefused(_("Choose among the options shown."), "district")
    if any(q.district == district for q in vote.questions if district is not None):
        raise VoteRefused(_("{site.district:This} already has a local question."), "district")
    if vote.results_published_at is not None or has_marks(db, vote):
        raise VoteRefused(_("Voting has started: the questions can no longer change."))
    question = Question(
        vote_id=vote.id, position=len(vote.questions) + 1, district=district, text=text, options=options
    )
    vote.questions.append(question)
    db.flush()
    return question


def questions_for(vote: Vote, district: str) -> list[Question]:
    """The questions a ballot of ``district`` holds: the city-wide ones, then its local one."""
    return [q for q in vote.questions if q.district in (None, district)]


def add_place(
    db: Session,
    site: Site,
    vote: Vote,
    *,
    name: str,
    district: str,
    address: str = "",
    sections: Iterable[str] = (),
) -> Place:
    if site.config.district(district) is None:
        raise VoteRefused(_("Choose among the options shown."), "district")
    place = Place(vote_id=vote.id, name=name, district=district, address=address)
    vote.places.append(place)
    db.flush()
    set_sections(db, vote, place, sections)
    return place


def set_sections(db: Session, vote: Vote, place: Place, sections: Iterable[str]) -> None:
    wanted = sorted({s.strip() for s in sections if s.strip()})
    taken = dict(
        db.execute(
            select(PlaceSection.section, Place.name)
            .join(Place, Place.id == PlaceSection.place_id)
            .where(PlaceSection.vote_id == vote.id, PlaceSection.section.in_(wanted), Place.id != place.id)
        ).all()
    )
    if taken:
        section, other = next(iter(sorted(taken.items())))
        raise VoteRefused(
            _("The section {section} already votes at {place}.").format(section=section, place=other),
            "sections",
        )
    db.execute(delete(PlaceSection).where(PlaceSection.place_id == place.id))
    db.add_all(PlaceSection(vote_id=vote.id, place_id=place.id, section=s) for s in wanted)
    db.flush()


def place_by_public_id(db: Session, vote: Vote, public_id: str) -> Place | None:
    return db.scalar(
        select(Place)
        .where(Place.vote_id == vote.id, Place.public_id == public_id)
        .options(selectinload(Place.sections), selectinload(Place.counts))
    )


def place_of_section(db: Session, vote: Vote, section: str) -> Place | None:
    return db.scalar(
        select(Place)
        .join(PlaceSection, PlaceSection.place_id == Place.id)
        .where(PlaceSection.vote_id == vote.id, PlaceSection.section == section.strip())
    )


def add_clerk(db: Session, place: Place, account_id: int) -> None:
    if db.scalar(select(Clerk.id).where(Clerk.place_id == place.id, Clerk.account_id == account_id)) is None:
        db.add(Clerk(place_id=place.id, account_id=account_id))
        db.flush()


def is_clerk(db: Session, place: Place, account_id: int | None) -> bool:
    if account_id is None:
        return False
    found = select(Clerk.id).where(Clerk.place_id == place.id, Clerk.account_id == account_id)
    return db.scalar(found) is not None


def clerk_places(db: Session, vote: Vote, account_id: int) -> list[Place]:
    return list(
        db.scalars(
            select(Place)
            .join(Clerk, Clerk.place_id == Place.id)
            .where(Place.vote_id == vote.id, Clerk.account_id == account_id)
            .order_by(Place.district, Place.name)
        )
    )


# -- the roll ----------------------------------------------------------------------------------


@dataclass(slots=True)
class RollReport:
    rows: int
    sha256: str


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def read_roll(site: Site, content: bytes, *, cutoff: date) -> list[dict[str, Any]]:
    """Every row of a roll CSV, checked; raise ``VoteRefused`` listing each bad line (the header
    is line 1) and import nothing."""
    problems = ProblemCollector()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VoteRefused(_("The roll must be a UTF-8 CSV file."), "file") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in ROLL_COLUMNS if c not in header]
    for column in missing:
        problems.add(1, _("no column named {column}").format(column=column))
    if problems:
        _refuse(problems)
    at = {c: header.index(c) for c in ROLL_COLUMNS}
    districts = {d.code for d in site.config.districts}
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for line, raw in enumerate(reader, start=2):
        if not raw or all(not cell.strip() for cell in raw):
            continue
        if len(raw) != len(header):
            problems.add(
                line, _("{count} values instead of {expected}").format(count=len(raw), expected=len(header))
            )
            continue
        row: dict[str, Any] = {c: raw[i].strip() for c, i in at.items()}
        born = _parse_date(row["birth_date"])
        if not row["number"]:
            problems.add(line, _("empty roll number"))
        elif row["number"] in seen:
            problems.add(line, _("the roll number {number} appears twice").format(number=row["number"]))
        seen.add(row["number"])
        if not row["family_name"]:
            problems.add(line, _("empty family name"))
        if born is None:
            problems.add(line, _("the birth date is not a date (YYYY-MM-DD)"))
        elif born > cutoff:
            problems.add(line, _("born after the roll's cut-off date"))
        if not row["section"]:
            problems.add(line, _("empty section"))
        if row["district"] not in districts:
            problems.add(line, _("unknown {site.district}: {code}").format(code=row["district"]))
        row["birth_date"] = born
        rows.append(row)
    if not rows and not problems:
        problems.add(0, _("the roll has no elector"))
    if problems:
        _refuse(problems)
    return rows


def _refuse(problems: ProblemCollector) -> None:
    lines = [str(p) for p in problems.problems]
    if problems.extra:
        lines.append(_("... and {count} more.").format(count=problems.extra))
    raise VoteRefused(
        _("The roll is refused, nothing was imported: {count} problem(s).").format(
            count=len(problems.problems) + problems.extra
        ),
        "file",
        details=lines,
    )


def import_roll(
    db: Session, site: Site, vote: Vote, content: bytes, *, cutoff: date, progress: Any = None
) -> RollReport:
    """Replace the vote's roll with ``content`` (all or nothing), frozen at ``cutoff``; its
    SHA-256 is published."""
    if has_marks(db, vote) or vote.results_published_at is not None:
        raise VoteRefused(_("Voting has started: the roll is frozen."))
    rows = read_roll(site, content, cutoff=cutoff)
    db.execute(delete(RollEntry).where(RollEntry.vote_id == vote.id))
    for start in range(0, len(rows), CHUNK):
        db.execute(insert(RollEntry), [{"vote_id": vote.id, **r} for r in rows[start : start + CHUNK]])
        if progress is not None:
            progress(min(100.0, 100.0 * (start + CHUNK) / len(rows)))
    vote.roll_sha256 = hashlib.sha256(content).hexdigest()
    vote.roll_count = len(rows)
    vote.roll_cutoff = cutoff
    db.flush()
    return RollReport(len(rows), vote.roll_sha256)


def private_folder(site: Site) -> Path:
    folder = Path(site.settings("citizen_vote").private_dir) / "rolls"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def registered_by_district(db: Session, vote: Vote) -> dict[str, int]:
    rows = db.execute(
        select(RollEntry.district, func.count())
        .where(RollEntry.vote_id == vote.id)
        .group_by(RollEntry.district)
    )
    return {d: int(n) for d, n in rows}


# -- the poll book -----------------------------------------------------------------------------


def has_marks(db: Session, vote: Vote) -> bool:
    return vote.id is not None and pollbook.count_marks(db, vote.poll) > 0


def find_electors(
    db: Session, vote: Vote, *, name: str = "", born: date | None = None, number: str = "", limit: int = 20
) -> list[RollEntry]:
    """Electors by roll number, or by family name (case-insensitive, exact) and birth date."""
    query = select(RollEntry).where(RollEntry.vote_id == vote.id)
    if number.strip():
        query = query.where(RollEntry.number == number.strip())
    elif name.strip() and born is not None:
        query = query.where(
            func.lower(RollEntry.family_name) == name.strip().lower(), RollEntry.birth_date == born
        )
    else:
        return []
    return list(db.scalars(query.order_by(RollEntry.family_name, RollEntry.given_name).limit(limit)))


def vote_open(vote: Vote, now: datetime) -> bool:
    return vote.opens_at <= now < vote.closes_at


def mark_elector(
    db: Session, vote: Vote, place: Place, entry: RollEntry, actor: Actor, *, now: datetime
) -> pollbook.Mark:
    """Mark the elector as having voted at ``place``: refused if the vote is not open, if the
    elector votes at another place, or if anyone marked them already (``AlreadyMarked``)."""
    if not vote_open(vote, now):
        raise VoteRefused(_("The poll book opens with the vote and closes with it."))
    if entry.vote_id != vote.id:
        raise VoteRefused(_("This elector is not on this vote's roll."))
    served = {s.section for s in place.sections}
    if served and entry.section not in served:
        other = place_of_section(db, vote, entry.section)
        where = other.name if other is not None else _("no voting place")
        raise VoteRefused(
            _("This elector votes at {place} (section {section}).").format(place=where, section=entry.section)
        )
    return pollbook.mark(
        db,
        vote.poll,
        str(entry.id),
        channel=pollbook.Channel.IN_PERSON,
        at=now,
        place=place.public_id,
        by=actor.account,
    )


# -- online ballots ----------------------------------------------------------------------------

ONLINE = "online"  # the poll book's place of online votes, and the results' row for them


def find_elector_online(db: Session, vote: Vote, *, number: str, family_name: str, born: date) -> RollEntry:
    """The roll entry the voter names (roll number, family name and birth date must all match)."""
    entry = db.scalar(
        select(RollEntry).where(RollEntry.vote_id == vote.id, RollEntry.number == number.strip())
    )
    if entry is None or entry.family_name.lower() != family_name.strip().lower() or entry.birth_date != born:
        raise VoteRefused(_("No elector on the roll matches these details."), "number")
    return entry


def cast_online(
    db: Session,
    vote: Vote,
    entry: RollEntry,
    choices: Mapping[int, int | None],
    *,
    now: datetime,
    person_id: int | None = None,
) -> None:
    """Mark the elector in the poll book (channel online) and store one anonymous ballot per
    question of their district; refused if the vote is not open online or they already voted
    (in person or online). The ballots carry a random id and the choice only."""
    import secrets

    if not vote.online:
        raise VoteRefused(_("This vote is in person only."))
    if not vote_open(vote, now):
        raise VoteRefused(_("The vote is not open."))
    questions = questions_for(vote, entry.district)
    for question in questions:
        choice = choices.get(question.id)
        if choice is not None and not 0 <= choice < len(question.options):
            raise VoteRefused(_("Choose among the options shown."), f"q{question.id}", status_code=400)
    pollbook.mark(
        db,
        vote.poll,
        str(entry.id),
        channel=pollbook.Channel.ONLINE,
        at=now,
        place=ONLINE,
        person_id=person_id,
    )
    db.execute(
        insert(OnlineBallot),
        [{"id": secrets.token_hex(16), "question_id": q.id, "choice": choices.get(q.id)} for q in questions],
    )


def online_rows(db: Session, vote: Vote) -> list[dict[str, Any]]:
    """The online ballots as one more "place" of the published counts."""
    counts: dict[tuple[int, int | None], int] = {
        (q, c): int(n)
        for q, c, n in db.execute(
            select(OnlineBallot.question_id, OnlineBallot.choice, func.count())
            .join(Question, Question.id == OnlineBallot.question_id)
            .where(Question.vote_id == vote.id)
            .group_by(OnlineBallot.question_id, OnlineBallot.choice)
        )
    }
    marks = pollbook.marks_by_place(db, vote.poll).get(ONLINE, 0)
    rows = []
    for question in vote.questions:
        options = [counts.get((question.id, i), 0) for i in range(len(question.options))]
        blank = counts.get((question.id, None), 0)
        if not sum(options) + blank:
            continue
        rows.append(
            {
                "place": ONLINE,
                "place_id": ONLINE,
                "district": question.district or "",
                "question": question.position,
                "question_text": question.text,
                "registered": 0,
                "marks": marks,
                "ballots": sum(options) + blank,
                "blank": blank,
                "null": 0,
                **{f"option_{i + 1}": n for i, n in enumerate(options)},
                "options": list(question.options),
            }
        )
    return rows


# -- counts ------------------------------------------------------------------------------------


@dataclass(slots=True)
class CountInput:
    ballots: int
    #: {question id: (votes per option, blank, null)}
    figures: Mapping[int, tuple[Sequence[int], int, int]] = field(default_factory=dict)


def check_count(questions: Sequence[Question], data: CountInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.ballots < 0:
        errors["ballots"] = _("Enter a number of at least {minimum}.").format(minimum=0)
    for question in questions:
        votes, blank, null = data.figures.get(question.id, ([0] * len(question.options), 0, 0))
        if any(n < 0 for n in (*votes, blank, null)):
            errors[f"q{question.id}"] = _("Enter a number of at least {minimum}.").format(minimum=0)
        elif sum(votes) + blank + null != data.ballots:
            errors[f"q{question.id}"] = _(
                "The answers, blank and null ballots add up to {total}, not the {count} ballots."
            ).format(total=sum(votes) + blank + null, count=data.ballots)
    return errors


def enter_count(
    db: Session, vote: Vote, place: Place, actor: Actor, data: CountInput, *, now: datetime
) -> CountEntry:
    """Record (or correct) this official's entry of the place's count; two officials at most."""
    assert actor.account is not None
    if now < vote.closes_at:
        raise VoteRefused(_("Counts are entered once the vote has closed."))
    if vote.results_published_at is not None:
        raise VoteRefused(_("The results are published: counts can no longer change."))
    questions = questions_for(vote, place.district)
    errors = check_count(questions, data)
    if errors:
        name, message = next(iter(errors.items()))
        raise VoteRefused(message, name, status_code=400)
    figures = {
        str(q.id): {
            "options": list(data.figures[q.id][0]) if q.id in data.figures else [0] * len(q.options),
            "blank": data.figures[q.id][1] if q.id in data.figures else 0,
            "null": data.figures[q.id][2] if q.id in data.figures else 0,
        }
        for q in questions
    }
    mine = next((c for c in place.counts if c.entered_by_id == actor.account.id), None)
    if mine is None:
        taken = {c.slot for c in place.counts}
        if len(taken) >= 2:
            raise VoteRefused(_("Two officials have already entered this place's count."))
        mine = CountEntry(place_id=place.id, slot=1 if 1 not in taken else 2, entered_by_id=actor.account.id)
        place.counts.append(mine)
    mine.ballots, mine.figures, mine.entered_at = data.ballots, figures, now
    db.flush()
    return mine


@dataclass(frozen=True, slots=True)
class PlaceState:
    """ "missing", "waiting" (one entry), "agreed" or "mismatch" (the entries differ); and the
    poll book's marks against the ballots (``gap``: ballots minus marks, once agreed)."""

    status: str
    marks: int
    gap: int | None = None

    @property
    def needs_reason(self) -> bool:
        return self.status == "agreed" and bool(self.gap)


def place_state(place: Place, marks: int) -> PlaceState:
    counts = place.counts
    if not counts:
        return PlaceState("missing", marks)
    if len(counts) == 1:
        return PlaceState("waiting", marks)
    a, b = counts[0], counts[1]
    if (a.ballots, a.figures) != (b.ballots, b.figures):
        return PlaceState("mismatch", marks)
    return PlaceState("agreed", marks, a.ballots - marks)


def set_mismatch_reason(place: Place, reason: str) -> None:
    if not reason.strip():
        raise VoteRefused(_("Say why the ballots and the poll book differ."), "reason")
    place.mismatch_reason = reason.strip()[:2000]


def publish(db: Session, vote: Vote, *, now: datetime) -> None:
    if now < vote.closes_at:
        raise VoteRefused(_("Results are published once the vote has closed."))
    marks = pollbook.marks_by_place(db, vote.poll)
    for place in vote.places:
        state = place_state(place, marks.get(place.public_id, 0))
        if state.status != "agreed":
            raise VoteRefused(_("The count of {place} is not agreed yet.").format(place=place.name))
        if state.needs_reason and not place.mismatch_reason:
            raise VoteRefused(
                _("At {place} the ballots and the poll book differ: say why first.").format(place=place.name)
            )
    vote.results_published_at = now
    db.flush()


# -- results -----------------------------------------------------------------------------------


def place_rows(db: Session, vote: Vote) -> list[dict[str, Any]]:
    """The published per-place counts (open data): one row per place and question."""
    marks = pollbook.marks_by_place(db, vote.poll)
    registered = registered_by_place(db, vote)
    rows = []
    for place in vote.places:
        if len(place.counts) < 1:
            continue
        entry = place.counts[0]
        for question in questions_for(vote, place.district):
            figures = entry.figures.get(str(question.id))
            if figures is None:
                continue
            rows.append(
                {
                    "place": place.name,
                    "place_id": place.public_id,
                    "district": place.district,
                    "question": question.position,
                    "question_text": question.text,
                    "registered": registered.get(place.id, 0),
                    "marks": marks.get(place.public_id, 0),
                    "ballots": entry.ballots,
                    "blank": figures["blank"],
                    "null": figures["null"],
                    **{f"option_{i + 1}": n for i, n in enumerate(figures["options"])},
                    "options": list(question.options),
                }
            )
    return rows + (online_rows(db, vote) if vote.online else [])


def registered_by_place(db: Session, vote: Vote) -> dict[int, int]:
    rows = db.execute(
        select(PlaceSection.place_id, func.count())
        .join(
            RollEntry,
            (RollEntry.vote_id == PlaceSection.vote_id) & (RollEntry.section == PlaceSection.section),
        )
        .where(PlaceSection.vote_id == vote.id)
        .group_by(PlaceSection.place_id)
    )
    return {p: int(n) for p, n in rows}


@dataclass(slots=True)
class Total:
    """A question's totals over some places: votes per option, blank, null, ballots, registered."""

    options: list[int]
    blank: int = 0
    null: int = 0
    ballots: int = 0
    registered: int = 0

    def share(self, index: int) -> float:
        expressed = sum(self.options)
        return self.options[index] / expressed if expressed else 0.0

    @property
    def turnout(self) -> float:
        return self.ballots / self.registered if self.registered else 0.0


def tally(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[int, str | None], Total]:
    """Sum per-place rows into totals per (question, district) and per (question, None) for all
    places: pure, so ``parvis vote tally FILE`` recomputes the published result from open data."""
    totals: dict[tuple[int, str | None], Total] = {}
    for row in rows:
        count = sum(1 for key in row if str(key).startswith("option_"))
        options = [int(row[f"option_{i + 1}"]) for i in range(count)]
        for key in ((int(row["question"]), str(row["district"])), (int(row["question"]), None)):
            total = totals.setdefault(key, Total([0] * len(options)))
            total.options = [a + b for a, b in zip(total.options, options, strict=True)]
            total.blank += int(row["blank"])
            total.null += int(row["null"])
            total.ballots += int(row["ballots"])
            total.registered += int(row["registered"])
    return totals


def turnout_by_district(db: Session, vote: Vote) -> list[tuple[str, int, int]]:
    """(district, electors marked, registered) for every district with electors."""
    registered = registered_by_district(db, vote)
    district_of = {p.public_id: p.district for p in vote.places}
    voted: dict[str, int] = {}
    for place, n in pollbook.marks_by_place(db, vote.poll).items():
        district = district_of.get(place)
        if district is not None:
            voted[district] = voted.get(district, 0) + n
    return [
        (d, voted.get(d, 0), n) for d, n in sorted(registered.items(), key=lambda x: _district_order(x[0]))
    ]


def _district_order(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)


# -- retention ---------------------------------------------------------------------------------


def purge(db: Session, site: Site, now: datetime) -> int:
    """Delete the roll and the poll book of votes past their retention."""
    from datetime import timedelta

    keep = timedelta(days=site.settings("citizen_vote").roll_retention_days)
    removed = 0
    for vote in db.scalars(select(Vote).where(Vote.closes_at < now - keep, Vote.roll_count > 0)):
        removed += rows_affected(db.execute(delete(RollEntry).where(RollEntry.vote_id == vote.id)))
        pollbook.forget_poll(db, vote.poll)
        vote.roll_count = 0
    db.flush()
    return removed
