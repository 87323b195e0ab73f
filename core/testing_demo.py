"""The demo, seeded once per run and copied for each test that uses it. Registered by
``parvis.testing`` (which re-exports these names).

Seeding the demo takes seconds (the Assembly's draws are half of it), on each engine, and several
tests crawl, back up or read it. ``demo_template(config_path)`` seeds a database through `parvis
demo`'s own entry point (``load_demo``) once per run: the first xdist worker that asks does it,
the others wait on a file lock and use it. Nobody connects to the template itself; a test gets a
copy (a copied SQLite file, or PostgreSQL's ``CREATE DATABASE ... TEMPLATE``), which takes a moment.

- ``@pytest.mark.demo``: the test's ``site`` (and so ``db``, ``client``, ``make_account``) is a fresh
  copy of the demo of its configuration (``parvis_config``), its own to change.
  ``@pytest.mark.demo(shared=True)``: a copy made once per worker, shared by the tests that only read.
- ``make_demo_site(config_path, shared=False)``: the same site, for a module's own ``site`` fixture.
- ``demo_database``: the URL of a fresh copy of the demo, for commands run on a database of their own.
- ``demo_template(config_path).steps``: the steps the demo reported while seeding, as `parvis demo`
  prints them (in English).

A copy's tables are not emptied after the test (``db``): the next test gets a fresh copy anyway.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from parvis import auth, i18n
from parvis.db import make_engine
from parvis.site import Site
from parvis.testing_database import keep_rows, once_per_run, postgres_database, run_database_name, worker
from parvis.testing_site import config_for_tests
from parvis.web.blocking import watch_event_loop

DEMO_SEED = 2026  # `parvis demo`'s default


@dataclass(frozen=True)
class DemoTemplate:
    url: str
    steps: list[str]


def _profile_key(config_path: str | None) -> str:
    """A short name for a configuration file, for the databases and files made from its demo."""
    chosen = config_path or os.environ.get("PARVIS_CONFIG") or "bundled"
    return hashlib.sha256(str(chosen).encode()).hexdigest()[:10]


@pytest.fixture(scope="session")
def demo_template(
    tmp_path_factory: pytest.TempPathFactory, parvis_database_url: str
) -> Callable[[str | None], DemoTemplate]:
    """``demo_template(config_path)``: the demo of that configuration (None: the test sites'
    default), seeded once per run; connect only to copies of its ``url``."""
    known: dict[str | None, DemoTemplate] = {}

    def get(config_path: str | None = None) -> DemoTemplate:
        if config_path not in known:
            known[config_path] = _seed_once(config_path, tmp_path_factory, parvis_database_url)
        return known[config_path]

    return get


def _seed_once(
    config_path: str | None, tmp_path_factory: pytest.TempPathFactory, database_url: str
) -> DemoTemplate:
    key = _profile_key(config_path)

    def make(folder: Path) -> dict[str, Any]:
        if database_url.startswith("postgresql"):
            # Named after the run's database, not this worker's: every worker copies it.
            url = postgres_database(make_url(database_url), f"{run_database_name()}_demo_{key}")
        else:
            url = f"sqlite:///{folder / 'demo.sqlite3'}"
        return asdict(DemoTemplate(url, _seed(config_path, url, tmp_path_factory)))

    return DemoTemplate(**once_per_run(tmp_path_factory, f"parvis-demo-{key}", make))


def _seed(config_path: str | None, url: str, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    from parvis.demo import load_demo

    auth.use_fast_hashing()
    site = Site.create(config_for_tests(config_path, url, tmp_path_factory))
    steps: list[str] = []
    with site.activate(), i18n.use_locale("en"):
        load_demo(site, reset=True, seed=DEMO_SEED, progress=steps.append)
    site.engine.dispose()  # PostgreSQL copies only a template nobody is connected to
    return steps


def _copy(template: str, copy: str) -> None:
    """Make ``copy`` (a database nobody is connected to) a copy of ``template``."""
    if template.startswith("postgresql"):
        copy_url = make_url(copy)
        postgres_database(copy_url, str(copy_url.database), template=make_url(template).database)
        return
    path = Path(str(make_url(copy).database))
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(str(make_url(template).database), path)


@pytest.fixture(scope="session")
def make_demo_site(
    demo_template: Callable[[str | None], DemoTemplate],
    parvis_database_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., Site]]:
    """``make_demo_site(config_path=None, shared=False)``: a site on a fresh copy of that
    configuration's demo; with ``shared``, on this worker's copy made once, for tests that only read.
    One site (and so one app) per configuration: only its database is replaced."""
    sites: dict[tuple[str | None, bool], Site] = {}
    made_once: set[tuple[str | None, bool]] = set()
    postgresql = parvis_database_url.startswith("postgresql")

    def factory(config_path: str | None = None, shared: bool = False) -> Site:
        template = demo_template(config_path)
        key = (config_path, shared)
        if key not in sites:
            name = f"demo_{_profile_key(config_path)}{'_shared' if shared else ''}"
            if postgresql:
                url = make_url(parvis_database_url)
                copy_url = url.set(database=f"{url.database}_{name}").render_as_string(hide_password=False)
            else:
                copy_url = f"sqlite:///{tmp_path_factory.getbasetemp() / f'{name}-{worker()}.sqlite3'}"
            engine = make_engine(copy_url, pool_size=2, max_overflow=8, pool_timeout=300)
            watch_event_loop(engine, strict=True)
            sites[key] = Site.create(config_for_tests(config_path, copy_url, tmp_path_factory), engine=engine)
            keep_rows(sites[key])
        site = sites[key]
        if key not in made_once or not shared:
            site.engine.dispose()
            _copy(template.url, site.engine.url.render_as_string(hide_password=False))
            made_once.add(key)
        return site

    yield factory
    for site in sites.values():
        site.engine.dispose()
        if postgresql:
            postgres_database(site.engine.url, str(site.engine.url.database), create=False)


@pytest.fixture
def demo_database(
    demo_template: Callable[[str | None], DemoTemplate], parvis_database_url: str, tmp_path: Path
) -> Iterator[str]:
    """The URL of a fresh copy of the demo (the test sites' configuration), dropped afterwards."""
    template = demo_template(None)
    if not parvis_database_url.startswith("postgresql"):
        copy = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
        _copy(template.url, copy)
        yield copy
        return
    url = make_url(parvis_database_url)
    name = f"{url.database}_demo_copy"
    yield postgres_database(url, name, template=make_url(template.url).database)
    postgres_database(url, name, create=False)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "demo(shared=False): the test's site is a copy of the demo, its own (or, shared, one it only reads)",
    )
