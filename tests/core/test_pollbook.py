"""The poll book: one mark per elector and poll, a database guarantee, under real concurrency.

Runs on SQLite, and on PostgreSQL when $PARVIS_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from parvis.api import pollbook
from parvis.identity import Account
from parvis.pollbook.models import PollMark
from parvis.testing import run_concurrently

AT = datetime(2024, 2, 4, 9, 30, tzinfo=UTC)


def test_a_second_mark_is_refused_with_who_marked_and_when(db, make_account):
    clerk, other = make_account(given_name="Ada", family_name="Clerk"), make_account()
    first = pollbook.mark(db, "vote:1", "E1", channel="in_person", at=AT, place="p1", by=clerk)
    assert first.fresh
    with pytest.raises(pollbook.AlreadyMarked) as refused:
        pollbook.mark(db, "vote:1", "E1", channel="in_person", at=AT, place="p2", by=other)
    existing = refused.value.existing
    assert (existing.marked_by_name, existing.place, existing.marked_at) == (clerk.display_name, "p1", AT)
    assert clerk.display_name in refused.value.message
    # Another poll, another elector: no conflict.
    pollbook.mark(db, "vote:2", "E1", channel="online", at=AT)
    pollbook.mark(db, "vote:1", "E2", channel="in_person", at=AT, place="p1")
    assert pollbook.marks_by_place(db, "vote:1") == {"p1": 2}
    assert pollbook.marks_by_channel(db, "vote:1") == {"in_person": 2}
    assert pollbook.count_marks(db, "vote:2") == 1


def test_same_channel_may_be_accepted_but_another_channel_is_refused(db):
    pollbook.mark(db, "budget:1", "person:5", channel="online", at=AT, same_channel_ok=True)
    again = pollbook.mark(db, "budget:1", "person:5", channel="online", at=AT, same_channel_ok=True)
    assert not again.fresh
    with pytest.raises(pollbook.AlreadyMarked):
        pollbook.mark(db, "budget:1", "person:5", channel="paper", at=AT, same_channel_ok=True)


def test_retention_purges_a_polls_marks_once_past(db, site):
    from parvis.pollbook.service import purge_expired

    pollbook.open_poll(db, "vote:old", title="Old", keep_until=AT)
    pollbook.open_poll(db, "vote:new", title="New", keep_until=AT + timedelta(days=30))
    pollbook.mark(db, "vote:old", "E1", channel="in_person", at=AT)
    pollbook.mark(db, "vote:new", "E1", channel="in_person", at=AT)
    assert purge_expired(db, AT + timedelta(days=1)) == 1
    assert pollbook.count_marks(db, "vote:old") == 0
    assert pollbook.count_marks(db, "vote:new") == 1
    assert pollbook.forget_poll(db, "vote:new") == 1


def test_concurrent_marks_of_one_elector_store_exactly_one(site, db, make_account):
    """Twenty clerks mark the same elector at the same moment: one mark, nineteen refusals."""
    clerks = [make_account(given_name=f"Clerk{n}") for n in range(20)]
    ids = [c.id for c in clerks]

    def attempt(account_id: int):
        def job(session):
            # run_concurrently releases every job at once, before its first query: on SQLite a
            # writer holds the lock from its BEGIN.
            clerk = session.get(Account, account_id)
            return pollbook.mark(
                session, "vote:race", "E42", channel="in_person", at=AT, place=f"p{account_id}", by=clerk
            )

        return job

    results, errors = run_concurrently(site, [attempt(i) for i in ids])
    assert len(results) == 1, errors[:3]
    assert len(errors) == len(ids) - 1
    assert all(isinstance(e, pollbook.AlreadyMarked) for e in errors), {type(e) for e in errors}
    winner = results[0]
    assert all(e.existing.marked_by_name == winner.marked_by_name for e in errors)
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(PollMark)) == 1
