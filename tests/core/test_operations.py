"""Operations: /healthz, /readyz, /metrics, request ids in responses, error pages and logs,
JSON log lines, and the secret key of a site served by several nodes."""

import json
import logging
import subprocess
import sys
import textwrap
from types import SimpleNamespace

import pytest
from litestar import get
from prometheus_client import REGISTRY

from parvis import hookimpl, logs
from parvis.config import BUNDLED_PROFILE
from parvis.db import make_engine
from parvis.health import ReadinessCheck, database_reachable
from parvis.migrate import upgrade
from parvis.site import Site
from parvis.web.guards import public
from parvis.web.secrets import SharedKeyError, check_shared_key, secret_key

log = logging.getLogger("parvis.tests.ops")


@get("/ops/log", guards=[public])
def logs_a_line() -> dict:
    log.info("served", extra={"answer": 42})
    return {"ok": True}


@get("/ops/crash", guards=[public])
def crashes() -> dict:
    raise RuntimeError("boom")


class OpsPlugin:
    queue_up = True

    @hookimpl
    def register_routes(self, site):
        return [logs_a_line, crashes]

    @hookimpl
    def readiness_checks(self, site):
        return [ReadinessCheck("queue", lambda _site: None if self.queue_up else "the queue is down")]


PLUGIN = OpsPlugin()


@pytest.fixture
def parvis_plugins():
    return []


@pytest.fixture
def parvis_extra_plugins():
    return [("ops", PLUGIN)]


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_well_formed_request_id_is_kept_and_a_bad_one_replaced(client):
    kept = client.get("/healthz", headers={"x-request-id": "lb-2f7c9a1e-0001"})
    assert kept.headers["x-request-id"] == "lb-2f7c9a1e-0001"
    for bad in ["short", "spaces are not allowed here", "a" * 200, "<script>alert(1)</script>"]:
        replaced = client.get("/healthz", headers={"x-request-id": bad})
        assert replaced.headers["x-request-id"] != bad
        assert len(replaced.headers["x-request-id"]) == 32
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_error_pages_show_the_request_id(client):
    missing = client.get("/en/no-such-page")
    assert missing.status_code == 404
    assert missing.headers["x-request-id"] in missing.text
    unrouted = client.get("/nowhere/at/all", headers={"x-request-id": "proxy-id-12345678"})
    assert "proxy-id-12345678" in unrouted.text
    assert unrouted.headers["x-request-id"] == "proxy-id-12345678"
    crash = client.get("/en/ops/crash")
    assert crash.status_code == 500
    assert crash.headers["x-request-id"] in crash.text
    api = client.get("/api/nothing-here")
    assert api.json()["request_id"] == api.headers["x-request-id"]


def test_every_log_line_of_a_request_carries_its_id(client, capsys):
    handler = logging.StreamHandler()
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        response = client.get("/en/ops/log", headers={"x-request-id": "trace-0123456789"})
    finally:
        log.removeHandler(handler)
    assert response.status_code == 200
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["request_id"] == "trace-0123456789" == response.headers["x-request-id"]
    assert line["message"] == "served"
    assert line["answer"] == 42
    assert line["level"] == "INFO"
    assert line["logger"] == "parvis.tests.ops"


def test_json_lines_hold_the_exception_and_no_id_outside_requests():
    try:
        int("bad value")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("here",), sys.exc_info())
    entry = json.loads(logs.JsonFormatter().format(record))
    assert entry["message"] == "failed here"
    assert "ValueError: invalid literal" in entry["exception"]
    assert "request_id" not in entry
    assert logs.wants_json("auto", development=False)
    assert not logs.wants_json("auto", development=True)
    assert logs.wants_json("json", development=True)


def test_readyz_lists_what_is_not_ready(client, site):
    # The test schema is built from the models, without migrations: not ready.
    response = client.get("/readyz")
    assert response.status_code == 503
    problems = response.json()["not_ready"]
    assert [p["check"] for p in problems] == ["migrations"]
    assert "parvis db upgrade" in problems[0]["detail"]


