"""Benchmark: does one held lock stall the other pages of a web worker?

    python bench/ops/lock_stall.py                           # PostgreSQL, 5 s lock
    python bench/ops/lock_stall.py --engine sqlite
    python bench/ops/lock_stall.py --hold 5 --casters 4 --readers 4
    PARVIS_BENCH_POSTGRES=postgresql://postgres@localhost/parvis_bench_ops python bench/ops/lock_stall.py

Builds a fresh database with the real migrations, a budget campaign whose vote is open (30
projects on the all-city ballot) and signed-in voters, then starts ``parvis serve --production
--workers 1`` (one uvicorn worker: every request shares one event loop). Readers load pages that
need no lock (the home page, the campaign's page, a voter's ballots page, /healthz) in a loop
while voters cast ballots. After a quiet period, "an official" takes the campaign's lock in
another connection and holds it for ``--hold`` seconds (PostgreSQL: ``SELECT ... FOR UPDATE``, as
``ensure_rules_editable`` does; SQLite: a write transaction, which is SQLite's only lock). Casts
wait for it (their ``FOR KEY SHARE`` read, or SQLite's ``BEGIN IMMEDIATE``).

It prints the readers' latencies before and while the lock is held, and the casts'. Target: while
the lock is held, the readers' p99 stays under 100 ms; exits with status 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "budget"))

from http_cast import (  # noqa: E402 - the HTTP client and the voters' setup of the cast bench
    Connection,
    build_get,
    build_post,
    csrf_token,
    free_port,
    percentile,
    prepare,
    start_server,
)

DEFAULT_PG = "postgresql://postgres@localhost/parvis_bench_ops"
TARGET_P99_MS = 100.0


def fresh_database(engine: str, folder: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{folder}/lock_stall.sqlite3"
    url = make_url(os.environ.get("PARVIS_BENCH_POSTGRES", DEFAULT_PG)).set(drivername="postgresql+psycopg")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    return url.render_as_string(hide_password=False)


def hold_lock(database_url: str, slug: str, seconds: float, taken: threading.Event) -> None:
    """An official's transaction: lock the campaign, keep the lock ``seconds``, then commit."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            connection.execute(text("UPDATE budget_campaign SET title = title WHERE slug = :s"), {"s": slug})
        else:
            connection.execute(text("SELECT id FROM budget_campaign WHERE slug = :s FOR UPDATE"), {"s": slug})
        taken.set()
        time.sleep(seconds)
        connection.commit()
    engine.dispose()


def wait_until_up(port: int, server: object) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if b"200" in sock.recv(100):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:  # type: ignore[attr-defined]
            raise RuntimeError("the server did not start")
        time.sleep(0.2)


