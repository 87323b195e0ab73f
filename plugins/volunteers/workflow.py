"""A mission's life cycle, declared as data (OpenSlides' motion workflows): states, and the
transitions between them with the action that allows each and whom it notifies.

draft → awaiting validation → published → completed / cancelled; an official may send a
submitted mission back to draft with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from parvis.api import N_, Account, _, utcnow
from parvis.plugins.volunteers import notify
from parvis.plugins.volunteers.models import Mission, MissionStatus, NoticeKind
from parvis.plugins.volunteers.permissions import MANAGE_MISSION, MODERATE

if TYPE_CHECKING:
    from parvis.api import Site

S = MissionStatus


@dataclass(frozen=True, slots=True)
class Transition:
    name: str
    label: str  # message id, translated when shown
    sources: frozenset[MissionStatus]
    target: MissionStatus
    action: str
    needs_note: bool = False
    danger: bool = False


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", N_("Submit for validation"), frozenset({S.DRAFT}), S.PENDING, MANAGE_MISSION),
        Transition("publish", N_("Validate and publish"), frozenset({S.PENDING}), S.PUBLISHED, MODERATE),
        Transition(
            "return", N_("Send back to draft"), frozenset({S.PENDING}), S.DRAFT, MODERATE, needs_note=True
        ),
        Transition(
            "complete", N_("Mark as completed"), frozenset({S.PUBLISHED}), S.COMPLETED, MANAGE_MISSION
        ),
        Transition(
            "cancel",
            N_("Cancel the mission"),
            frozenset({S.DRAFT, S.PENDING, S.PUBLISHED}),
            S.CANCELLED,
            MANAGE_MISSION,
            danger=True,
        ),
    )
}

EDITABLE = frozenset({S.DRAFT, S.PUBLISHED})


class WorkflowError(Exception):
    pass


def possible(mission: Mission) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if mission.status in t.sources]


def apply(db: Session, site: Site, mission: Mission, name: str, by: Account, *, note: str = "") -> Transition:
    """Move the mission (permission is checked by the caller with the transition's action)."""
    transition = TRANSITIONS.get(name)
    if transition is None or mission.status not in transition.sources:
        raise WorkflowError(_("This change is not possible in the mission's current state."))
    if transition.needs_note and not note.strip():
        raise WorkflowError(_("Please write a note for the organisation."))
    now = utcnow()
    mission.status = transition.target
    if transition.name == "submit":
        mission.submitted_at = now
    elif transition.name == "publish":
        mission.published_at = now
        mission.validated_by_id = by.id
        mission.moderation_note = ""
        notify.mission_notice(db, site, mission, NoticeKind.PUBLISHED)
    elif transition.name == "return":
        mission.moderation_note = note.strip()[:1000]
        notify.mission_notice(db, site, mission, NoticeKind.RETURNED, note=mission.moderation_note)
    elif transition.name == "cancel":
        notify.mission_cancelled(db, site, mission)
    db.flush()
    return transition
