"""Benchmark: casting ballots over HTTP with the production server, on PostgreSQL.

    python bench/budget/http_cast.py                        # 6,000 voters, 32 connections
    python bench/budget/http_cast.py --voters 20000 --connections 48 --duplicates 0.1
    PARVIS_BENCH_POSTGRES=postgresql://postgres@localhost/parvis_bench_http python bench/budget/http_cast.py

Builds a fresh database with the real migrations, a campaign whose vote is open with 30 projects
on the all-city ballot, and N residents who are signed in (a session each): the harness of
``parvis.testing_cluster`` (``prepare_vote``), which the multi-node test and bench/ops use too. Starts
``parvis serve --production --workers 2`` (uvicorn workers) on a loopback port, then a bounded
asyncio client (keep-alive connections, written on raw sockets so the client costs little of
the machine's 2 cores) posts every voter's ballot to the cast URL, exactly as the ballot form
does. A share of the voters post their ballot twice at the same time. It prints the throughput,
latency percentiles and checks that the database holds exactly one ballot and one voter record
per voter (zero duplicates). Targets: >= 300 ballots/s, p99 <= 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from parvis.testing_cluster import (  # noqa: E402
    CSRF_COOKIE,
    SESSION_COOKIE,
    Connection,
    Vote,
    build_get,
    build_post,
    cpu_seconds,
    csrf_for,
    free_port,
    fresh_database,
    percentile,
    prepare_vote,
    set_cookies,
)

DEFAULT_PG = "postgresql://postgres@localhost/parvis_bench_http"
PROJECTS = 30
# The server's secret key: the bench computes each voter's CSRF token, bound to their session.
SECRET = os.environ.get("PARVIS_SECRET_KEY") or secrets.token_hex(32)


def start_server(database_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PARVIS_DATABASE_URL": database_url,
        "PARVIS_SECRET_KEY": SECRET,
    }
    parvis = Path(sys.executable).with_name("parvis")
    command = [str(parvis), "serve", "--production", "--workers", str(workers), "--port", str(port)]
    return subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)


async def check_csrf_binding(port: int, vote: Vote) -> None:
    """The tokens the bench computes have the shape of those the server issues to a session."""
    connection = Connection(port)
    status, headers, body = await connection.request(
        build_get(vote.vote_path(), f"{SESSION_COOKIE}={vote.tokens[0]}")
    )
    await connection.close()
    assert status == 200, (status, body[:300])
    served = set_cookies(headers).get(CSRF_COOKIE)
    assert served, "no CSRF cookie"
    assert len(served) == len(csrf_for(SECRET, vote.tokens[0]))


async def run_load(
    port: int,
    vote: Vote,
    *,
    connections: int,
    duplicates: float,
    seed: int,
    reconnect_every: int,
) -> tuple[float, list[float], Counter[int], Counter[int], int]:
    rng = random.Random(seed)
    await check_csrf_binding(port, vote)
    jobs: list[tuple[int, bytes]] = []
    for index, token in enumerate(vote.tokens):
        grades = {f: str(rng.choice([0, 1, 2, 3])) for f in vote.fields if rng.random() > 0.05}
        csrf = csrf_for(SECRET, token)  # each voter's own (a token works for its session only)
        raw = build_post(
            vote.cast_path(), f"{SESSION_COOKIE}={token}; {CSRF_COOKIE}={csrf}", csrf, urlencode(grades)
        )
        jobs.append((index, raw))
        if rng.random() < duplicates:
            jobs.append((index, raw))  # the same voter posts again at once (adjacent in the queue)
    queue: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    per_voter: Counter[int] = Counter()

    async def worker() -> None:
        connection = Connection(port)
        served = 0
        while True:
            try:
                index, raw = queue.get_nowait()
            except asyncio.QueueEmpty:
                break
            if served and served % reconnect_every == 0:
                # Voters come from many browsers: open a fresh connection now and then, so that
                # the kernel spreads connections (and so requests) over the server's workers.
                await connection.close()
                connection = Connection(port)
            served += 1
            start = time.perf_counter()
            status, _headers, body = await connection.request(raw)
            latencies.append(time.perf_counter() - start)
            statuses[status] += 1
            if status == 200:
                per_voter[index] += 1
            elif status != 409:
                print(f"unexpected {status}: {body[:200]!r}", file=sys.stderr)
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    return elapsed, latencies, statuses, per_voter, len(jobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=6000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--duplicates", type=float, default=0.1, help="share of voters who post twice at once"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--reconnect-every",
        type=int,
        default=4,
        help="requests per connection before a new one (1: one per voter)",
    )
    args = parser.parse_args()

    database_url = fresh_database(os.environ.get("PARVIS_BENCH_POSTGRES", DEFAULT_PG))
    start = time.perf_counter()
    vote = prepare_vote(database_url, args.voters, projects=PROJECTS)
    print(
        f"prepared {args.voters:,} signed-in voters, {PROJECTS} projects, "
        f"in {time.perf_counter() - start:.1f} s"
    )
    port = free_port()
    server = start_server(database_url, port, args.workers)
    try:
        deadline = time.monotonic() + 240  # a loaded machine starts workers slowly
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    if b"200" in sock.recv(100):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        before = cpu_seconds(server.pid)
        elapsed, latencies, statuses, per_voter, sent = asyncio.run(
            run_load(
                port,
                vote,
                connections=args.connections,
                duplicates=args.duplicates,
                seed=args.seed,
                reconnect_every=args.reconnect_every,
            )
        )
        server_cpu = cpu_seconds(server.pid) - before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)

    engine = create_engine(make_url(database_url).set(drivername="postgresql+psycopg"))
    with engine.connect() as connection:
        from parvis.plugins.budget.models import Ballot, VoterRecord

        ballots = connection.execute(select(func.count()).select_from(Ballot)).scalar_one()
        records = connection.execute(select(func.count()).select_from(VoterRecord)).scalar_one()
    engine.dispose()
    cast = statuses[200]
    rate = cast / elapsed
    p50, p90, p99 = (percentile(latencies, q) * 1000 for q in (0.5, 0.9, 0.99))
    duplicates = sum(1 for n in per_voter.values() if n > 1)
    ok = ballots == records == cast == args.voters and duplicates == 0 and set(statuses) <= {200, 409}
    print(
        f"{sent:,} requests ({sent - args.voters:,} duplicate attempts) "
        f"over {args.connections} connections to "
        f"{args.workers} workers in {elapsed:.1f} s"
    )
    print(
        f"  ballots cast: {cast:,} -> {rate:.0f} ballots/s (target >= 300: {rate / 300:.2f}x); "
        f"all requests {sent / elapsed:.0f}/s"
    )
    print(
        f"  latency p50 {p50:.0f} ms, p90 {p90:.0f} ms, p99 {p99:.0f} ms "
        f"(target p99 <= 200 ms: {p99 / 200:.2f}x)"
    )
    print(
        f"  statuses {dict(statuses)}; database: {ballots:,} ballots, {records:,} voter records, "
        f"duplicates {duplicates}"
    )
    print(
        f"  server CPU: {server_cpu:.1f} s over {elapsed:.1f} s = {server_cpu / elapsed:.2f} cores, "
        f"{server_cpu / sent * 1000:.1f} ms per request"
    )
    print("  OK" if ok and rate >= 300 and p99 <= 200 else "  CHECK: targets or counts not met")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
