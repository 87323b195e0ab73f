"""Double-entry counts at each place, their agreement, and publishing the results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from parvis.api import Actor, _, pollbook
from parvis.plugins.citizen_vote.models import (
    CountEntry,
    Place,
    Question,
    Vote,
)
from parvis.plugins.citizen_vote.services.votes import (
    VoteRefused,
    questions_for,
)


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