@pytest.mark.hooks("readiness_checks")
def test_readyz_is_ready_on_a_migrated_database_and_runs_plugins_checks(empty_database, make_site):
    from litestar.testing import TestClient

    from parvis.config import load_config
    from parvis.web.app import create_app

    config = load_config()
    config.plugins.enabled = []
    site = Site.create(config, database_url=empty_database, extra_plugins=[("ops", PLUGIN)])
    upgrade(site)
    try:
        with TestClient(create_app(site)) as client:
            ready = client.get("/readyz")
            assert ready.status_code == 200, ready.text
            assert ready.json()["status"] == "ready"
            PLUGIN.queue_up = False
            down = client.get("/readyz")
            assert down.status_code == 503
            assert down.json()["not_ready"] == [{"check": "queue", "detail": "the queue is down"}]
    finally:
        PLUGIN.queue_up = True
        site.engine.dispose()


def test_an_unreachable_database_is_reported():
    engine = make_engine("postgresql://nobody@127.0.0.1:1/nothing", pool_size=1)
    detail = database_reachable(SimpleNamespace(engine=engine))
    assert detail is not None
    assert "database" in detail


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_need_their_token(client, site, monkeypatch):
    assert client.get("/metrics").status_code == 404  # no token configured: no endpoint
    monkeypatch.setattr(site.config.server, "metrics_token", "s3cret-token")
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", headers={"authorization": "Bearer wrong"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    before = sample("parvis_http_requests_total", method="GET", route="/{lang}/ops/log", status="200")
    client.get("/en/ops/log")
    client.get("/fr/ops/log")
    response = client.get("/metrics", headers={"authorization": "Bearer s3cret-token"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    # Per route template, not per concrete URL.
    assert 'route="/{lang}/ops/log"' in text
    assert "/en/ops/log" not in text
    after = sample("parvis_http_requests_total", method="GET", route="/{lang}/ops/log", status="200")
    assert after - before == 2
    assert "parvis_http_request_duration_seconds_bucket" in text


def test_metrics_add_up_the_worker_processes(tmp_path):
    """Multiprocess mode: each process writes its values, /metrics reads them all."""
    script = textwrap.dedent(
        """
        import sys
        from parvis import metrics
        for _ in range(int(sys.argv[1])):
            metrics.ballot_cast("budget")
        metrics.mail_sent("volunteers", 2)
        metrics.job_finished("draw", 1.5, "success")
        if len(sys.argv) > 2:
            sys.stdout.write(metrics.exposition()[0].decode())
        """
    )
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for count in ("3", "4"):
        subprocess.run([sys.executable, "-c", script, count], env=env, check=True)
    out = subprocess.run(
        [sys.executable, "-c", script, "0", "show"], env=env, check=True, capture_output=True, text=True
    ).stdout
    assert 'parvis_ballots_cast_total{plugin="budget"} 7.0' in out
    assert 'parvis_mails_total{source="volunteers",state="sent"} 6.0' in out
    assert 'parvis_jobs_total{job="draw",outcome="success"} 3.0' in out
    assert 'parvis_job_duration_seconds_count{job="draw"} 3.0' in out


def test_several_nodes_need_a_shared_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("PARVIS_SECRET_KEY", raising=False)
    generated = tmp_path / "generated"
    secret_key(str(generated))
    check_shared_key(1, str(generated))  # one node: its own key is fine
    with pytest.raises(SharedKeyError, match="PARVIS_SECRET_KEY"):
        check_shared_key(2, str(generated))
    with pytest.raises(SharedKeyError):
        check_shared_key(2, str(tmp_path / "not-yet-generated"))
    provisioned = tmp_path / "provisioned"
    provisioned.write_text("a-key-the-operator-copied-to-every-node\n")
    check_shared_key(3, str(provisioned))
    assert secret_key(str(provisioned)) == "a-key-the-operator-copied-to-every-node"
    assert len(secret_key(str(generated))) == 64  # the comment line is not part of the key
    monkeypatch.setenv("PARVIS_SECRET_KEY", "shared")
    check_shared_key(2, str(generated))


def test_production_refuses_to_start_several_nodes_with_a_local_key(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from parvis.cli import cli

    monkeypatch.delenv("PARVIS_SECRET_KEY", raising=False)
    config = tmp_path / "city.toml"
    config.write_text(
        BUNDLED_PROFILE.read_text(encoding="utf-8").replace(
            "[server]", f'[server]\nnodes = 2\nsecret_key_file = "{tmp_path / "key"}"', 1
        )
    )
    assert "[server]" in BUNDLED_PROFILE.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--config", str(config), "serve", "--production"], env={"PARVIS_LANG": "en"}
    )
    assert result.exit_code == 1
    assert "PARVIS_SECRET_KEY" in result.output
    assert "2 nodes" in result.output
