"""The test's ``Site``: ``make_site`` builds one per choice of plugins and settings on the test
database (cached for the run), ``site`` activates it for a test, ``clock`` stops its clock.
Registered by ``parvis.testing`` (which re-exports these names)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from parvis import auth
from parvis.config import BUNDLED_PROFILE, Config, load_config
from parvis.db import Base, make_engine, utcnow
from parvis.site import Site
from parvis.web.blocking import watch_event_loop

_sites: dict[tuple[Any, ...], Site] = {}


@pytest.fixture(scope="session")
def make_site(parvis_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Site]:
    auth.use_fast_hashing()
    os.environ.setdefault("PARVIS_SECRET_KEY", "test-secret-key-not-for-production")

    shared: dict[str, Any] = {}

    def factory(
        plugins: list[str] | None = None,
        extra: list[tuple[str, Any]] | tuple[tuple[str, Any], ...] = (),
        settings: dict[str, dict[str, Any]] | None = None,
        config_path: str | None = None,
    ) -> Site:
        extra_key = tuple((name, id(module)) for name, module in extra)
        key = (tuple(plugins) if plugins is not None else None, extra_key, repr(settings), config_path)
        if key not in _sites:
            config = config_for_tests(config_path, parvis_database_url, tmp_path_factory, plugins, settings)
            if "engine" not in shared:
                # One small pool for every site of the run: PostgreSQL allows 100 connections by
                # default, shared by the xdist workers and the servers some tests start. Threads
                # beyond 40 wait for a connection (a race test's 200 casts) rather than fail.
                shared["engine"] = make_engine(
                    parvis_database_url, pool_size=4, max_overflow=36, pool_timeout=300
                )
                # A request's query on the event loop is a failure (a 500), not a slow page.
                watch_event_loop(shared["engine"], strict=True)
            site = Site.create(config, extra_plugins=extra, engine=shared["engine"])
            Base.metadata.create_all(site.engine)
            _sites[key] = site
        return _sites[key]

    return factory


def config_for_tests(
    config_path: str | None,
    database_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    plugins: list[str] | None = None,
    settings: dict[str, dict[str, Any]] | None = None,
) -> Config:
    """A configuration file as the test sites use it: on ``database_url``, in development mode,
    with cheap password hashing and mail kept in a temporary folder."""
    config = load_config(config_path)
    if plugins is not None:
        config.plugins.enabled = list(plugins)
    if settings:
        config.settings.update(settings)
    config.server.database_url = database_url
    config.server.development = True
    # Cheap argon2 (the same as auth.use_fast_hashing), so signing in never re-hashes.
    config.accounts.argon2_time_cost = 1
    config.accounts.argon2_memory_kib = 8
    config.accounts.argon2_parallelism = 1
    # Development writes mail to files: keep them out of the working tree.
    config.mail.folder = str(tmp_path_factory.mktemp("mail"))
    config.mail.smtp_url = ""
    return config


def paris_config_with(folder: Path, text: str, name: str = "city.toml") -> str:
    """The path of a configuration file written in ``folder``: the bundled Paris profile followed
    by ``text`` (a city's additions, for ``parvis_config``). Its translations folder is made
    absolute, since the copy does not stand beside it."""
    paris = BUNDLED_PROFILE.read_text(encoding="utf-8").replace(
        'translations = "paris"', f'translations = "{BUNDLED_PROFILE.parent / "paris"}"'
    )
    path = folder / name
    path.write_text(paris + "\n" + text, encoding="utf-8")
    return str(path)


@pytest.fixture
def parvis_plugins() -> list[str] | None:
    """Plugins enabled for the ``site`` fixture (None: the configuration's list)."""
    return None


@pytest.fixture
def parvis_extra_plugins() -> list[tuple[str, Any]]:
    return []


@pytest.fixture
def parvis_config() -> str | None:
    """The configuration file of the ``site`` fixture (None: $PARVIS_CONFIG, else the bundled one)."""
    return None


@pytest.fixture
def site(
    request: pytest.FixtureRequest,
    make_site: Callable[..., Site],
    parvis_plugins: list[str] | None,
    parvis_extra_plugins: list,
    parvis_config: str | None,
) -> Iterator[Site]:
    """The test's site, active for the test (its time zone, currency and words); with
    ``@pytest.mark.demo``, on a copy of the demo (``parvis.testing_demo``)."""
    demo = request.node.get_closest_marker("demo")
    if demo is not None:
        chosen = request.getfixturevalue("make_demo_site")(parvis_config, **demo.kwargs)
    else:
        chosen = make_site(parvis_plugins, tuple(parvis_extra_plugins), config_path=parvis_config)
    with chosen.activate() as active:
        yield active


class FrozenClock:
    """The site's clock, stopped at a chosen time: ``clock.set(datetime(...))``, ``clock.advance(...)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("give an aware datetime (UTC)")
        self.now = now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock(site: Site) -> Iterator[FrozenClock]:
    """Stop the site's clock (at the current time) for one test; it runs again afterwards."""
    frozen = FrozenClock(site.now())
    site.clock = frozen
    try:
        yield frozen
    finally:
        site.clock = utcnow
