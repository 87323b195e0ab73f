"""Benchmark: the citizen vote's poll book, on SQLite and PostgreSQL.

    python bench/citizen_vote/pollbook.py                       # SQLite (a file under var/bench)
    python bench/citizen_vote/pollbook.py --engines sqlite,postgresql
    python bench/citizen_vote/pollbook.py --marks 20000 --electors 200000   # smaller
    PARVIS_BENCH_POSTGRES=postgresql://... python bench/citizen_vote/pollbook.py --engines postgresql
    python bench/citizen_vote/pollbook.py --rate 0           # marking as fast as the clerks can

1. **Marking**: 40 voting places, one clerk thread each, mark distinct electors at ``--rate``
   marks a minute in all (each clerk at a steady pace, phases spread), through core's
   ``pollbook.mark`` (one transaction per mark, as a clerk's request commits); one attempt in 50
   is an elector already marked at another place (refused). Prints
   marks per minute and the latency percentiles of one mark (target: 2,000 marks a minute with
   p99 under 200 ms).
2. **Tally**: 1.4 million electors' marks over 200 places, inserted in bulk; then the tally of a
   vote: marks per place (``pollbook.marks_by_place``, one index-only GROUP BY) and the sum of 200
   places' published counts to results per district and city (``services.tally``). Target: under
   1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from parvis import auth, identity  # noqa: E402, F401 - core tables the poll book's refer to
from parvis.db import Base, make_engine  # noqa: E402
from parvis.plugins.citizen_vote import services  # noqa: E402
from parvis.pollbook import AlreadyMarked, PollMark, mark, marks_by_place  # noqa: E402

DEFAULT_PG = "postgresql://postgres@localhost/parvis_bench_pollbook"
AT = datetime(2024, 2, 4, 9, 0, tzinfo=UTC)


def engine_for(name: str):
    if name == "sqlite":
        path = ROOT / "var" / "bench" / "pollbook.sqlite"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return make_engine(f"sqlite:///{path}", pool_size=50, max_overflow=10)
    url = make_url(os.environ.get("PARVIS_BENCH_POSTGRES", DEFAULT_PG))
    admin = create_engine(
        url.set(database="postgres", drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}"'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    return make_engine(str(url), pool_size=45, max_overflow=5)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_marking(engine, marks: int, places: int, rate: float) -> None:
    make_session = sessionmaker(engine, expire_on_commit=False)
    latencies: list[float] = []
    refused = 0
    lock = threading.Lock()
    per_place = marks // places
    barrier = threading.Barrier(places)

    def clerk(place: int) -> None:
        nonlocal refused
        rng = random.Random(place)
        mine: list[float] = []
        refusals = 0
        interval = places * 60.0 / rate if rate else 0.0  # seconds between two marks of one clerk
        barrier.wait()
        begin = time.perf_counter() + rng.uniform(0, interval)
        for n in range(per_place):
            if interval:
                delay = begin + n * interval - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            # Every 50th attempt is an elector another place already marked: refused.
            elector = f"{(place + 1) % places}-0" if n % 50 == 49 else f"{place}-{n}"
            started = time.perf_counter()
            with make_session() as db:
                try:
                    mark(
                        db, "bench:1", elector, channel="in_person", at=AT, place=f"p{place}", by_name="Clerk"
                    )
                    db.commit()
                except AlreadyMarked:
                    db.rollback()
                    refusals += 1
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            refused += refusals

    threads = [threading.Thread(target=clerk, args=(p,)) for p in range(places)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    per_minute = len(latencies) / elapsed * 60
    print(
        f"  marking: {len(latencies)} attempts ({refused} refused) by {places} clerks in {elapsed:.1f} s = "
        f"{per_minute:,.0f} marks/min; latency p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms"
    )


def bench_tally(engine, electors: int, places: int) -> None:
    make_session = sessionmaker(engine)
    started = time.perf_counter()
    with make_session() as db:
        batch = 50_000
        for start in range(0, electors, batch):
            db.execute(
                insert(PollMark),
                [
                    {
                        "poll": "bench:tally",
                        "elector": str(n),
                        "person_id": None,
                        "channel": "in_person",
                        "place": f"p{n % places}",
                        "marked_by_id": None,
                        "marked_by_name": "",
                        "marked_at": AT,
                    }
                    for n in range(start, min(electors, start + batch))
                ],
            )
        db.commit()
        if engine.dialect.name == "postgresql":
            db.execute(text("ANALYZE core_poll_mark"))
            db.commit()
    print(f"  tally: {electors:,} marks inserted in {time.perf_counter() - started:.1f} s")
    best = cpu = float("inf")
    for _ in range(3):
        with make_session() as db:
            started, cpu_started = time.perf_counter(), time.process_time()
            per_place = marks_by_place(db, "bench:tally")
            rows = []
            for p in range(places):
                n = per_place.get(f"p{p}", 0)
                rows.append(
                    {"question": 1, "district": str(p % 20 + 1), "registered": n * 10, "ballots": n,
                     "blank": n // 50, "null": 0, "option_1": n // 2, "option_2": n - n // 2 - n // 50}
                )  # fmt: skip
            totals = services.tally(rows)
            best = min(best, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - cpu_started)
    city = totals[(1, None)]
    assert city.ballots == electors, (city.ballots, electors)
    # On SQLite the work is this process's: its CPU time says what a quiet machine would take.
    print(
        f"  tally: marks per place and totals of {places} places: best of 3 {best * 1000:.0f} ms "
        f"(this process's CPU: {cpu * 1000:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engines", default="sqlite")
    parser.add_argument("--marks", type=int, default=4_000)
    parser.add_argument(
        "--rate", type=float, default=2_000, help="marks a minute in all (0: as fast as possible)"
    )
    parser.add_argument("--places", type=int, default=40)
    parser.add_argument("--electors", type=int, default=1_400_000)
    parser.add_argument("--tally-places", type=int, default=200)
    args = parser.parse_args()
    for name in args.engines.split(","):
        engine = engine_for(name)
        Base.metadata.create_all(
            engine, tables=[t for t in Base.metadata.sorted_tables if t.name.startswith("core_")]
        )
        print(f"{name}:")
        bench_marking(engine, args.marks, args.places, args.rate)
        bench_tally(engine, args.electors, args.tally_places)
        engine.dispose()


if __name__ == "__main__":
    main()
