"""A vote and its questions: setting them up and finding them. Services never commit (the unit
of work, a job or the demo does)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Refused, _, pollbook
from parvis.plugins.citizen_vote.models import (
    ELECTORATES,
    ROLL,
    Question,
    Vote,
)

if TYPE_CHECKING:
    from parvis.api import Site


class VoteRefused(Refused):
    """A rule of the citizen vote says no."""


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
    electorate: str = ROLL,
    min_age: int = 16,
) -> Vote:
    """A new vote. ``electorate``: ``roll`` (an imported electoral roll) or ``residents`` (the
    consultative variant: residents aged ``min_age`` or more on the vote day)."""
    if closes_at <= opens_at:
        raise VoteRefused(_("The vote must close after it opens."), "closes")
    if vote_by_slug(db, slug) is not None:
        raise VoteRefused(_("Another vote has this address."), "slug")
    if electorate not in ELECTORATES:
        raise VoteRefused(_("Choose among the options shown."), "electorate")
    if not 0 <= min_age <= 120:
        raise VoteRefused(_("Enter an age between 0 and 120."), "min_age")
    vote = Vote(
        slug=slug,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        online=online,
        electorate=electorate,
        min_age=min_age,
        arguments_for=arguments_for,
        arguments_against=arguments_against,
    )
    db.add(vote)
    db.flush()
    add_question(db, site, vote, text=question, options=options, district=None)
    return vote


def has_marks(db: Session, vote: Vote) -> bool:
    return vote.id is not None and pollbook.count_marks(db, vote.poll) > 0


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
