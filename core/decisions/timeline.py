"""A decision's history as sentences a visitor can read, in their language.

Events store codes and ISO dates (``history.py``); here they become "Status: Not started →
In progress" in French, English or Japanese, at display time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.decisions.models import CouncilOutcome, Decision, FollowUpEvent
from parvis.decisions.registry import registry
from parvis.decisions.text import labelled, percent
from parvis.decisions.tracker import status_label
from parvis.formatting import format_date
from parvis.i18n import N_, _

if TYPE_CHECKING:
    from parvis.site import Site

FIELD_LABELS = {
    "state": N_("Step"),
    "status": N_("Status"),
    "progress": N_("Progress"),
    "response": N_("The City's response"),
    "response_on": N_("Date of the response"),
    "department": N_("Responsible department"),
    "elected_official": N_("Elected official in charge"),
    "expected_on": N_("Expected completion"),
    "title": N_("Title"),
    "summary": N_("Summary"),
    "text": N_("Full text"),
    "topic": N_("Topic"),
    "reference": N_("Reference"),
    "planned_on": N_("Planned for"),
    "done_on": N_("Done on"),
}

KIND_LABELS = {
    "created": N_("Decision drafted"),
    "edited": N_("Text edited"),
    "transition": N_("New step"),
    "vote_opened": N_("Plenary vote opened"),
    "vote_closed": N_("Plenary vote closed"),
    "council_vote": N_("Vote of {site.council:the}"),
    "followup": N_("Follow-up updated"),
    "milestone": N_("Milestone added"),
    "milestone_done": N_("Milestone reached"),
    "comment": N_("Comment from a member"),
    "reviewed": N_("Reviewed in a public follow-up meeting"),
}


@dataclass(frozen=True, slots=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Entry:
    at: datetime
    kind: str
    title: str
    actor: str
    changes: list[Change]
    note: str


def _value(site: Site, decision: Decision, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name == "state":
        state = registry(site).workflow_of(decision).state(str(value))
        return _(state.label) if state else str(value)
    if name == "status":
        return status_label(str(value))
    if name == "progress":
        return percent(int(value))
    if name == "outcome":
        return _(CouncilOutcome(value).label)
    if name.endswith("_on") or name == "meeting_date":
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _title(site: Site, decision: Decision, event: FollowUpEvent) -> str:
    changes = event.changes or {}
    if event.kind == "transition":
        return _("New step: {state}").format(state=_value(site, decision, "state", changes["state"][1]))
    if event.kind == "vote_closed":
        values = {k: v[1] for k, v in changes.items()}
        outcome = _("approved") if values.get("passed") else _("not approved")
        return _("Plenary vote: {outcome} ({yes} for, {no} against, {abstain} abstentions)").format(
            outcome=outcome,
            yes=values.get("votes_for", 0),
            no=values.get("votes_against", 0),
            abstain=values.get("abstentions", 0),
        )
    if event.kind == "council_vote":
        return _("{site.council:Name} of {date}: {outcome}").format(
            date=_value(site, decision, "session_on", changes["session_on"][1]),
            outcome=_value(site, decision, "outcome", changes["outcome"][1]),
        )
    if event.kind in ("milestone", "milestone_done"):
        return labelled(_(KIND_LABELS[event.kind]), changes.get("title", [None, ""])[1])
    if event.kind == "reviewed":
        return _("Reviewed in the public follow-up meeting of {date}").format(
            date=_value(site, decision, "meeting_date", changes.get("meeting_date", [None, None])[1])
        )
    return _(KIND_LABELS.get(event.kind, event.kind))


# Changes already told by the entry's title are not listed again below it.
_IN_TITLE = {
    "transition": {"state"},
    "vote_closed": {"votes_for", "votes_against", "abstentions", "passed", "eligible"},
    "council_vote": {"session_on", "outcome"},
    "milestone": {"title"},
    "milestone_done": {"title"},
    "reviewed": {"meeting", "meeting_date"},
    "created": {"state"},
    "vote_opened": {"secret"},
}


def entries(db: Session, site: Site, decision: Decision) -> list[Entry]:
    """The full history, oldest first."""
    events = db.scalars(
        select(FollowUpEvent)
        .where(FollowUpEvent.decision_id == decision.id)
        .order_by(FollowUpEvent.at, FollowUpEvent.id)
    )
    found = []
    for event in events:
        hidden = _IN_TITLE.get(event.kind, set())
        changes = [
            Change(
                _(FIELD_LABELS[name]) if name in FIELD_LABELS else name,
                _value(site, decision, name, pair[0]),
                _value(site, decision, name, pair[1]),
            )
            for name, pair in (event.changes or {}).items()
            if name not in hidden
        ]
        found.append(
            Entry(event.at, event.kind, _title(site, decision, event), event.actor_name, changes, event.note)
        )
    return found
