"""The Paris Council of Europeans plugin: hook implementations only.

Applications, referrals, hearings, the yearly vœu and the annual report are core's
(``parvis.councils``), and so are the hooks every council implements alike (``kit``); this plugin
declares the body kind, and its ``EuropeansCouncil`` holds the nationality and "strong link"
questions an official checks, and the draw proportional to each nationality.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy

from parvis.api import hookimpl, lazy_gettext
from parvis.api.bodies import BodyKind, CollegeTemplate, FillMethod
from parvis.api.councils import CouncilPluginHooks, register_council
from parvis.plugins.europeans_council.council import COLLEGE, KIND, EuropeansCouncil
from parvis.plugins.europeans_council.settings import EuropeansCouncilSettings

HERE = Path(__file__).parent
COUNCIL = EuropeansCouncil()


@hookimpl
def add_hookspecs(pm: pluggy.PluginManager) -> None:
    register_council(pm, CouncilPluginHooks(COUNCIL, HERE), "europeans_council.council")


@hookimpl
def register_body_kinds(site: Any) -> list[BodyKind]:
    settings: EuropeansCouncilSettings = site.settings(COUNCIL.section)  # seats from the configuration
    members = lazy_gettext("Citizens of other EU member states")
    return [
        BodyKind(
            code=KIND,
            label=COUNCIL.title,
            description=lazy_gettext(
                "Residents holding the citizenship of another EU member state, drawn by lot with seats "
                "proportional to each nationality. They inform the City on European and international "
                "questions and may file one vœu a year with {site.council:the}."
            ),
            plugin="europeans_council",
            colleges=[CollegeTemplate(COLLEGE, members, settings.seats, FillMethod.PROPORTIONAL_DRAW)],
            member_roles=("member", "chair", "vice_chair"),
            facts=(
                lazy_gettext("One-year mandate, renewable once."),
                lazy_gettext("A strong link with the city: residence, work or study."),
            ),
        )
    ]


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.plugins.europeans_council.demo import seed

    seed(db, demo)
