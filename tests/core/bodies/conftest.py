"""A tiny plugin declaring body kinds, as a plugin author would, and helpers for the bodies tests."""

from datetime import date

import pytest

from parvis.bodies import services
from parvis.bodies.kinds import BodyKind, CollegeTemplate
from parvis.bodies.models import FillMethod
from parvis.i18n import lazy_gettext
from parvis.pluginmanager import hookimpl


class SampleKinds:
    """Registered with ``make_site(extra=[("sample_kinds", SAMPLE_KINDS)])``."""

    @hookimpl
    def register_body_kinds(self) -> list[BodyKind]:
        return [
            BodyKind(
                code="sample_council",
                label=lazy_gettext("Sample council"),
                description="A council used by the tests.",
                plugin="sample_kinds",
                colleges=(
                    CollegeTemplate("a", "Drawn residents", 3, FillMethod.LOT),
                    CollegeTemplate("b", "Appointed", 1, FillMethod.APPOINTMENT, eligibility="resident_16"),
                ),
                member_roles=("member", ("spokesperson", "Spokesperson"), "official"),
                group_kinds=(("deliberation", "Deliberation workshop"), "working_group"),
                eligibility="resident_16",
                facts=("Members sit for one year.",),
            ),
            BodyKind(
                code="open_forum",
                label="Open forum",
                colleges=(CollegeTemplate("x", "Everyone", 2, FillMethod.LOT, eligibility="no_such_rule"),),
            ),
        ]


SAMPLE_KINDS = SampleKinds()


@pytest.fixture
def parvis_plugins():
    return []


@pytest.fixture
def parvis_extra_plugins():
    return [("sample_kinds", SAMPLE_KINDS)]


@pytest.fixture
def council(db, site):
    """A sample council with a 2026 term."""
    body = services.create_body(db, site, "sample_council", "Conseil des Échantillons", "Un conseil.")
    services.add_term(db, body, "2026", date(2026, 1, 1), date(2026, 12, 31))
    db.commit()
    return body
