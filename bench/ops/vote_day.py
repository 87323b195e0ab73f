"""Benchmark: the budget vote's last evening, through the load balancer (issue 12, part 6).

    python bench/ops/vote_day.py --engine postgresql              # 2 nodes + worker + nginx
    python bench/ops/vote_day.py --engine sqlite                  # 1 node + worker + nginx
    python bench/ops/vote_day.py --engine postgresql --rate 32    # open loop at 10x Paris's peak
    python bench/ops/vote_day.py --voters 20000 --duration 120 --concurrency 96

PostgreSQL: the database ``PARVIS_BENCH_DATABASE_URL`` names (dropped and created again), by
default postgresql://postgres@localhost/parvis_vote_day. SQLite: a file in a temporary folder.

The cluster is ``parvis.testing_cluster.Cluster``, the one the multi-node test uses: real
``parvis serve --production`` nodes, a ``parvis worker`` and nginx as a round-robin balancer;
``prepare_vote`` fills the database (the real migrations, an open vote with 13 projects on the
all-city ballot as in Paris, N residents with a password, each also holding a session).

Each simulated voter is one browser (its own connection, cookie jar and address, sent as
X-Forwarded-For, which the nodes trust from nginx) and walks the evening's journey:

* 4 page views: the home page, the campaign, its project list, one project;
* a sign-in with a password for half the voters (the login page, then the form); the other half
  come back with the session they opened earlier in the vote;
* the ballot review: the ballot page (it also hands the browser a CSRF token for its session);
* the cast: the ballot posted as the form does; 2 % of voters double-click (the same post twice
  at once, on two connections: one must be stored, the other refused with 409).

By default the load is a closed loop: ``--concurrency`` voters at once, each starting the next
journey as soon as theirs ends (no think time): it measures what the cluster can carry. With
``--rate R`` it is an open loop: R journeys (so R casts) start per second whatever the answers,
as an evening's arrivals do; ``--rate peak`` is ten times the peak modelled below.

It prints throughput, p50/p95/p99 per step, errors, the CPU of the database (PostgreSQL: its
backends serving this database, read from /proc via pg_stat_activity; the whole server as
context, since it is shared) and of the nodes, and checks that nothing was lost or duplicated:
ballots = voter records = acknowledged casts, one per voter. Target (issue 12): >= 300 casts/s
with p99 <= 200 ms on PostgreSQL on 2 cores, zero errors. Exit status 1 on errors or a count
mismatch; the targets are reported as ratios, they do not change the exit status.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from parvis.testing_cluster import (  # noqa: E402
    CSRF_COOKIE,
    SESSION_COOKIE,
    Cluster,
    Connection,
    Vote,
    build_get,
    build_post,
    cookie_header,
    cpu_seconds,
    find_nginx,
    fresh_database,
    grades_for,
    percentile,
    prepare_vote,
    set_cookies,
)

DEFAULT_PG = "postgresql://postgres@localhost/parvis_vote_day"
PASSWORD = "un mot de passe de votant assez long"
TARGET_CASTS = 300  # per second (issue 12)
TARGET_P99 = 0.200  # seconds

# -- the model of Paris's peak (shared/paris.md; the shares are assumptions, see README) ----------
REAL_VOTERS = 162_000  # 2024 vote, about three weeks (paris.md)
VOTE_DAYS = 21
LAST_EVENINGS = 3  # "most on the last evenings": the last three evenings...
LAST_EVENINGS_SHARE = 0.35  # ...carry 35 % of the voters (assumption)
EVENING_HOURS = 5  # 18:00-23:00
PEAK_HOUR_FACTOR = 1.5  # the busiest hour against the evening's mean (assumption)
BALLOTS_PER_VOTER = 2  # an all-Paris ballot and a district ballot (paris.md)


def real_peak_casts_per_second() -> float:
    voters_per_hour = REAL_VOTERS * LAST_EVENINGS_SHARE / LAST_EVENINGS / EVENING_HOURS * PEAK_HOUR_FACTOR
    return voters_per_hour * BALLOTS_PER_VOTER / 3600


PAGES_PER_CAST = 4
SIGN_IN_SHARE = 0.5
DOUBLE_CLICK_SHARE = 0.02
STEPS = ("page", "sign-in", "review", "cast")
EXPECTED = {"page": {200}, "sign-in": {303}, "review": {200}, "cast": {200, "409 (double click)"}}


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter[int | str]] = defaultdict(Counter)
        self.samples: list[str] = []
        self.acknowledged: Counter[int] = Counter()  # voter -> casts answered 200
        self.refused_twice = 0  # double-click posts answered 409 (expected)
        self.unknown: set[int] = set()  # voters whose cast got no answer (timeout, 502...)
        self.journeys = 0

    def record(self, step: str, started: float, status: int | str, body: bytes = b"") -> None:
        self.latency[step].append(time.perf_counter() - started)
        self.statuses[step][status] += 1
        if status not in EXPECTED[step] and len(self.samples) < 8:
            self.samples.append(f"{step} {status}: {body[:160]!r}")

    def errors(self) -> int:
        return sum(n for step, c in self.statuses.items() for s, n in c.items() if s not in EXPECTED[step])


class Browser:
    """One voter's browser: a keep-alive connection to the balancer, cookies, an address."""

    def __init__(self, port: int, index: int) -> None:
        self.port = port
        self.connection = Connection(port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.headers = {"X-Forwarded-For": f"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"}

    async def send(self, stats: Stats, step: str, raw: bytes, twin: bool = False) -> tuple[int | str, bytes]:
        started = time.perf_counter()
        try:
            status, headers, body = await self.connection.request(raw)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            stats.record(step, started, type(error).__name__)
            return type(error).__name__, b""
        self.cookies.update(set_cookies(headers))
        # One of a double click's two posts is refused with 409: expected, counted apart.
        stats.record(step, started, "409 (double click)" if twin and status == 409 else status, body)
        return status, body

    def get(self, path: str) -> bytes:
        return build_get(path, cookie_header(self.cookies), self.headers)

    def post(self, path: str, fields: dict[str, str]) -> bytes:
        return build_post(
            path, cookie_header(self.cookies), self.cookies.get(CSRF_COOKIE, ""), fields, self.headers
        )


async def journey(port: int, vote: Vote, index: int, rng: random.Random, stats: Stats) -> None:
    browser = Browser(port, index)
    project = vote.fields[index % len(vote.fields)].removeprefix("g-")
    try:
        for path in ("/en/", f"/en/budget/{vote.slug}", f"/en/budget/{vote.slug}/projects"):
            await browser.send(stats, "page", browser.get(path))
        await browser.send(stats, "page", browser.get(f"/en/budget/{vote.slug}/projects/{project}"))
        if rng.random() < SIGN_IN_SHARE:
            await browser.send(stats, "page", browser.get("/en/login"))
            status, _ = await browser.send(
                stats,
                "sign-in",
                browser.post("/en/login", {"email": vote.emails[index], "password": PASSWORD}),
            )
            if status != 303:
                return
        else:
            browser.cookies[SESSION_COOKIE] = vote.tokens[index]
        status, _ = await browser.send(stats, "review", browser.get(vote.vote_path()))
        if status != 200:
            return
        cast = browser.post(vote.cast_path(), grades_for(vote, index))
        if rng.random() < DOUBLE_CLICK_SHARE:
            twin = Browser(port, index)
            twin.cookies = dict(browser.cookies)
            answers = await asyncio.gather(
                browser.send(stats, "cast", cast, twin=True), twin.send(stats, "cast", cast, twin=True)
            )
            await twin.connection.close()
        else:
            answers = [await browser.send(stats, "cast", cast)]
        for status, _body in answers:
            if status == 200:
                stats.acknowledged[index] += 1
            elif status == 409 and len(answers) == 2:
                stats.refused_twice += 1
            elif not isinstance(status, int) or status >= 500:
                stats.unknown.add(index)
    finally:
        stats.journeys += 1
        await browser.connection.close()


async def closed_loop(port, vote, voters, concurrency, duration, stats, seed) -> float:
    pending = iter(voters)
    deadline = time.perf_counter() + duration

    async def voter(n: int) -> None:
        rng = random.Random(seed + n)
        while time.perf_counter() < deadline:
            index = next(pending, None)
            if index is None:
                return
            await journey(port, vote, index, rng, stats)

    started = time.perf_counter()
    await asyncio.gather(*(voter(n) for n in range(concurrency)))
    return time.perf_counter() - started


async def open_loop(port, vote, voters, rate, duration, stats, seed) -> float:
    rng = random.Random(seed)
    tasks = []
    started = time.perf_counter()
    next_start = started
    for index in voters:
        if next_start - started >= duration:
            break
        await asyncio.sleep(max(0.0, next_start - time.perf_counter()))
        tasks.append(asyncio.create_task(journey(port, vote, index, random.Random(seed + index), stats)))
        next_start += rng.expovariate(rate)
    await asyncio.gather(*tasks)
    return time.perf_counter() - started


# -- CPU ------------------------------------------------------------------------------------------


def proc_cpu(pid: int) -> float | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


class PostgresCpu(threading.Thread):
    """Samples the CPU time of PostgreSQL's processes: the backends serving ``database`` (from
    pg_stat_activity) and every postgres process (the server is shared: context only). A process
    seen for the first time counts from then on; one that ends keeps its last sample."""

    def __init__(self, url: str, database: str) -> None:
        super().__init__(daemon=True)
        self.engine = create_engine(url.replace(f"/{database}", "/postgres"))
        self.database = database
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.ours: set[int] = set()
        self.stopping = threading.Event()

    def sample(self) -> None:
        with self.engine.connect() as connection:
            ours = connection.scalars(
                text("SELECT pid FROM pg_stat_activity WHERE datname = :d"), {"d": self.database}
            ).all()
        self.ours.update(ours)
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if (entry / "comm").read_text().strip() != "postgres":
                    continue
            except OSError:
                continue
            pid = int(entry.name)
            cpu = proc_cpu(pid)
            if cpu is not None:
                self.first.setdefault(pid, cpu)
                self.last[pid] = cpu

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            self.sample()

    def stop(self) -> tuple[float, float]:
        self.stopping.set()
        self.join()
        self.sample()
        self.engine.dispose()
        ours = sum(self.last[p] - self.first[p] for p in self.ours if p in self.first)
        server = sum(self.last[p] - self.first[p] for p in self.first)
        return ours, server


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / tick, sum(fields) / tick


# -- the run --------------------------------------------------------------------------------------


def count_ballots(database_url: str) -> tuple[int, int, int, int]:
    from parvis.plugins.budget.models import Ballot, VoterRecord

    engine = create_engine(database_url)
    with engine.connect() as connection:
        ballots = connection.scalar(select(func.count()).select_from(Ballot))
        records = connection.scalar(select(func.count()).select_from(VoterRecord))
        people = connection.scalar(select(func.count(func.distinct(VoterRecord.person_id))))
        most = connection.scalar(
            select(func.max(text("n"))).select_from(
                select(func.count().label("n"))
                .select_from(VoterRecord)
                .group_by(VoterRecord.person_id, VoterRecord.scope)
                .subquery()
            )
        )
    engine.dispose()
    return ballots, records, people, most or 0


def warm_up(port: int, vote: Vote, nodes: int) -> None:
    async def run() -> None:
        connection = Connection(port)
        for _ in range(2 * nodes):  # the balancer takes turns: every node renders every page once
            for path in ("/en/", f"/en/budget/{vote.slug}", f"/en/budget/{vote.slug}/projects", "/en/login"):
                await connection.request(build_get(path))
        await connection.close()

    asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--voters", type=int, default=12_000, help="voters in the database")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--concurrency", type=int, default=64, help="voters at once (closed loop)")
    parser.add_argument("--rate", help="open loop: journeys started per second, or 'peak' (10x Paris)")
    parser.add_argument("--nodes", type=int, help="web nodes (default: 2 on PostgreSQL, 1 on SQLite)")
    parser.add_argument(
        "--web-workers", type=int, help="uvicorn processes per node (default: 1 on PostgreSQL, 2 on SQLite)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if find_nginx() is None:
        print("nginx is not installed (Debian: apt-get install nginx)", file=sys.stderr)
        return 2
    postgres = args.engine == "postgresql"
    nodes = args.nodes or (2 if postgres else 1)
    web_workers = args.web_workers or (1 if postgres else 2)
    peak = real_peak_casts_per_second()
    rate = None if args.rate is None else (10 * peak if args.rate == "peak" else float(args.rate))

    folder = Path(tempfile.mkdtemp(prefix="vote-day-"))
    if postgres:
        database_url = fresh_database(os.environ.get("PARVIS_BENCH_DATABASE_URL", DEFAULT_PG))
    else:
        database_url = f"sqlite:///{folder / 'parvis.db'}"
    started = time.perf_counter()
    vote = prepare_vote(database_url, args.voters, projects=13, password=PASSWORD)
    print(
        f"{args.engine}: {args.voters:,} voters with a password and a session, 13 projects, "
        f"prepared in {time.perf_counter() - started:.1f} s"
    )
    print(
        f"Paris's modelled peak: {peak:.1f} casts/s ({REAL_VOTERS:,} voters, "
        f"{LAST_EVENINGS_SHARE:.0%} on the "
        f"last {LAST_EVENINGS} evenings of {EVENING_HOURS} h, busiest hour x{PEAK_HOUR_FACTOR}, "
        f"{BALLOTS_PER_VOTER} ballots each); ten times: {10 * peak:.0f} casts/s"
    )
    load = f"open loop, {rate:.1f} journeys/s" if rate else f"closed loop, {args.concurrency} voters at once"
    print(
        f"journey: {PAGES_PER_CAST} page views, sign-in for {SIGN_IN_SHARE:.0%}, ballot review, cast "
        f"({DOUBLE_CLICK_SHARE:.0%} double-clicked); {load}; {args.duration:.0f} s"
    )
    load_before = os.getloadavg()
    stats = Stats()
    with Cluster(database_url, folder, nodes=nodes, web_workers=web_workers, workers=1) as cluster:
        print(
            f"cluster: {nodes} node(s) x {web_workers} uvicorn worker(s), 1 job worker, nginx; "
            f"files in {folder}"
        )
        warm_up(cluster.balancer_port, vote, nodes)
        sampler = None
        if postgres:
            name = database_url.rsplit("/", 1)[1].split("?")[0]
            sampler = PostgresCpu(database_url, name)
            sampler.sample()
            sampler.start()
        node_cpu = {p.name: cpu_seconds(p.popen.pid) for p in cluster.processes}
        machine = machine_busy()
        client = time.process_time()
        voters = list(range(args.voters))
        random.Random(args.seed).shuffle(voters)
        if rate:
            elapsed = asyncio.run(
                open_loop(cluster.balancer_port, vote, voters, rate, args.duration, stats, args.seed)
            )
        else:
            elapsed = asyncio.run(
                closed_loop(
                    cluster.balancer_port, vote, voters, args.concurrency, args.duration, stats, args.seed
                )
            )
        client = time.process_time() - client
        busy, total = (a - b for a, b in zip(machine_busy(), machine, strict=True))
        node_cpu = {p.name: cpu_seconds(p.popen.pid) - node_cpu[p.name] for p in cluster.processes}
        database_cpu = sampler.stop() if sampler else None
        dead = [p.name for p in cluster.processes if not p.alive()]
        if stats.errors():
            print(cluster.logs()[-3000:])
    load_after = os.getloadavg()

    ballots, records, people, most = count_ballots(database_url)
    acknowledged = set(stats.acknowledged)
    casts = sum(stats.acknowledged.values())
    requests = sum(len(v) for v in stats.latency.values())
    print(
        f"\n{stats.journeys:,} journeys, {requests:,} requests in {elapsed:.1f} s: "
        f"{requests / elapsed:.0f} requests/s"
    )
    print(
        f"{'step':<9}{'count':>8}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}  statuses"
    )
    for step in STEPS:
        values = stats.latency.get(step, [])
        statuses = {k: v for k, v in stats.statuses[step].items() if v}
        row = [percentile(values, q) * 1000 for q in (0.5, 0.95, 0.99)] + [max(values, default=0) * 1000]
        print(
            f"{step:<9}{len(values):>8,}{len(values) / elapsed:>8.1f}"
            + "".join(f"{v:>9.0f}" for v in row)
            + f"  {statuses}"
        )
    cast_p99 = percentile(stats.latency.get("cast", []), 0.99)
    rate_cast = casts / elapsed
    print(
        f"casts acknowledged: {casts:,} = {rate_cast:.1f} casts/s = "
        f"{rate_cast / peak:.1f}x Paris's modelled peak "
        f"({rate_cast / (10 * peak):.1f}x the 10x peak)"
    )
    print(
        f"target (PostgreSQL, 2 cores): casts/s {rate_cast:.0f} / {TARGET_CASTS} = "
        f"{rate_cast / TARGET_CASTS:.2f}; "
        f"cast p99 {cast_p99 * 1000:.0f} ms / {TARGET_P99 * 1000:.0f} ms = {cast_p99 / TARGET_P99:.2f}"
        f" -> {'met' if rate_cast >= TARGET_CASTS and cast_p99 <= TARGET_P99 else 'NOT met'}"
    )
    errors = stats.errors()
    print(f"errors: {errors}" + ("".join(f"\n  {s}" for s in stats.samples) if errors else ""))
    nodes_total = sum(v for k, v in node_cpu.items() if k.startswith("node"))
    print(
        "CPU over the run (cores = CPU seconds / elapsed): "
        + ", ".join(f"{k} {v / elapsed:.2f}" for k, v in node_cpu.items())
        + f", client {client / elapsed:.2f}; "
        f"whole machine {busy / total * os.cpu_count():.2f} of {os.cpu_count()}"
    )
    if database_cpu:
        ours, server = database_cpu
        print(
            f"database CPU: this database's backends {ours:.1f} s = {ours / elapsed:.2f} cores "
            f"({ours / max(casts, 1) * 1000:.2f} ms per cast, "
            f"{ours / max(requests, 1) * 1000:.2f} ms per request); "
            f"all postgres processes (shared server) {server / elapsed:.2f} cores"
        )
    else:
        print(
            f"database CPU: SQLite runs inside the nodes: {nodes_total / elapsed:.2f} cores "
            f"({nodes_total / max(requests, 1) * 1000:.2f} ms per request, all work included)"
        )
    print(
        f"machine: load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
        f"{os.cpu_count()} cores"
    )
    twice = [i for i, n in stats.acknowledged.items() if n > 1]
    ok = ballots == records == people == len(acknowledged) and not twice and most <= 1
    if stats.unknown:
        # A cast with no answer may or may not be stored; every acknowledged one must be.
        ok = (
            records == ballots == people
            and len(acknowledged) <= ballots <= len(acknowledged | stats.unknown)
            and not twice
            and most <= 1
        )
    print(
        f"integrity: {ballots:,} ballots, {records:,} voter records "
        f"({people:,} voters, at most {most} per voter), "
        f"{len(acknowledged):,} voters acknowledged, {len(twice)} acknowledged twice, "
        f"{stats.refused_twice} double clicks refused, {len(stats.unknown)} casts without an answer "
        f"-> {'OK: none lost, none duplicated' if ok else 'MISMATCH'}"
    )
    if dead:
        print(f"processes that stopped: {dead}")
    return 0 if ok and not errors and not dead else 1


if __name__ == "__main__":
    sys.exit(main())
