"""Benchmark: tally 1,000,000 stored ballots x 30 projects x 4 grades to ranks, on SQLite and PostgreSQL.

    python bench/budget/tally.py                       # SQLite (a file under var/bench) and PostgreSQL
    python bench/budget/tally.py --ballots 200000      # smaller
    python bench/budget/tally.py --engines sqlite
    PARVIS_BENCH_POSTGRES=postgresql://postgres@localhost/parvis_bench_tally python bench/budget/tally.py

The ballots are stored exactly as the plugin stores them (one row per ballot, the grades packed
one byte per project, random ids) and counted by the plugin's own code
(``services.tally.online_tallies``), then ranked by majority judgment (``rules``). The floor is
``np.bincount`` on the same grades already in memory as a numpy array: what no database read can
beat. Figures are printed with their ratio to the floor; the counts are checked against it.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from parvis import auth, identity  # noqa: E402, F401 - core tables the budget's refer to
from parvis.db import Base, make_engine  # noqa: E402
from parvis.decisions import models as decision_models  # noqa: E402, F401
from parvis.plugins.budget import models  # noqa: E402
from parvis.plugins.budget.rules import MAJORITY_JUDGMENT  # noqa: E402
from parvis.plugins.budget.services import tally  # noqa: E402

PROJECTS, GRADES = 30, 4
DEFAULT_PG = "postgresql://postgres@localhost/parvis_bench_tally"


def grades(n: int, seed: int = 2026) -> np.ndarray:
    """Voters with a taste: each project has an appeal, each grade is drawn around it."""
    rng = np.random.default_rng(seed)
    appeal = rng.uniform(0.5, 2.5, PROJECTS)
    drawn = np.rint(rng.normal(appeal, 1.0, size=(n, PROJECTS)))
    return np.clip(drawn, 0, GRADES - 1).astype(np.uint8)


def floor(matrix: np.ndarray) -> tuple[float, list[int]]:
    start = time.perf_counter()
    counts = np.stack([np.bincount(matrix[:, j], minlength=GRADES) for j in range(PROJECTS)])
    ranks = MAJORITY_JUDGMENT.rank(counts.tolist())
    return time.perf_counter() - start, ranks


def prepare(engine, matrix: np.ndarray) -> int:
    """Create the schema and store the ballots; return the campaign id."""
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as db:
        campaign = models.Campaign(
            slug="bench",
            year=2026,
            title="Bench",
            total_amount=0,
            citywide_amount=0,
            rule="majority_judgment_greedy",
            n_grades=GRADES,
        )
        db.add(campaign)
        db.commit()
        campaign_id = campaign.id
    ids = [secrets.token_hex(16) for _ in range(len(matrix))]
    receipts = [secrets.token_hex(32) for _ in range(len(matrix))]
    day = date(2026, 10, 1)
    blobs = [row.tobytes() for row in matrix]
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            with cursor.copy(
                "COPY budget_ballot (id, campaign_id, level, grades, receipt_hash, cast_on) FROM STDIN"
            ) as copy:
                for i in range(len(matrix)):
                    copy.write_row((ids[i], campaign_id, "city", blobs[i], receipts[i], day))
        else:
            cursor.executemany(
                "INSERT INTO budget_ballot (id, campaign_id, level, grades, receipt_hash, cast_on) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (ids[i], campaign_id, "city", blobs[i], receipts[i], day.isoformat())
                    for i in range(len(matrix))
                ),
            )
        raw.commit()
        if engine.dialect.name == "postgresql":
            raw.driver_connection.autocommit = True
            raw.driver_connection.execute("VACUUM ANALYZE budget_ballot")
            raw.driver_connection.autocommit = False
    finally:
        raw.close()
    return campaign_id


def measure(engine, campaign_id: int, repeat: int) -> tuple[float, np.ndarray, list[int], int]:
    best = float("inf")
    for _ in range(repeat):
        with Session(engine) as db:
            start = time.perf_counter()
            counts, n = tally.online_tallies(db, campaign_id, "city", PROJECTS, GRADES)
            ranks = MAJORITY_JUDGMENT.rank(counts.tolist())
            best = min(best, time.perf_counter() - start)
    return best, counts, ranks, n


def engine_for(name: str):
    if name == "sqlite":
        path = ROOT / "var" / "bench" / "tally.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return make_engine(f"sqlite:///{path}")
    url = make_url(os.environ.get("PARVIS_BENCH_POSTGRES", DEFAULT_PG)).set(drivername="postgresql+psycopg")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    return make_engine(url.render_as_string(hide_password=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    matrix = grades(args.ballots)
    floor_time, floor_ranks = min((floor(matrix) for _ in range(args.repeat)), key=lambda r: r[0])
    print(f"{args.ballots:,} ballots x {PROJECTS} projects x {GRADES} grades")
    print(f"  floor (np.bincount on an in-memory array, then ranks): {floor_time:.3f} s")
    expected = np.stack([np.bincount(matrix[:, j], minlength=GRADES) for j in range(PROJECTS)])
    failed = False
    for name in args.engines.split(","):
        engine = engine_for(name)
        start = time.perf_counter()
        campaign_id = prepare(engine, matrix)
        stored = time.perf_counter() - start
        seconds, counts, ranks, n = measure(engine, campaign_id, args.repeat)
        ok = n == args.ballots and (counts == expected).all() and ranks == floor_ranks
        failed |= not ok
        verdict = "ok" if seconds <= 1.0 else "ABOVE the 1 s target"
        print(
            f"  {name:<10} stored in {stored:6.1f} s; tally to ranks {seconds:.3f} s "
            f"({seconds / floor_time:.1f}x the floor) — {verdict}; "
            f"counts {'identical' if ok else 'DIFFERENT'}"
        )
        engine.dispose()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
