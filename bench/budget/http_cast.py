"""Benchmark: casting ballots over HTTP with the production server, on PostgreSQL.

    python bench/budget/http_cast.py                        # 6,000 voters, 32 connections
    python bench/budget/http_cast.py --voters 20000 --connections 48 --duplicates 0.1
    PARVIS_BENCH_POSTGRES=postgresql://postgres@localhost/parvis_bench_http python bench/budget/http_cast.py

Builds a fresh database with the real migrations, a campaign whose vote is open with 30 projects
on the all-city ballot, and N residents who are signed in (a session each). Starts
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
import hashlib
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgresql://postgres@localhost/parvis_bench_http"
PROJECTS = 30
# The server's secret key: the bench computes each voter's CSRF token, bound to their session.
SECRET = os.environ.get("PARVIS_SECRET_KEY") or secrets.token_hex(32)
# A production server names its cookies with the __Host- prefix (parvis.web.cookies).
SESSION_COOKIE = "__Host-parvis_session"
CSRF_COOKIE = "__Host-parvis_csrf"


def fresh_database() -> str:
    url = make_url(os.environ.get("PARVIS_BENCH_POSTGRES", DEFAULT_PG)).set(drivername="postgresql+psycopg")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    return url.render_as_string(hide_password=False)


def prepare(database_url: str, voters: int) -> tuple[str, list[str], list[str]]:
    """Schema, campaign and signed-in voters; return (campaign slug, project field names, tokens)."""
    from parvis.auth import AuthSession
    from parvis.db import utcnow
    from parvis.identity import Account, NationalityGroup, Person
    from parvis.migrate import upgrade
    from parvis.plugins.budget.models import PhaseKind
    from parvis.plugins.budget.services import campaigns, projects
    from parvis.site import Site

    site = Site.create(database_url=database_url)
    upgrade(site)
    now = utcnow()
    day = timedelta(days=1)
    with site.session() as db:
        campaign = campaigns.create_campaign(
            db,
            site,
            slug="bench",
            year=now.year,
            title="Budget participatif (banc d'essai)",
            total=75_000_000_00,
            phases={
                PhaseKind.IDEAS: (now - 60 * day, now - 30 * day),
                PhaseKind.VOTE: (now - day, now + 20 * day),
            },
        )
        fields = []
        for n in range(PROJECTS):
            project = projects.create_project(
                db,
                site,
                campaign,
                projects.ProjectInput(
                    f"Projet {n + 1}", "Un projet.", "city", "environment", cost=100_000_00 + n
                ),
            )
            projects.put_on_ballot(db, project)
            fields.append(f"g-{project.public_id}")
        db.commit()
        slug = campaign.slug
    tokens = [secrets.token_urlsafe(32) for _ in range(voters)]
    expires = now + 2 * day
    with site.engine.begin() as connection:
        people = [
            {
                "given_name": f"Votant{i}",
                "family_name": "Banc",
                "birth_date": now.date().replace(year=1980),
                "nationality_group": NationalityGroup.FRENCH,
                "resident": True,
                "district": "11",
                "qpop": False,
                "public_id": secrets.token_urlsafe(10),
                "created_at": now,
                "updated_at": now,
            }
            for i in range(voters)
        ]
        person_ids = connection.execute(insert(Person).returning(Person.id), people).scalars().all()
        accounts = [
            {
                "email": f"votant{i}@example.org",
                "password_hash": "!",
                "display_name": f"Votant {i}",
                "active": True,
                "person_id": person_id,
                "public_id": secrets.token_urlsafe(10),
                "created_at": now,
                "updated_at": now,
            }
            for i, person_id in enumerate(person_ids)
        ]
        account_ids = connection.execute(insert(Account).returning(Account.id), accounts).scalars().all()
        connection.execute(
            insert(AuthSession),
            [
                {
                    "token_hash": hashlib.sha256(t.encode()).hexdigest(),
                    "account_id": a,
                    "created_at": now,
                    "expires_at": expires,
                }
                for t, a in zip(tokens, account_ids, strict=True)
            ],
        )
    site.engine.dispose()
    return slug, fields, tokens


def cpu_seconds(root: int) -> float:
    """User + system CPU time of a process and its children (the server's workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [root]
    seen = set()
    while pids:
        pid = pids.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        pids.extend(int(c) for c in children)
    return total


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PARVIS_DATABASE_URL": database_url,
        "PARVIS_SECRET_KEY": SECRET,
    }
    parvis = Path(sys.executable).with_name("parvis")
    command = [str(parvis), "serve", "--production", "--workers", str(workers), "--port", str(port)]
    return subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)


class Connection:
    """A keep-alive HTTP/1.1 connection that sends a request and reads one response."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(raw)
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        cookies: list[str] = []
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "set-cookie":
                cookies.append(value.strip())
            headers[name.lower()] = value.strip()
        headers["set-cookie"] = "\n".join(cookies)
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        else:  # chunked
            chunks = []
            while size := int((await self.reader.readline()).strip() or b"0", 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            body = b"".join(chunks)
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.writer = None
        return status, headers, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()
            self.writer = None


def build_get(path: str, cookie: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n".encode()


def build_post(path: str, cookie: str, csrf: str, body: str) -> bytes:
    data = body.encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nx-csrftoken: {csrf}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(data)}\r\n\r\n"
    ).encode() + data


async def csrf_token(port: int, slug: str, token: str) -> str:
    connection = Connection(port)
    status, headers, body = await connection.request(
        build_get(f"/en/budget/{slug}/vote/city", f"{SESSION_COOKIE}={token}")
    )
    await connection.close()
    assert status == 200, (status, body[:300])
    for cookie in headers["set-cookie"].splitlines():
        if cookie.startswith(f"{CSRF_COOKIE}="):
            return cookie.split(";")[0].split("=", 1)[1]
    raise RuntimeError("no CSRF cookie")


async def run_load(
    port: int,
    slug: str,
    fields: list[str],
    tokens: list[str],
    *,
    connections: int,
    duplicates: float,
    seed: int,
    reconnect_every: int,
) -> tuple[float, list[float], Counter[int], Counter[int], int]:
    from parvis.web.csrf import new_token

    rng = random.Random(seed)
    served = await csrf_token(port, slug, tokens[0])  # the server issues tokens bound to the session
    assert len(served) == len(new_token(SECRET, tokens[0]))
    jobs: list[tuple[int, bytes]] = []
    for index, token in enumerate(tokens):
        grades = {f: str(rng.choice([0, 1, 2, 3])) for f in fields if rng.random() > 0.05}
        csrf = new_token(SECRET, token)  # each voter's own (a token works for its session only)
        raw = build_post(
            f"/en/budget/{slug}/vote/city/cast",
            f"{SESSION_COOKIE}={token}; {CSRF_COOKIE}={csrf}",
            csrf,
            urlencode(grades),
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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


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

    database_url = fresh_database()
    start = time.perf_counter()
    slug, fields, tokens = prepare(database_url, args.voters)
    print(
        f"prepared {args.voters:,} signed-in voters, {PROJECTS} projects, "
        f"in {time.perf_counter() - start:.1f} s"
    )
    port = free_port()
    server = start_server(database_url, port, args.workers)
    try:
        deadline = time.monotonic() + 60
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
                slug,
                fields,
                tokens,
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
