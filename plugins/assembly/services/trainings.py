"""Trainings for members (public speaking; finding one's place in a participatory process):
sessions are core meetings of kind ``training`` with a capacity, members enrol themselves.
The capacity holds under concurrency: the session row is locked (PostgreSQL) or the write
transaction is serialised (SQLite) before counting."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import _, bodies, utcnow
from parvis.api.bodies import Body
from parvis.plugins.assembly.kinds import TRAINING
from parvis.plugins.assembly.models import (
    AssemblyEnrolment,
    AssemblyPromotion,
    AssemblyTraining,
    AssemblyTrainingSession,
)
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.services.groups import active_membership

if TYPE_CHECKING:
    from parvis.api import Site


def of_promotion(db: Session, promotion: AssemblyPromotion) -> list[AssemblyTraining]:
    return list(
        db.scalars(
            select(AssemblyTraining)
            .where(AssemblyTraining.promotion_id == promotion.id)
            .order_by(AssemblyTraining.id)
        )
    )


def by_slug(db: Session, promotion: AssemblyPromotion, slug: str) -> AssemblyTraining | None:
    return db.scalar(
        select(AssemblyTraining).where(
            AssemblyTraining.promotion_id == promotion.id, AssemblyTraining.slug == slug[:80]
        )
    )


def add_training(
    db: Session, promotion: AssemblyPromotion, *, title: str, description: str = ""
) -> AssemblyTraining:
    title = (title or "").strip()
    if not title:
        raise AssemblyError(_("This field is required."), "title")
    slug = bodies.unique_slug(
        db, AssemblyTraining.slug, title, AssemblyTraining.promotion_id == promotion.id, fallback="training"
    )
    training = AssemblyTraining(
        promotion_id=promotion.id, slug=slug, title=title[:200], description=(description or "").strip()
    )
    db.add(training)
    db.flush()
    return training


def add_session(
    db: Session,
    site: Site,
    training: AssemblyTraining,
    *,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    capacity: int,
) -> AssemblyTrainingSession:
    if capacity is None or capacity <= 0:
        raise AssemblyError(_("Enter a number of at least {minimum}.").format(minimum=1), "capacity")
    promotion = db.get(AssemblyPromotion, training.promotion_id)
    assert promotion is not None
    body = db.get(Body, promotion.body_id)
    assert body is not None
    try:
        meeting = bodies.add_meeting(
            db,
            site,
            body,
            title=training.title,
            starts_at=starts_at,
            ends_at=ends_at,
            kind=TRAINING,
            place=place,
        )
    except bodies.BodyError as error:
        raise AssemblyError(error.message, error.field) from None
    session = AssemblyTrainingSession(training=training, meeting_id=meeting.id, capacity=capacity)
    db.add(session)
    db.flush()
    return session


def enrolled_count(db: Session, session: AssemblyTrainingSession) -> int:
    return int(db.scalar(select(func.count()).where(AssemblyEnrolment.session_id == session.id)) or 0)


def counts(db: Session, session_ids: list[int]) -> dict[int, int]:
    if not session_ids:
        return {}
    return dict(
        db.execute(
            select(AssemblyEnrolment.session_id, func.count())
            .where(AssemblyEnrolment.session_id.in_(session_ids))
            .group_by(AssemblyEnrolment.session_id)
        ).all()
    )


def enrolments_of(db: Session, person_id: int | None) -> set[int]:
    if person_id is None:
        return set()
    return set(
        db.scalars(select(AssemblyEnrolment.session_id).where(AssemblyEnrolment.person_id == person_id))
    )


def session_by_id(db: Session, session_id: int) -> AssemblyTrainingSession | None:
    return db.get(AssemblyTrainingSession, session_id)


def enrol(
    db: Session, promotion: AssemblyPromotion, session: AssemblyTrainingSession, person_id: int | None
) -> None:
    if session.training.promotion_id != promotion.id:
        raise AssemblyError(_("Choose among the options shown."))
    if active_membership(db, promotion, person_id) is None:
        raise AssemblyError(_("Trainings are for active members of the promotion."))
    if session.meeting.starts_at <= utcnow():
        raise AssemblyError(_("This session has already started."))
    db.execute(
        select(AssemblyTrainingSession.id).where(AssemblyTrainingSession.id == session.id).with_for_update()
    )
    if enrolled_count(db, session) >= session.capacity:
        raise AssemblyError(_("This session is full."))
    try:
        with db.begin_nested():
            db.add(AssemblyEnrolment(session_id=session.id, person_id=person_id))
    except IntegrityError:
        raise AssemblyError(_("You are already enrolled in this session.")) from None


def unenrol(db: Session, session: AssemblyTrainingSession, person_id: int | None) -> None:
    db.execute(
        delete(AssemblyEnrolment).where(
            AssemblyEnrolment.session_id == session.id, AssemblyEnrolment.person_id == person_id
        )
    )
    db.flush()


def participants(db: Session, session: AssemblyTrainingSession) -> list[int]:
    return list(
        db.scalars(select(AssemblyEnrolment.person_id).where(AssemblyEnrolment.session_id == session.id))
    )
