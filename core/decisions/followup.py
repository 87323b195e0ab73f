"""Recording the City's follow-up of a decision: response, status, progress, milestones and
public review meetings (members discuss it in core's comments:
``parvis.decisions.conversation``). Every change appends to the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from parvis.auth import Actor
from parvis.bodies.models import Body, Meeting, Membership, MembershipStatus
from parvis.decisions import history
from parvis.decisions.models import Decision, FollowUp, FollowUpStatus, Milestone, ReviewItem
from parvis.decisions.registry import registry
from parvis.i18n import _
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site

FOLLOWUP_FIELDS = (
    "status",
    "progress",
    "response",
    "response_on",
    "department",
    "elected_official",
    "expected_on",
)


class FollowUpRefused(Refused):
    """Not possible now (409) or not consistent (400, naming the form field at fault)."""


def tracks_followup(site: Site, decision: Decision) -> bool:
    """Whether the decision's current state has its follow-up recorded and published."""
    state = registry(site).workflow_of(decision).state(decision.state)
    return bool(state and state.followup)


def _ensure(site: Site, decision: Decision) -> FollowUp:
    if not tracks_followup(site, decision):
        raise FollowUpRefused(
            _("The follow-up starts once the decision has been adopted or sent to the City.")
        )
    if decision.followup is None:
        decision.followup = FollowUp(decision_id=decision.id)
    return decision.followup


def check_consistency(status: FollowUpStatus, progress: int) -> None:
    if not 0 <= progress <= 100:
        raise FollowUpRefused(_("Enter a percentage between 0 and 100."), "progress", status_code=400)
    if status == FollowUpStatus.DONE and progress != 100:
        raise FollowUpRefused(_("A measure that is done is at 100 %."), "progress", status_code=400)
    if status == FollowUpStatus.NOT_STARTED and progress != 0:
        raise FollowUpRefused(_("A measure that has not started is at 0 %."), "progress", status_code=400)


def update_followup(
    db: Session, site: Site, decision: Decision, actor: Actor, note: str = "", **values: Any
) -> dict[str, list[Any]]:
    """Change any of FOLLOWUP_FIELDS; return what changed (nothing is recorded when nothing did)."""
    followup = _ensure(site, decision)
    before = {name: getattr(followup, name) for name in FOLLOWUP_FIELDS}
    after = {**before, **{k: v for k, v in values.items() if k in FOLLOWUP_FIELDS}}
    after["status"] = FollowUpStatus(after["status"])
    after["progress"] = int(after["progress"] if after["progress"] is not None else 0)
    for text_field in ("response", "department", "elected_official"):
        after[text_field] = after[text_field] or ""
    check_consistency(after["status"], after["progress"])
    changes = history.diff(before, after)
    if changes or note:
        for name, value in after.items():
            setattr(followup, name, value)
        followup.updated_at = history.now()
        history.record(db, decision, "followup", actor, changes, note=note)
    if "status" in changes:
        from parvis.notifications.wiring import followup_changed

        followup_changed(db, site, decision, actor, FollowUpStatus(after["status"]).label)
    return changes


def add_milestone(
    db: Session,
    site: Site,
    decision: Decision,
    actor: Actor,
    *,
    title: str,
    planned_on: date | None = None,
    done_on: date | None = None,
) -> Milestone:
    _ensure(site, decision)
    milestone = Milestone(decision_id=decision.id, title=title, planned_on=planned_on, done_on=done_on)
    db.add(milestone)
    db.flush()
    history.record(
        db,
        decision,
        "milestone",
        actor,
        history.diff({}, {"title": title, "planned_on": planned_on, "done_on": done_on}),
    )
    return milestone


def complete_milestone(db: Session, site: Site, milestone: Milestone, actor: Actor, done_on: date) -> None:
    _ensure(site, milestone.decision)
    if milestone.done_on == done_on:
        return
    changes = {
        "title": [milestone.title, milestone.title],
        **history.diff({"done_on": milestone.done_on}, {"done_on": done_on}),
    }
    milestone.done_on = done_on
    history.record(db, milestone.decision, "milestone_done", actor, changes)


def sat_in_term(decision: Decision, person_id: int) -> bool:
    """Whether the person was an active member of the term that produced the decision."""
    db = object_session(decision)
    if db is None:
        return False
    return (
        db.scalar(
            select(Membership.id).where(
                Membership.term_id == decision.term_id,
                Membership.person_id == person_id,
                Membership.status.in_([MembershipStatus.ACTIVE, MembershipStatus.LEFT]),
            )
        )
        is not None
    )


@dataclass(frozen=True, slots=True)
class Reviewed:
    decision: Decision
    note: str = ""


def record_review_meeting(
    db: Session,
    body: Body,
    actor: Actor,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    reviewed: list[Reviewed],
    minutes: str = "",
) -> Meeting:
    """A public follow-up meeting that reviewed decisions one by one, in the order given."""
    meeting = Meeting(
        body_id=body.id,
        kind="follow_up",
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        minutes=minutes,
        public=True,
    )
    db.add(meeting)
    db.flush()
    for position, item in enumerate(reviewed, start=1):
        db.add(
            ReviewItem(meeting_id=meeting.id, decision_id=item.decision.id, position=position, note=item.note)
        )
        history.record(
            db,
            item.decision,
            "reviewed",
            actor,
            {"meeting": [None, meeting.public_id], "meeting_date": [None, starts_at.date().isoformat()]},
            note=item.note,
        )
    return meeting
