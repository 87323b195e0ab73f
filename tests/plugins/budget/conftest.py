"""Fixtures for the budget plugin's tests: campaigns in a chosen phase, projects on ballots, voters.

Phases are placed around the current time, so "the vote is open" is true when the test runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from parvis.db import utcnow
from parvis.plugins.budget.models import CITY, Campaign, PhaseKind, Project
from parvis.plugins.budget.services import campaigns as campaign_service
from parvis.plugins.budget.services import projects as project_service

DAY = timedelta(days=1)


def phases_for(current: str) -> dict[PhaseKind, tuple[Any, Any]]:
    """Dates that make ``current`` ("ideas", "vote", "closed", "before") the phase under way now."""
    now = utcnow()
    if current == "ideas":
        start = now - 2 * DAY
    elif current == "vote":
        start = now - 32 * DAY
    elif current == "closed":
        start = now - 50 * DAY
    else:  # "before": nothing has started
        start = now + 10 * DAY
    plan = [
        (PhaseKind.IDEAS, 10),
        (PhaseKind.CO_CONSTRUCTION, 10),
        (PhaseKind.STUDY, 10),
        (PhaseKind.VOTE, 10),
        (PhaseKind.RESULTS, 10),
        (PhaseKind.REALISATION, 300),
    ]
    phases = {}
    cursor = start
    for kind, days in plan:
        phases[kind] = (cursor, cursor + days * DAY)
        cursor += days * DAY
    if current == "closed":  # the vote ended an hour ago
        shift = now - timedelta(hours=1) - phases[PhaseKind.VOTE][1]
        phases = {k: (a + shift, b + shift) for k, (a, b) in phases.items()}
    return phases


@pytest.fixture
def make_campaign(db, site) -> Callable[..., Campaign]:
    counter = iter(range(1, 10_000))

    def factory(
        phase: str = "vote", *, total: int = 100_000_00, citywide: int | None = None, **extra: Any
    ) -> Campaign:
        n = next(counter)
        campaign = campaign_service.create_campaign(
            db,
            site,
            slug=extra.pop("slug", f"bp-{n}"),
            year=extra.pop("year", 2026),
            title=extra.pop("title", f"Budget participatif {n}"),
            total=total,
            citywide=citywide,
            phases=phases_for(phase),
        )
        db.commit()
        return campaign

    return factory


@pytest.fixture
def make_project(db, site) -> Callable[..., Project]:
    counter = iter(range(1, 100_000))

    def factory(
        campaign: Campaign,
        level: str = CITY,
        *,
        title: str | None = None,
        cost: int | None = 10_000_00,
        qpop: bool = False,
        on_ballot: bool = True,
    ) -> Project:
        n = next(counter)
        project = project_service.create_project(
            db,
            site,
            campaign,
            project_service.ProjectInput(
                title=title or f"Projet {n}",
                description="Un projet.",
                level=level,
                theme="environment",
                cost=cost,
                qpop=qpop,
            ),
        )
        if on_ballot:
            project_service.put_on_ballot(db, project)
        db.commit()
        return project

    return factory


@pytest.fixture
def voter(make_account):
    """A factory of eligible residents (adults living in the 11th district by default)."""

    def factory(*roles: str, **facts: Any):
        facts.setdefault("birth_date", date(1985, 3, 1))
        facts.setdefault("resident", True)
        facts.setdefault("district", "11")
        return make_account(*roles, **facts)

    return factory
