"""Plenaries (four a year by default): all groups together validate recommendations.

A plenary is a core meeting of kind ``plenary``; its agenda lists decisions of the promotion, and
the validation itself is the decisions workflow's plenary vote (members vote on the decision's
page; the official records the result and moves the decision on).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import _
from parvis.api.bodies import Meeting
from parvis.api.decisions import Decision
from parvis.plugins.assembly.kinds import PLENARY
from parvis.plugins.assembly.models import AssemblyPlenaryItem, AssemblyPromotion
from parvis.plugins.assembly.services.common import AssemblyError

if TYPE_CHECKING:
    from parvis.api import Site


def term_window(promotion: AssemblyPromotion) -> tuple[datetime, datetime]:
    term = promotion.term
    start = datetime.combine(term.starts_on, time(), UTC) - timedelta(days=1)
    end = datetime.combine(term.ends_on, time(23, 59), UTC) + timedelta(days=1)
    return start, end


def meetings_of(db: Session, promotion: AssemblyPromotion, *kinds: str) -> list[Meeting]:
    """The body's meetings during the promotion (of some kinds), in time order."""
    start, end = term_window(promotion)
    query = select(Meeting).where(
        Meeting.body_id == promotion.body_id, Meeting.starts_at >= start, Meeting.starts_at <= end
    )
    if kinds:
        query = query.where(Meeting.kind.in_(kinds))
    return list(db.scalars(query.order_by(Meeting.starts_at, Meeting.id)))


def plenaries(db: Session, promotion: AssemblyPromotion) -> list[Meeting]:
    return meetings_of(db, promotion, PLENARY)


def agenda(db: Session, meeting: Meeting) -> list[Decision]:
    return list(
        db.scalars(
            select(Decision)
            .join(AssemblyPlenaryItem, AssemblyPlenaryItem.decision_id == Decision.id)
            .where(AssemblyPlenaryItem.meeting_id == meeting.id)
            .order_by(AssemblyPlenaryItem.position, AssemblyPlenaryItem.id)
        )
    )


def decisions_of(db: Session, promotion: AssemblyPromotion) -> list[Decision]:
    return list(
        db.scalars(
            select(Decision)
            .where(Decision.body_id == promotion.body_id, Decision.term_id == promotion.term_id)
            .order_by(Decision.created_at, Decision.id)
        )
    )


def add_item(db: Session, promotion: AssemblyPromotion, meeting: Meeting, decision: Decision) -> None:
    if meeting.kind != PLENARY or meeting.body_id != promotion.body_id:
        raise AssemblyError(_("Choose among the options shown."), "meeting")
    if decision.term_id != promotion.term_id:
        raise AssemblyError(_("Choose among the options shown."), "decision")
    exists = db.scalar(
        select(AssemblyPlenaryItem.id).where(
            AssemblyPlenaryItem.meeting_id == meeting.id, AssemblyPlenaryItem.decision_id == decision.id
        )
    )
    if exists:
        raise AssemblyError(_("This recommendation is already on the agenda."), "decision")
    position = db.scalar(
        select(func.coalesce(func.max(AssemblyPlenaryItem.position), 0)).where(
            AssemblyPlenaryItem.meeting_id == meeting.id
        )
    )
    db.add(
        AssemblyPlenaryItem(meeting_id=meeting.id, decision_id=decision.id, position=int(position or 0) + 1)
    )
    db.flush()


def remove_item(db: Session, meeting: Meeting, decision: Decision) -> None:
    item = db.scalar(
        select(AssemblyPlenaryItem).where(
            AssemblyPlenaryItem.meeting_id == meeting.id, AssemblyPlenaryItem.decision_id == decision.id
        )
    )
    if item is not None:
        db.delete(item)
        db.flush()


def plenaries_per_year_reached(db: Session, site: Site, promotion: AssemblyPromotion) -> bool:
    from parvis.plugins.assembly.services.common import settings_of

    return len(plenaries(db, promotion)) >= settings_of(site).plenaries_per_year
