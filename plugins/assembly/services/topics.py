"""Choosing a workshop's topic by a members' vote.

Deliberation workshop: the Mayor proposes a list, members choose. Exploration workshop: members
propose topics, an official checks each is within the City's competences, members choose among
the admissible ones. One vote per member and poll, guaranteed by a unique constraint; the topic
with most votes wins, and a tie is left for the officials to settle among the tied topics.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import _, utcnow
from parvis.api.bodies import Group, Membership, MembershipStatus
from parvis.plugins.assembly.kinds import DELIBERATION
from parvis.plugins.assembly.lifecycle import POLL, set_state
from parvis.plugins.assembly.models import (
    AssemblyGroupMember,
    AssemblyTopic,
    AssemblyTopicPoll,
    AssemblyTopicVote,
    PollStatus,
    TopicSource,
)
from parvis.plugins.assembly.services.common import AssemblyError, settings_of

if TYPE_CHECKING:
    from parvis.api import Site


def poll_for(db: Session, group: Group) -> AssemblyTopicPoll:
    poll = db.scalar(select(AssemblyTopicPoll).where(AssemblyTopicPoll.group_id == group.id))
    if poll is None:
        poll = AssemblyTopicPoll(group_id=group.id)
        db.add(poll)
        db.flush()
    return poll


def find_poll(db: Session, group: Group) -> AssemblyTopicPoll | None:
    return db.scalar(select(AssemblyTopicPoll).where(AssemblyTopicPoll.group_id == group.id))


def add_topic(
    db: Session,
    poll: AssemblyTopicPoll,
    *,
    title: str,
    description: str = "",
    source: TopicSource,
    proposed_by_id: int | None = None,
) -> AssemblyTopic:
    """The Mayor's topics are admissible by definition; members' proposals wait for a check."""
    title = (title or "").strip()
    if not title:
        raise AssemblyError(_("This field is required."), "title")
    if poll.status != PollStatus.DRAFT:
        raise AssemblyError(_("Topics can be added only before the vote opens."))
    topic = AssemblyTopic(
        poll=poll,
        title=title[:200],
        description=(description or "").strip(),
        source=source,
        proposed_by_id=proposed_by_id,
        admissible=True if source == TopicSource.MAYOR else None,
    )
    db.add(topic)
    db.flush()
    return topic


def review(db: Session, topic: AssemblyTopic, *, admissible: bool, note: str = "") -> None:
    """An official's check that a member's proposal is within the City's competences."""
    if topic.poll.status != PollStatus.DRAFT:
        raise AssemblyError(_("Topics can be added only before the vote opens."))
    topic.admissible = admissible
    topic.review_note = (note or "").strip()
    db.flush()


def candidates(poll: AssemblyTopicPoll) -> list[AssemblyTopic]:
    return [t for t in poll.topics if t.admissible]


def open_poll(db: Session, poll: AssemblyTopicPoll, closes_at: datetime | None) -> None:
    if poll.status != PollStatus.DRAFT:
        raise AssemblyError(_("This vote has already been opened."))
    if len(candidates(poll)) < 2:
        raise AssemblyError(_("A vote needs at least two admissible topics."))
    if closes_at is not None and closes_at <= utcnow():
        raise AssemblyError(_("The closing time must be in the future."), "closes_at")
    set_state(db, poll, "open", None, kind=POLL)
    poll.opened_at = utcnow()
    poll.closes_at = closes_at
    db.flush()


def is_open(poll: AssemblyTopicPoll) -> bool:
    return poll.status == PollStatus.OPEN and (poll.closes_at is None or poll.closes_at > utcnow())


def may_vote(db: Session, site: Site, poll: AssemblyTopicPoll, person_id: int | None) -> bool:
    """Active members of the promotion (or only of the workshop, as the settings say)."""
    if person_id is None:
        return False
    group = poll.group
    active = db.scalar(
        select(Membership.id).where(
            Membership.term_id == group.term_id,
            Membership.person_id == person_id,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )
    if active is None:
        return False
    if settings_of(site).topic_vote_electorate == "group":
        return (
            db.scalar(
                select(AssemblyGroupMember.id).where(
                    AssemblyGroupMember.group_id == group.id, AssemblyGroupMember.person_id == person_id
                )
            )
            is not None
        )
    return True


def my_vote(db: Session, poll: AssemblyTopicPoll, person_id: int | None) -> AssemblyTopic | None:
    if person_id is None:
        return None
    return db.scalar(
        select(AssemblyTopic)
        .join(AssemblyTopicVote, AssemblyTopicVote.topic_id == AssemblyTopic.id)
        .where(AssemblyTopicVote.poll_id == poll.id, AssemblyTopicVote.person_id == person_id)
    )


def vote(db: Session, site: Site, poll: AssemblyTopicPoll, person_id: int | None, topic_id: int) -> None:
    if not is_open(poll):
        raise AssemblyError(_("This vote is not open."))
    if not may_vote(db, site, poll, person_id):
        raise AssemblyError(_("Only the members of this promotion may vote."))
    topic = next((t for t in candidates(poll) if t.id == topic_id), None)
    if topic is None:
        raise AssemblyError(_("Choose among the options shown."), "topic")
    try:
        with db.begin_nested():
            db.add(AssemblyTopicVote(poll_id=poll.id, topic_id=topic.id, person_id=person_id))
    except IntegrityError:
        raise AssemblyError(_("You have already voted.")) from None


def results(db: Session, poll: AssemblyTopicPoll) -> list[tuple[AssemblyTopic, int]]:
    counts = dict(
        db.execute(
            select(AssemblyTopicVote.topic_id, func.count())
            .where(AssemblyTopicVote.poll_id == poll.id)
            .group_by(AssemblyTopicVote.topic_id)
        ).all()
    )
    rows = [(t, int(counts.get(t.id, 0))) for t in candidates(poll)]
    return sorted(rows, key=lambda row: (-row[1], row[0].id))


def close_poll(db: Session, poll: AssemblyTopicPoll) -> list[AssemblyTopic]:
    """Close the vote; returns the tied topics when no single topic leads (else chooses it)."""
    if poll.status != PollStatus.OPEN:
        raise AssemblyError(_("This vote is not open."))
    set_state(db, poll, "close", None, kind=POLL)
    poll.closed_at = utcnow()
    rows = results(db, poll)
    best = rows[0][1] if rows else 0
    leaders = [topic for topic, count in rows if count == best]
    if len(leaders) == 1:
        leaders[0].chosen = True
        _name_group(poll, leaders[0])
        db.flush()
        return []
    db.flush()
    return leaders


def settle_tie(db: Session, poll: AssemblyTopicPoll, topic: AssemblyTopic) -> None:
    if poll.status != PollStatus.CLOSED or any(t.chosen for t in poll.topics):
        raise AssemblyError(_("There is no tie to settle."))
    rows = results(db, poll)
    best = rows[0][1] if rows else 0
    if topic not in [t for t, count in rows if count == best]:
        raise AssemblyError(_("Choose among the options shown."), "topic")
    topic.chosen = True
    _name_group(poll, topic)
    db.flush()


def chosen(poll: AssemblyTopicPoll | None) -> AssemblyTopic | None:
    return next((t for t in poll.topics if t.chosen), None) if poll else None


def _name_group(poll: AssemblyTopicPoll, topic: AssemblyTopic) -> None:
    group = poll.group
    group.description = topic.title if not group.description else group.description


def proposals_from_mayor(group: Group) -> bool:
    return group.kind == DELIBERATION
