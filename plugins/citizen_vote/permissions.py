"""Citizen votes' actions: City officials set votes up and count them."""

from __future__ import annotations

from parvis.api import Actions, lazy_gettext

ACTIONS = Actions()
MANAGE = ACTIONS.declare(
    "citizen_vote.manage", lazy_gettext("Set up citizen votes: questions, roll, places, clerks")
)
COUNT = ACTIONS.declare(
    "citizen_vote.count", lazy_gettext("Enter the counts of citizen votes and publish results")
)
