"""Where core's own changes become notifications: a workflow move of anything that is also a
content kind (decisions, budget ideas and projects, missions...), a decision's follow-up status,
and calls that open in a district.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.content import ContentRef, kinds
from parvis.identity import Account, Person
from parvis.notifications.events import CALL_OPENED, FOLLOWUP_CHANGED, STATUS_CHANGED
from parvis.notifications.notices import notify

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.site import Site
    from parvis.workflows.lifecycle import Move


def workflow_moved(made: Move) -> int:
    """Called by the workflow engine after every move: the followers of the subject are told,
    when its life cycle is named like a content kind and the subject has a public id."""
    kind = made.life_cycle.kind
    key = getattr(made.subject, "public_id", None)
    if key is None or kind not in kinds(made.site):
        return 0
    state = made.workflow.state(made.target)
    label = state.label if state is not None and state.label else made.target
    return notify(
        made.db, made.site, ContentRef(kind, str(key)), STATUS_CHANGED, actor=made.actor, detail=label
    )


def followup_changed(db: Session, site: Site, decision: Any, actor: Actor | None, status_label: str) -> int:
    """A decision's follow-up status changed (``parvis.decisions.followup``)."""
    from parvis.decisions.content import DECISION

    ref = ContentRef(DECISION, decision.public_id)
    return notify(db, site, ref, FOLLOWUP_CHANGED, actor=actor, detail=status_label)


def notify_district(
    db: Session,
    site: Site,
    ref: ContentRef,
    district: str,
    *,
    event: str = CALL_OPENED,
    actor: Actor | Account | None = None,
) -> int:
    """Tell the people living in ``district`` (their details say so) about ``ref``: a call for
    applications or contributions opening near them."""
    residents = db.scalars(
        select(Account.id)
        .join(Person, Person.id == Account.person_id)
        .where(Person.district == district, Account.active)
    )
    return notify(db, site, ref, event, actor=actor, recipients=list(residents))
