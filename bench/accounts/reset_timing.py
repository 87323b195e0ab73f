"""Benchmark: does "Forgot your password?" answer in the same time for known and unknown addresses?

    python bench/accounts/reset_timing.py              # SQLite, 300 requests of each kind
    python bench/accounts/reset_timing.py --requests 1000
    PARVIS_BENCH_POSTGRES=postgresql://postgres@localhost/parvis_bench_accounts \
        python bench/accounts/reset_timing.py

Builds a fresh database with the real migrations and N accounts, serves the site with uvicorn on
a loopback port (in its own process), then posts the reset form N times for addresses that have
an account and N times for addresses that do not, interleaved so that drift and the work after
each response hit both kinds alike. Every request uses a new address, so the per-address limit
never answers instead; the per-client limit is raised for the run. Mail is delivered after the
response (as in production), so it is not in the figures; a pause after each request
(``--pause``, 50 ms) lets that delivery finish. Prints the median and the 90th percentile of
each kind and their gap; target: medians within 10 %. Exits with status 1 when the gap is larger.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def database_url(folder: Path) -> str:
    if not (pg := os.environ.get("PARVIS_BENCH_POSTGRES")):
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    url = make_url(pg).set(drivername="postgresql+psycopg")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    return url.render_as_string(hide_password=False)


def build_site(folder: Path, requests: int):  # type: ignore[no-untyped-def]
    from parvis.auth import hash_password
    from parvis.config import load_config
    from parvis.identity import Account, Person
    from parvis.migrate import upgrade
    from parvis.site import Site

    os.environ.setdefault("PARVIS_SECRET_KEY", "bench-secret-key")
    config = load_config()
    config.server.database_url = database_url(folder)
    config.server.development = True  # plain-http cookies on the loopback
    config.mail.folder = str(folder / "mail")
    config.accounts.reset_requests_per_address = 10 * requests
    site = Site.create(config)
    upgrade(site)
    password_hash = hash_password("a bench password nobody uses")
    with site.session() as db:
        for n in range(requests):
            email = f"known{n}@example.org"
            db.add(
                Account(
                    email=email,
                    display_name=f"Known {n}",
                    password_hash=password_hash,
                    person=Person(given_name=f"Known {n}", email=email),
                )
            )
        db.commit()
    return site


def run_server(site, port: int) -> None:  # type: ignore[no-untyped-def]
    import uvicorn

    from parvis.web.app import create_app

    site.engine.dispose(close=False)  # connections are not shared with the parent
    uvicorn.run(create_app(site), host="127.0.0.1", port=port, log_level="warning")


def serve(site):  # type: ignore[no-untyped-def]
    """The site in its own process: a client sharing the server's interpreter would compete with
    the mail delivery that follows each response for the same lock (the GIL) and measure it."""
    import multiprocessing
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = multiprocessing.get_context("fork").Process(target=run_server, args=(site, port), daemon=True)
    process.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{base}/healthz", timeout=2)
            return process, base
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.1)


def measure(base: str, requests: int, pause: float) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/en/password/forgot")
        headers = {"x-csrftoken": client.cookies["parvis_csrf"]}
        for n in range(5):  # warm-up: templates compiled, connections open
            client.post("/en/password/forgot", data={"email": f"warm{n}@example.org"}, headers=headers)
        for n in range(requests):
            # K U, U K, K U...: each kind follows each kind equally often (mail delivered after
            # a known address's request must not weigh on one kind only).
            for kind in ("known", "unknown") if n % 2 == 0 else ("unknown", "known"):
                started = time.perf_counter()
                response = client.post(
                    "/en/password/forgot", data={"email": f"{kind}{n}@example.org"}, headers=headers
                )
                timings[kind].append(time.perf_counter() - started)
                time.sleep(pause)
                if response.status_code != 303:
                    raise RuntimeError(f"{kind} request {n}: {response.status_code}")
    return timings


def main() -> int:
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between requests")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        site = build_site(Path(folder), args.requests)
        server, base = serve(site)
        try:
            timings = measure(base, args.requests, args.pause)
        finally:
            server.terminate()
            server.join(10)
    medians = {kind: statistics.median(values) for kind, values in timings.items()}
    for kind, values in timings.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"{kind:8} median {medians[kind] * 1000:7.2f} ms   p90 {p90 * 1000:7.2f} ms")
    gap = abs(medians["known"] - medians["unknown"]) / min(medians.values())
    print(f"gap between medians: {gap:.1%} (target: within 10 %)")
    return 0 if gap <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
