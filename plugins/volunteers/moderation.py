"""Reports and hiding: anyone signed in may report a mission; officials hide it or dismiss the reports."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import Refused, _, utcnow
from parvis.plugins.volunteers.models import Mission, Report

MAX_REASON = 2000


class ReportError(Refused):
    """A report that cannot be made: empty (400) or already made (409)."""


def report(db: Session, mission: Mission, account_id: int, reason: str) -> Report:
    reason = reason.strip()
    if not reason:
        raise ReportError(_("Please say what is wrong with this mission."), "reason", status_code=400)
    if db.scalar(select(Report.id).where(Report.mission_id == mission.id, Report.account_id == account_id)):
        raise ReportError(_("You have already reported this mission; officials will look at it."))
    entry = Report(mission_id=mission.id, account_id=account_id, reason=reason[:MAX_REASON])
    db.add(entry)
    try:
        db.flush()
    except IntegrityError:  # reported at the same moment in another request: this one rolls back
        raise ReportError(_("You have already reported this mission; officials will look at it.")) from None
    db.execute(
        update(Mission)
        .where(Mission.id == mission.id)
        .values(report_count=Mission.report_count + 1)
        .execution_options(synchronize_session=False)
    )
    return entry


def open_reports(db: Session, mission: Mission) -> list[Report]:
    return list(
        db.scalars(
            select(Report)
            .where(Report.mission_id == mission.id, Report.resolved_at.is_(None))
            .order_by(Report.id)
        )
    )


def _resolve(db: Session, mission: Mission) -> None:
    db.execute(
        update(Report)
        .where(Report.mission_id == mission.id, Report.resolved_at.is_(None))
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    mission.report_count = 0


def hide(db: Session, mission: Mission) -> None:
    mission.hidden = True
    _resolve(db, mission)


def show(db: Session, mission: Mission) -> None:
    mission.hidden = False


def dismiss(db: Session, mission: Mission) -> None:
    _resolve(db, mission)
