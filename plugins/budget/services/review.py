"""Admissibility: officials check each idea against the five criteria; a rejected idea shows the
criteria it failed and the reason, to its author and to the public."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from parvis.api import N_, Actor, _, utcnow
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.lifecycle import IDEA, set_state
from parvis.plugins.budget.models import Idea, IdeaStatus

#: The five admissibility criteria of Paris, in the order the City lists them.
CRITERIA: dict[str, str] = {
    "general_interest": N_("It serves the general interest"),
    "city_competence": N_("It is within the City's competences"),
    "resident_author": N_("It is submitted by a resident aged 7 or more"),
    "investment": N_("It is an investment expense that does not create excessive operating costs"),
    "public_space": N_("It does not require heavy development of public space"),
}
FAILED_LABELS: dict[str, str] = {
    "general_interest": N_("Does not serve the general interest"),
    "city_competence": N_("Outside the City's competences"),
    "resident_author": N_("Not submitted by a resident aged 7 or more"),
    "investment": N_("Not an investment expense, or excessive operating costs"),
    "public_space": N_("Requires heavy development of public space"),
}


def review_idea(db: Session, idea: Idea, actor: Actor, *, failed: Sequence[str], reason: str = "") -> None:
    """Declare the idea admissible (no failed criterion) or not (failed criteria and a reason)."""
    unknown = [c for c in failed if c not in CRITERIA]
    if unknown:
        raise BudgetRefused(_("Choose among the options shown."), "failed")
    if idea.status == IdeaStatus.IN_PROJECT:
        raise BudgetRefused(_("This idea is already part of a project."))
    if failed and not reason.strip():
        raise BudgetRefused(_("Explain why the idea is not admissible."), "reason")
    ordered = [c for c in CRITERIA if c in set(failed)]
    set_state(db, IDEA, idea, "rejected" if ordered else "admissible", actor, comment=reason.strip())
    idea.failed_criteria = ordered
    idea.review_reason = reason.strip()
    idea.reviewed_at = utcnow()
    idea.reviewed_by_id = actor.account.id if actor.account else None
    db.flush()
