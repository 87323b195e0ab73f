"""Online ballots: finding the elector, casting the ballot, counting online votes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from parvis.api import _, pollbook
from parvis.plugins.citizen_vote.models import (
    OnlineBallot,
    Question,
    RollEntry,
    Vote,
)
from parvis.plugins.citizen_vote.services.marking import (
    vote_open,
)
from parvis.plugins.citizen_vote.services.votes import (
    VoteRefused,
    questions_for,
)

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
