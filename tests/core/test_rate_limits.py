"""Rate limits counted in the database: atomic under concurrency (several web nodes share them),
per window, and part of the caller's transaction."""

import threading
from datetime import timedelta

from sqlalchemy import select

from parvis.rate_limits import RateCounter, hit

WINDOW = timedelta(minutes=60)


def test_forty_simultaneous_hits_let_exactly_the_limit_through(site, db):
    barrier = threading.Barrier(40)
    allowed: list[bool] = []

    def attempt() -> None:
        with site.session() as session:
            barrier.wait()
            allowed.append(hit(session, site, "test:race", limit=5, window=WINDOW))
            session.commit()

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 35 + [True] * 5
    db.commit()
    assert db.scalar(select(RateCounter.count).where(RateCounter.key == "test:race")) == 40


def test_a_new_window_starts_afresh_and_old_ones_are_forgotten(site, db, clock):
    assert [hit(db, site, "test:window", limit=2, window=WINDOW) for _ in range(3)] == [True, True, False]
    clock.advance(WINDOW)
    assert hit(db, site, "test:window", limit=2, window=WINDOW)
    clock.advance(timedelta(days=2))
    assert hit(db, site, "test:other", limit=2, window=WINDOW)
    db.flush()
    assert db.scalars(select(RateCounter.key)).all() == ["test:other"]


def test_a_rolled_back_request_did_not_count(site, db):
    hit(db, site, "test:rollback", limit=1, window=WINDOW)
    db.rollback()
    assert hit(db, site, "test:rollback", limit=1, window=WINDOW)
