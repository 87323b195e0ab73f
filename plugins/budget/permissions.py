"""The budget's actions, granted to City officials by default (core's ``permission_allowed``)."""

from __future__ import annotations

from parvis.api import Actions, lazy_gettext

ACTIONS = Actions()
MANAGE = ACTIONS.declare(
    "budget.manage", lazy_gettext("Participatory budget: create campaigns, phases and envelopes")
)
REVIEW = ACTIONS.declare(
    "budget.review", lazy_gettext("Participatory budget: review the admissibility of ideas")
)
PROJECTS = ACTIONS.declare(
    "budget.projects", lazy_gettext("Participatory budget: workshops, projects, costs and ballots")
)
VERIFY = ACTIONS.declare("budget.verify", lazy_gettext("Participatory budget: confirm residents' residence"))
PAPER = ACTIONS.declare("budget.paper", lazy_gettext("Participatory budget: ballot boxes and paper counts"))
PUBLISH = ACTIONS.declare("budget.publish", lazy_gettext("Participatory budget: publish the results"))
REALISATION = ACTIONS.declare(
    "budget.realisation", lazy_gettext("Participatory budget: follow the realisation of projects")
)
