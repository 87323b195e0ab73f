"""Results: rows by place and their totals (live turnout is services/turnout.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import pollbook
from parvis.plugins.citizen_vote.models import (
    PlaceSection,
    RollEntry,
    Vote,
)
from parvis.plugins.citizen_vote.services.online import (
    online_rows,
)
from parvis.plugins.citizen_vote.services.votes import (
    questions_for,
)


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
