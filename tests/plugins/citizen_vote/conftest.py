"""Fixtures for the citizen vote's tests: only this plugin enabled, English messages, a vote with
two voting places, a small roll and a clerk."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from parvis import i18n
from parvis.plugins.citizen_vote import services


@pytest.fixture
def parvis_plugins() -> list[str]:
    return ["citizen_vote"]


@pytest.fixture(autouse=True)
def english(site):
    token = i18n.current_locale.set("en")
    yield
    i18n.current_locale.reset(token)


def roll_csv(districts: list[str], count: int = 6) -> bytes:
    lines = ["number,family_name,given_name,birth_date,section,district"]
    for n in range(count):
        district = districts[n % 2]
        lines.append(f"{1000 + n},Durand{n},Camille,1980-01-{n + 1:02d},{district}-A,{district}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def districts(site) -> list[str]:
    return [d.code for d in site.config.districts[:2]]


@pytest.fixture
def make_vote(db, site, districts):
    def factory(state: str = "open", slug: str = "tariff") -> Any:
        now = site.now()
        if state == "open":
            opens, closes = now - timedelta(hours=2), now + timedelta(hours=8)
        else:  # closed an hour ago
            opens, closes = now - timedelta(hours=11), now - timedelta(hours=1)
        vote = services.create_vote(
            db, site, slug=slug, title="Heavy cars", question="For a specific tariff?",
            options=["Yes", "No"], opens_at=opens, closes_at=closes,
            arguments_for="Less pollution.", arguments_against="More cost.",
        )  # fmt: skip
        services.add_question(db, site, vote, text="Local?", options=["Yes", "No"], district=districts[1])
        for code in districts:
            services.add_place(db, site, vote, name=f"Hall {code}", district=code, sections=[f"{code}-A"])
        services.import_roll(db, site, vote, roll_csv(districts), cutoff=date(2024, 1, 8))
        db.commit()
        return vote

    return factory
