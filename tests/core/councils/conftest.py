"""A sample council plugin, as a plugin author writes one, and helpers for the councils tests.

Its draw is a uniform lot of the college's seats through the sortition engine.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from parvis import i18n
from parvis.auth import Actor, load_actor
from parvis.bodies.kinds import BodyKind, CollegeTemplate
from parvis.bodies.models import FillMethod
from parvis.councils import applications as apps
from parvis.councils.draws import DrawOutcome, DrawRequest, Seat, draw_by_group
from parvis.councils.kit import CouncilPluginHooks, register_council
from parvis.councils.settings import CouncilSettings
from parvis.councils.spec import Council
from parvis.eligibility import EligibilityRule
from parvis.pluginmanager import hookimpl
from parvis.testing import council_with_terms


class SampleSettings(CouncilSettings, forbid_unknown_fields=True, kw_only=True):
    seats: int = 3
    eligibility: EligibilityRule = EligibilityRule(min_age=15, max_age=30)
    max_consecutive_years: int | None = 2
    voeux_per_year: int | None = 1


class SampleCouncil(Council[SampleSettings]):
    kind = "sample_council"
    settings_type = SampleSettings
    title = "Sample council"
    summary = "A council used by the tests."

    def draw(self, request: DrawRequest) -> DrawOutcome:
        """Everyone in one group: a uniform lot of the college's seats."""
        college = request.call.body.colleges[0]
        result = draw_by_group(
            request.call,
            request.pool,
            column="everyone",
            group_of=lambda _a: "all",
            seats={"all": min(college.seats, len(request.pool))},
            public_inputs=request.public_inputs,
        )
        return DrawOutcome([Seat(a, college) for a in result.drawn.get("all", [])], result)


SAMPLE = SampleCouncil()


class SamplePlugin:
    @hookimpl
    def add_hookspecs(self, pm):
        register_council(pm, CouncilPluginHooks(SAMPLE, Path(__file__).parent), "sample_council.council")

    @hookimpl
    def register_body_kinds(self):
        return [
            BodyKind(
                code="sample_council",
                label="Sample council",
                colleges=(CollegeTemplate("members", "Members", 3, FillMethod.LOT),),
            ),
            BodyKind(code="plain_body", label="Plain body"),
        ]


SAMPLE_PLUGIN = SamplePlugin()


@pytest.fixture
def parvis_plugins():
    return []


@pytest.fixture
def parvis_extra_plugins():
    return [("sample_council", SAMPLE_PLUGIN)]


@pytest.fixture(autouse=True)
def english(site):
    """Services speak English here (building the Paris site sets French, its default)."""
    token = i18n.current_locale.set("en")
    yield
    i18n.current_locale.reset(token)


@pytest.fixture
def today(site):
    return site.today()


@pytest.fixture
def body(db, site):
    """A sample council with last year's term and next year's, the one calls fill."""
    return council_with_terms(db, site, "sample_council", "Conseil des Échantillons")


@pytest.fixture
def term(body):
    return body.terms[-1]


@pytest.fixture
def call(db, body, term, today):
    """An open call for this year's term."""
    found = apps.create_call(
        db,
        body,
        term,
        title="Appel 2027",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=10),
    )
    db.commit()
    return found


@pytest.fixture
def closed_call(db, call, today):
    call.opens_on, call.closes_on = today - timedelta(days=20), today - timedelta(days=1)
    db.commit()
    return call


def born(age: int, today: date) -> date:
    """A birth date that makes someone ``age`` years old all year long."""
    return date(today.year - age, 1, 1)


@pytest.fixture
def applicant(make_account, today):
    """``applicant(age=20)``: an account whose person is that old."""

    def factory(age: int = 20, **facts):
        return make_account(birth_date=born(age, today), **facts)

    return factory


@pytest.fixture
def official(db, make_account) -> Actor:
    return load_actor(db, make_account("official"))
