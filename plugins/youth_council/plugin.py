"""The Youth Council plugin: hook implementations only.

Applications, referrals, hearings, the yearly vœu and the annual report are core's
(``parvis.councils``), and so are the hooks every council implements alike (``kit``); this plugin
declares the body kind, and its ``YouthCouncil`` holds parity and the renewal of half the seats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy

from parvis.api import hookimpl, lazy_gettext
from parvis.api.bodies import BodyKind, CollegeTemplate, FillMethod
from parvis.api.councils import CouncilPluginHooks, register_council
from parvis.plugins.youth_council.council import KIND, YouthCouncil
from parvis.plugins.youth_council.settings import YouthCouncilSettings

HERE = Path(__file__).parent
COUNCIL = YouthCouncil()


@hookimpl
def add_hookspecs(pm: pluggy.PluginManager) -> None:
    register_council(pm, CouncilPluginHooks(COUNCIL, HERE), "youth_council.council")


@hookimpl
def register_body_kinds(site: Any) -> list[BodyKind]:
    settings: YouthCouncilSettings = site.settings(COUNCIL.section)  # seats from the configuration
    parity = FillMethod.PARITY_DRAW
    return [
        BodyKind(
            code=KIND,
            label=COUNCIL.title,
            description=lazy_gettext(
                "Young people drawn by lot among applicants, as many women as men. They examine the "
                "topics {site.mayor:the} refers to them and those they choose, hear stakeholders, give "
                "opinions and recommendations, and may file one vœu a year with {site.council:the}."
            ),
            plugin="youth_council",
            colleges=[
                CollegeTemplate("women", lazy_gettext("Young women"), settings.women_seats, parity),
                CollegeTemplate("men", lazy_gettext("Young men"), settings.men_seats, parity),
            ],
            member_roles=("member", "chair", "vice_chair", "rapporteur"),
            group_kinds=("commission", "working_group"),
            facts=(lazy_gettext("Two-year mandates; half of the seats are drawn again every year."),),
        )
    ]


@hookimpl
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.plugins.youth_council.demo import seed

    seed(db, demo)