async def run(args: argparse.Namespace, port: int, database_url: str, slug: str, fields, tokens) -> dict:
    csrf = await csrf_token(port, slug, tokens[0])
    reader_pages = ["/en/", f"/en/budget/{slug}", f"/en/budget/{slug}/vote", "/healthz"]
    samples: list[tuple[float, float, str]] = []  # (start, latency, kind)
    casts: list[tuple[float, float, int]] = []  # (start, latency, status)
    stop = asyncio.Event()
    voters = iter(tokens[1:])

    async def reader(index: int) -> None:
        connection = Connection(port)
        token = tokens[0]
        n = index
        while not stop.is_set():
            path = reader_pages[n % len(reader_pages)]
            n += 1
            start = time.perf_counter()
            status, _headers, body = await connection.request(build_get(path, f"parvis_session={token}"))
            samples.append((start, time.perf_counter() - start, path))
            if status != 200:
                print(f"reader: {status} on {path}: {body[:200]!r}", file=sys.stderr)
            await asyncio.sleep(args.think)

    async def caster() -> None:
        connection = Connection(port)
        while not stop.is_set():
            token = next(voters, None)
            if token is None:
                return
            grades = urlencode(dict.fromkeys(fields, "2"))
            raw = build_post(
                f"/en/budget/{slug}/vote/city/cast",
                f"parvis_session={token}; parvis_csrf={csrf}",
                csrf,
                grades,
            )
            start = time.perf_counter()
            status, _headers, body = await connection.request(raw)
            casts.append((start, time.perf_counter() - start, status))
            if status != 200:
                print(f"cast: {status}: {body[:200]!r}", file=sys.stderr)
            await asyncio.sleep(args.think)

    warm = Connection(port)  # compile every template once before measuring
    for path in reader_pages:
        await warm.request(build_get(path, f"parvis_session={tokens[0]}"))
    await warm.close()
    tasks = [asyncio.create_task(reader(i)) for i in range(args.readers)]
    tasks += [asyncio.create_task(caster()) for _ in range(args.casters)]
    await asyncio.sleep(args.quiet)
    taken = threading.Event()
    locker = asyncio.create_task(asyncio.to_thread(hold_lock, database_url, slug, args.hold, taken))
    await asyncio.to_thread(taken.wait)
    lock_started = time.perf_counter()
    await locker
    lock_ended = time.perf_counter()
    await asyncio.sleep(1.0)  # casts that waited finish
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
    return {
        "samples": samples,
        "casts": casts,
        "lock": (lock_started, lock_ended),
    }


def figures(latencies: list[float]) -> str:
    if not latencies:
        return "no requests"
    p50, p99 = (percentile(latencies, q) * 1000 for q in (0.5, 0.99))
    worst = max(latencies) * 1000
    return f"{len(latencies):5,} requests  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  max {worst:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--hold", type=float, default=5.0, help="seconds the official holds the lock")
    parser.add_argument("--quiet", type=float, default=3.0, help="seconds of load before the lock")
    parser.add_argument("--readers", type=int, default=4, help="connections loading pages that need no lock")
    parser.add_argument("--casters", type=int, default=4, help="connections casting ballots")
    parser.add_argument("--think", type=float, default=0.02, help="pause between a client's requests (s)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        database_url = fresh_database(args.engine, folder)
        slug, fields, tokens = prepare(database_url, 2000)
        port = free_port()
        server = start_server(database_url, port, 1)
        try:
            wait_until_up(port, server)
            result = asyncio.run(run(args, port, database_url, slug, fields, tokens))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)

    lock_started, lock_ended = result["lock"]

    def split(rows: list[tuple[float, float, object]]) -> tuple[list[float], list[float]]:
        """(requests answered before the lock was taken, requests in flight while it was held)."""
        before = [lat for start, lat, _ in rows if start + lat < lock_started]
        during = [lat for start, lat, _ in rows if start < lock_ended and start + lat > lock_started]
        return before, during

    before, during = split(result["samples"])
    casts_before, casts_during = split(result["casts"])
    statuses = sorted({status for _, _, status in result["casts"]})
    print(
        f"{args.engine}, one uvicorn worker, {args.readers} readers + {args.casters} casters, "
        f"lock held {lock_ended - lock_started:.1f} s"
    )
    print(f"  pages, before the lock:   {figures(before)}")
    print(f"  pages, while it is held:  {figures(during)}")
    for page in sorted({kind for _, _, kind in result["samples"]}):
        rows = [row for row in result["samples"] if row[2] == page]
        print(f"    {page:28} before: {figures(split(rows)[0])}")
    print(f"  casts, before the lock:   {figures(casts_before)}")
    print(f"  casts, while it is held:  {figures(casts_during)}  (statuses {statuses})")
    p99 = percentile(during, 0.99) * 1000 if during else float("inf")
    ok = p99 < TARGET_P99_MS
    print(
        f"  pages' p99 while the lock is held: {p99:.1f} ms (target < {TARGET_P99_MS:.0f} ms): "
        + ("OK" if ok else "STALLED")
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
