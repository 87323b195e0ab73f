"""Fixtures for the neighbourhood councils' tests: councils and programmes in the site's
districts, officials of one district, and the meetings form an official posts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from parvis import i18n
from parvis.plugins.neighbourhood_councils import beautify, services
from parvis.plugins.neighbourhood_councils.models import Council, Programme


@pytest.fixture
def parvis_plugins() -> list[str]:
    """Only this plugin (and core)."""
    return ["neighbourhood_councils"]


@pytest.fixture(autouse=True)
def english(site):
    token = i18n.current_locale.set("en")
    yield
    i18n.current_locale.reset(token)


@pytest.fixture
def districts(site) -> tuple[str, str]:
    """Two districts of the site that have neighbourhoods."""
    with_hoods = [
        d.code for d in site.config.districts if any(n.district == d.code for n in site.config.neighbourhoods)
    ]
    return with_hoods[0], with_hoods[1]


@pytest.fixture
def make_council(db, site) -> Callable[..., Council]:
    def factory(
        district: str, name: str = "Conseil du Test", charter: str = "Article 1. Respect.", **extra: Any
    ) -> Council:
        hoods = [n.code for n in site.config.neighbourhoods if n.district == district][:1]
        council = services.create_council(
            db, site, name=name, district=district, neighbourhoods=hoods, charter=charter, **extra
        )
        db.commit()
        return council

    return factory


@pytest.fixture
def make_programme(db, site) -> Callable[..., Programme]:
    def factory(district: str, title: str = "Embellir le quartier") -> Programme:
        hood = next(n for n in site.config.neighbourhoods if n.district == district)
        year = site.today().year
        programme = beautify.create_programme(
            db,
            site,
            title=title,
            neighbourhood=hood.code,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
        )
        db.commit()
        return programme

    return factory


@pytest.fixture
def district_official(make_account) -> Callable[..., Any]:
    def factory(district: str) -> Any:
        return make_account(district_roles={district: "official"})

    return factory


def post_meeting(client: Any, path: str, start: datetime, *, hours: int = 2, **fields: str) -> Any:
    """An official's post of the meetings form at ``path`` (a council's or a programme's): a meeting
    from ``start``, ``hours`` long (0: it ends when it starts, which is refused), with ``fields``."""
    times = {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=hours)).isoformat()}
    return client.post(path, data={**fields, **times}, follow_redirects=False)
