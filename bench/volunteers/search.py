"""Benchmark: the mission search page (keyword + two filters) under the production server.

Usage::

    python bench/volunteers/search.py                      # SQLite
    PARVIS_BENCH_DATABASE_URL=postgresql://postgres@localhost/parvis_bench python bench/volunteers/search.py

It builds a fresh database from the migrations, fills it with 10,000 missions and 200,000
participations (``generate.py``), starts ``parvis serve --production --workers 2`` on a free port,
and fires keyword + theme + district searches (each URL different) from ``wrk`` (or, without it,
a bounded httpx thread pool). Targets: p95 <= 50 ms and >= 200 requests/s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_P95_MS = 50.0
TARGET_RPS = 200.0
KEYWORDS = [
    "repas",
    "jardin",
    "vélo",
    "lecture",
    "devoirs",
    "collecte",
    "bénévoles",
    "accueil",
    "numérique",
    "festival",
    "arbres",
    "seniors",
    "français",
    "course",
    "tri",
    "solidaire",
    "quartier",
    "musée",
]
THEMES = ["solidarity", "environment", "education", "culture", "sport", "health", "citizenship"]
DISTRICTS = ["centre", *[str(n) for n in range(5, 21)]]

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def urls(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [
        "/fr/volunteers?"
        + urlencode(
            {"q": rng.choice(KEYWORDS), "theme": rng.choice(THEMES), "district": rng.choice(DISTRICTS)}
        )
        for _ in range(count)
    ]


def write_config(workdir: Path, plugins: str | None) -> Path:
    """The bundled Paris profile, optionally with only some plugins enabled (``--plugins volunteers``)."""
    import re

    from parvis.config import BUNDLED_PROFILE

    text = BUNDLED_PROFILE.read_text(encoding="utf-8")
    if plugins:
        names = ", ".join(f'"{name.strip()}"' for name in plugins.split(",") if name.strip())
        text = re.sub(r"(?m)^enabled = \[.*\]$", f"enabled = [{names}]", text)
    path = workdir / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def build_database(url: str) -> dict[str, int]:
    from generate import generate
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from parvis.migrate import upgrade
    from parvis.site import Site

    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(
            parsed.set(drivername="postgresql+psycopg", database="postgres"), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    site = Site.create(database_url=url)
    upgrade(site)
    started = time.perf_counter()
    with site.session() as db:
        counts = generate(site, db, progress=lambda step: print(f"  generating {step}…", flush=True))
    if site.engine.dialect.name == "postgresql":
        with site.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with site.engine.begin() as connection:
            connection.execute(text("ANALYZE"))
            connection.execute(
                text("INSERT INTO volunteers_mission_fts(volunteers_mission_fts) VALUES ('optimize')")
            )
    site.engine.dispose()
    print(f"  data ready in {time.perf_counter() - started:.1f} s: {counts}")
    return counts


def start_server(url: str, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PARVIS_DATABASE_URL": url,
        "PARVIS_SECRET_KEY": "bench-secret-key",
        "PARVIS_CONFIG": str(workdir / "site.toml"),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("parvis")),
            "serve",
            "--production",
            "--workers",
            "2",
            "--port",
            str(port),
        ],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(
        "the server did not start: " + (server.stderr.read() if server.stderr else b"").decode()[-2000:]
    )


def run_wrk(base: str, paths: list[str], seconds: int, connections: int, workdir: Path) -> dict[str, float]:
    path_file = workdir / "paths.txt"
    path_file.write_text("\n".join(paths) + "\n")
    script = workdir / "bench.lua"
    script.write_text(WRK_SCRIPT % {"paths": path_file})
    output = subprocess.run(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "-s", str(script), base],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(row for row in output.splitlines() if row.startswith("RESULT"))
    requests, duration_us, p50, p95, p99, errors, worst = (int(x) for x in line.split()[1:])
    return {
        "requests": requests,
        "rps": requests / (duration_us / 1e6),
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "p99_ms": p99 / 1000,
        "errors": errors,
        "max_ms": worst / 1000,
    }


def run_httpx(base: str, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    import statistics
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    timings: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    def worker(offset: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=base) as client:
            n = offset
            while time.monotonic() < stop:
                started = time.perf_counter()
                if client.get(paths[n % len(paths)]).status_code != 200:
                    errors += 1
                timings.append(time.perf_counter() - started)
                n += connections

    began = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(worker, range(connections)))
    elapsed = time.monotonic() - began
    q = statistics.quantiles(timings, n=100)
    return {
        "requests": len(timings),
        "rps": len(timings) / elapsed,
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "p99_ms": q[98] * 1000,
        "errors": errors,
        "max_ms": max(timings) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=20)
    # Four concurrent clients keep both workers busy (Little's law: 4 / 200 req/s = 20 ms each);
    # more only queue in front of them and add their wait to the latency.
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="Keep the SQLite database and work folder.")
    parser.add_argument(
        "--plugins", default=None, help="Plugins to enable, comma-separated (default: the profile's)."
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="parvis-bench-volunteers-"))
    url = os.environ.get("PARVIS_BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    engine = url.split(":", 1)[0]
    print(f"Database: {engine} ({url if engine != 'sqlite' else workdir})")
    os.environ["PARVIS_CONFIG"] = str(write_config(workdir, args.plugins))
    build_database(url)
    port = free_port()
    server = start_server(url, port, workdir)
    base = f"http://127.0.0.1:{port}"
    paths = urls(5000)
    try:
        import httpx

        sample = httpx.get(base + paths[0])
        assert sample.status_code == 200, sample.text[:500]
        runner = "wrk" if shutil.which("wrk") else "httpx"

        def load(chosen: list[str], seconds: int) -> dict[str, float]:
            if runner == "wrk":
                return run_wrk(base, chosen, seconds, args.connections, workdir)
            return run_httpx(base, chosen, seconds, args.connections)

        load(paths[:500], 3)  # warm-up: templates compiled, statements prepared, caches filled
        result = load(paths, args.seconds)
    finally:
        server.terminate()
        server.wait(10)
    result.update(engine=engine, runner=runner, connections=args.connections, cores=os.cpu_count() or 0)
    print(json.dumps(result, indent=1))
    print(
        f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
        f"{result['rps']:.0f} requests/s, {result['errors']} errors"
    )
    print(
        f"p95 / target: {result['p95_ms'] / TARGET_P95_MS:.2f} (<= 1 is good); "
        f"requests/s / target: {result['rps'] / TARGET_RPS:.2f} (>= 1 is good)"
    )
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    if result["p95_ms"] > TARGET_P95_MS or result["rps"] < TARGET_RPS or result["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
