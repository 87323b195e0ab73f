"""Decisions for plugins: what a body decides, its workflow, votes and public follow-up.

Declare decision types and workflows with the ``register_decision_types`` and
``register_workflows`` hooks (``DecisionType``, ``Workflow``, ``State``, ``Transition``), create
decisions with ``create_decision``, move them with ``transition``, and report on their follow-up
(``update_followup``, ``add_milestone``; members' comments are core's comments,
``parvis.api.comments``). ``backdated`` and ``record_history``
are for demo data that tells a past story. ``transition`` raises ``TransitionRefused`` (its
``reason`` translated) when a move is not allowed.
"""

from __future__ import annotations

from parvis.decisions.authoring import create_decision
from parvis.decisions.followup import (
    Reviewed,
    add_milestone,
    record_review_meeting,
    update_followup,
)
from parvis.decisions.history import backdated
from parvis.decisions.history import record as record_history
from parvis.decisions.models import (
    CouncilOutcome,
    Decision,
    FollowUp,
    FollowUpStatus,
    Majority,
    PlenaryVote,
)
from parvis.decisions.registry import DecisionType, registry
from parvis.decisions.transitions import TransitionRefused, transition
from parvis.decisions.votes import record_council_vote
from parvis.decisions.workflow import State, Transition, Workflow
from parvis.enums import deprecated_label_maps

# The maps of labels exported before each member carried its label (``FollowUpStatus.DONE.label``).
__getattr__ = deprecated_label_maps(__name__, FOLLOWUP_STATUS_LABELS=FollowUpStatus)

__all__ = [
    "CouncilOutcome",
    "Decision",
    "DecisionType",
    "FollowUp",
    "FollowUpStatus",
    "Majority",
    "PlenaryVote",
    "Reviewed",
    "State",
    "Transition",
    "TransitionRefused",
    "Workflow",
    "add_milestone",
    "backdated",
    "create_decision",
    "record_council_vote",
    "record_history",
    "record_review_meeting",
    "registry",
    "transition",
    "update_followup",
]
