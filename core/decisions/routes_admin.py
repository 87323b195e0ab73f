"""The officials' back office for decisions: drafting, workflow steps, votes and follow-up.

The handlers live in ``parvis.decisions.admin`` (one module an area); this module gathers them
for the decisions plugin's ``register_routes``.
"""

from __future__ import annotations

from parvis.decisions.admin.drafts import DecisionDraftsController
from parvis.decisions.admin.followup import DecisionFollowUpController
from parvis.decisions.admin.reviews import ReviewMeetingController
from parvis.decisions.admin.steps import DecisionStepsController

ADMIN_CONTROLLERS = [
    DecisionDraftsController,
    DecisionStepsController,
    DecisionFollowUpController,
    ReviewMeetingController,
]

__all__ = ["ADMIN_CONTROLLERS"]
