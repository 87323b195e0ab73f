"""The budget's actions, granted to City officials by default (core's ``permission_allowed``)."""

from __future__ import annotations

from parvis.api import Action, lazy_gettext

MANAGE = "budget.manage"
REVIEW = "budget.review"
PROJECTS = "budget.projects"
VERIFY = "budget.verify"
PAPER = "budget.paper"
PUBLISH = "budget.publish"
REALISATION = "budget.realisation"


def actions() -> list[Action]:
    return [
        Action(MANAGE, lazy_gettext("Participatory budget: create campaigns, phases and envelopes")),
        Action(REVIEW, lazy_gettext("Participatory budget: review the admissibility of ideas")),
        Action(PROJECTS, lazy_gettext("Participatory budget: workshops, projects, costs and ballots")),
        Action(VERIFY, lazy_gettext("Participatory budget: confirm residents' residence")),
        Action(PAPER, lazy_gettext("Participatory budget: ballot boxes and paper counts")),
        Action(PUBLISH, lazy_gettext("Participatory budget: publish the results")),
        Action(REALISATION, lazy_gettext("Participatory budget: follow the realisation of projects")),
    ]
