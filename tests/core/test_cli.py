"""The officials' command line: demo data, migrations, serving in production mode."""

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select, text

from parvis.cli import cli
from parvis.draws.models import DrawEntry
from parvis.identity import Account, RoleGrant
from parvis.testing import paris_config_with


@pytest.fixture
def cli_env(monkeypatch, empty_database, db):
    """The CLI on its own, empty database, as an official installing Parvis would have it."""
    monkeypatch.setenv("PARVIS_DATABASE_URL", empty_database)
    monkeypatch.setenv("PARVIS_LANG", "en")
    monkeypatch.setenv("PARVIS_SECRET_KEY", "test-secret")
    return empty_database


@pytest.fixture
def served_env(monkeypatch, migrated_database, db):
    """The CLI on a database of its own, already migrated (copied from a template migrated once):
    the tests above run the migrations themselves; serving needs only their result."""
    monkeypatch.setenv("PARVIS_DATABASE_URL", migrated_database)
    monkeypatch.setenv("PARVIS_LANG", "en")
    monkeypatch.setenv("PARVIS_SECRET_KEY", "test-secret")
    return migrated_database


def test_demo_fills_a_fresh_database(cli_env, tmp_path, monkeypatch):
    """`parvis demo` on a fresh database, with core alone: every plugin's demo data is checked
    below on the demo the tests share, seeded by the same ``load_demo`` on the same profile."""
    city = Path(paris_config_with(tmp_path, ""))
    profile = city.read_text(encoding="utf-8")
    core_only = re.sub(r"(?m)^enabled = \[.*\]$", "enabled = []", profile)
    assert core_only != profile
    city.write_text(core_only, encoding="utf-8")
    monkeypatch.setenv("PARVIS_CONFIG", str(city))
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "demo data: People and accounts" in result.output
    engine = create_engine(cli_env.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        emails = set(connection.scalars(select(Account.email)))
    engine.dispose()
    assert {"admin@example.org", "official@example.org", "citizen@example.org"} <= emails


@pytest.mark.demo(shared=True)
@pytest.mark.hooks("seed_demo_data")
def test_the_demo_has_every_plugins_data(db, demo_template):
    assert "People and accounts" in demo_template(None).steps
    emails = set(db.scalars(select(Account.email)))
    assert {"admin@example.org", "official@example.org", "citizen@example.org"} <= emails
    assert all(e.endswith("@example.org") for e in emails), "demo people are fictitious"
    assert db.scalar(select(func.count()).select_from(RoleGrant)) >= 2
    # Every draw of the demo is in the register of draws, every kind of every plugin that draws.
    drawn = {tuple(row) for row in db.execute(select(DrawEntry.plugin, DrawEntry.kind))}
    assert {
        ("assembly", "predraw"),
        ("assembly", "panel"),
        ("assembly", "lot"),
        ("assembly", "replacement"),
        ("neighbourhood_councils", "lot"),
    } <= drawn


def test_db_upgrade_is_reported(cli_env):
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    assert CliRunner().invoke(cli, ["db", "upgrade"]).exit_code == 0
    engine = create_engine(cli_env.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:  # a new site gets its default pages, once
        slugs = sorted(connection.scalars(text("SELECT slug FROM core_page")))
    engine.dispose()
    assert slugs == ["accessibility", "legal-notice", "participation"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_processes(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (read from /proc, Linux)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


@contextmanager
def serving(database_url, tmp_path, *options):
    """`parvis serve OPTIONS` on a free port; yields the process and the home page's response."""
    CliRunner().invoke(cli, ["db", "upgrade"])  # on a migrated database: only the default pages
    port = _free_port()
    parvis = Path(sys.executable).with_name("parvis")
    process = subprocess.Popen(
        [str(parvis), "serve", *options, "--port", str(port)],
        env={**os.environ, "PARVIS_DATABASE_URL": database_url},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 240  # workers import the whole app on a loaded machine
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/en/login", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(
                        process.stdout.read().decode() if process.poll() is not None else "timeout"
                    ) from None
                time.sleep(0.2)
        yield process, response
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_serve_production_runs_several_workers(served_env, tmp_path):
    with serving(served_env, tmp_path, "--production", "--workers", "2") as (process, response):
        assert response.status_code == 200
        assert "strict-transport-security" in response.headers  # production headers
        assert "Secure" in response.headers["set-cookie"]
        assert len(child_processes(process.pid)) >= 2
        home = httpx.get(response.url.join("/en/"), timeout=60)
        assert "parvis users create you@city.example --role admin" in home.text
    log = process.stdout.read().decode()
    assert log.count("no administrator yet") == 1, log


def test_serve_for_development_works_on_plain_http(served_env, tmp_path):
    """The demo is served on http://localhost: cookies must not require HTTPS (a browser that
    does not treat localhost as secure would never send the form's CSRF cookie back)."""
    with serving(served_env, tmp_path) as (_process, response):
        assert response.status_code == 200
        assert "parvis_csrf=" in response.headers["set-cookie"]
        assert "Secure" not in response.headers["set-cookie"]
        assert "strict-transport-security" not in response.headers


def test_a_command_run_in_process_leaves_the_callers_language(tmp_path, monkeypatch):
    from parvis.config import BUNDLED_PROFILE
    from parvis.i18n import current_locale, use_locale

    monkeypatch.delenv("PARVIS_LANG", raising=False)
    with use_locale("ja"):
        result = CliRunner().invoke(cli, ["config", "check", str(BUNDLED_PROFILE)])
        assert "valide" in result.output  # the Paris profile speaks French...
        assert current_locale.get() == "ja"  # ...only while the command runs
