"""Prometheus metrics: the few counters and histograms operators watch, one small API to feed them.

Core measures HTTP requests itself (count and latency per route template, never per concrete
URL: ``/{lang}/budget/{slug}``, not one series per campaign). Plugins and core services call:

- ``ballot_cast(plugin)`` when a ballot is stored (committed);
- ``mail_queued(source, n)``, ``mail_sent(source, n)``, ``mail_failed(source, n)`` for outgoing mail;
- ``job_finished(job, seconds, outcome)`` (or ``with timed_job(job):``) for background jobs.

A plugin may also define its own metrics with ``prometheus_client`` at import time: they are
exported with these.

Several worker processes (uvicorn's workers, the job workers) each count their own requests.
prometheus-client's multiprocess mode adds them up: every process writes its values to files in
``$PROMETHEUS_MULTIPROC_DIR`` and ``/metrics`` reads them all. The variable must be set before
any process imports prometheus_client: ``parvis serve --production`` sets it (``var/metrics``,
emptied at start) unless the operator has set it. Without it (development, tests) the metrics of
the one process are exported.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

HTTP_REQUESTS = Counter(
    "parvis_http_requests",
    "HTTP requests answered, per method, route template and status code.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "parvis_http_request_duration_seconds",
    "Time to answer an HTTP request (until the response is sent), per method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
BALLOTS = Counter("parvis_ballots_cast", "Ballots stored, per plugin.", ["plugin"])
MAILS = Counter(
    "parvis_mails", "Outgoing mail per source and state (queued, sent, failed).", ["source", "state"]
)
JOBS = Counter("parvis_jobs", "Background jobs finished, per job and outcome.", ["job", "outcome"])
JOB_DURATION = Histogram(
    "parvis_job_duration_seconds",
    "Time a background job ran, per job.",
    ["job"],
    buckets=(0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0),
)


def request_answered(method: str, route: str, status: int, seconds: float) -> None:
    HTTP_REQUESTS.labels(method, route, str(status)).inc()
    HTTP_LATENCY.labels(method, route).observe(seconds)


def ballot_cast(plugin: str) -> None:
    BALLOTS.labels(plugin).inc()


def mail_queued(source: str, count: int = 1) -> None:
    if count:
        MAILS.labels(source, "queued").inc(count)


def mail_sent(source: str, count: int = 1) -> None:
    if count:
        MAILS.labels(source, "sent").inc(count)


def mail_failed(source: str, count: int = 1) -> None:
    if count:
        MAILS.labels(source, "failed").inc(count)


def job_finished(job: str, seconds: float, outcome: str = "success") -> None:
    """A job ended: ``outcome`` is "success", "failure" or "retry" (the queue tries it again)."""
    JOBS.labels(job, outcome).inc()
    JOB_DURATION.labels(job).observe(seconds)


@contextmanager
def timed_job(job: str) -> Iterator[None]:
    """``with timed_job("budget.tally"): ...`` records the duration and success, or failure."""
    start = time.perf_counter()
    try:
        yield
    except BaseException:
        job_finished(job, time.perf_counter() - start, "failure")
        raise
    job_finished(job, time.perf_counter() - start, "success")


def multiprocess_mode() -> bool:
    """Whether values go to files (decided by prometheus_client when it was first imported)."""
    from prometheus_client import values

    return values.ValueClass is not values.MutexValue and bool(os.environ.get(MULTIPROC_ENV))


def exposition() -> tuple[bytes, str]:
    """The text every metric of every process of this node exports, and its content type."""
    if multiprocess_mode():
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
