"""Trainings offered to members (public speaking; finding one's place in a participatory process)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import Base, utcnow
from parvis.api.bodies import Meeting


class AssemblyTraining(Base):
    __tablename__ = "assembly_training"
    __table_args__ = (UniqueConstraint("promotion_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("assembly_promotion.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    sessions: Mapped[list[AssemblyTrainingSession]] = relationship(
        back_populates="training", cascade="all, delete-orphan"
    )


class AssemblyTrainingSession(Base):
    """A dated session of a training: a core meeting of kind "training" with a capacity."""

    __tablename__ = "assembly_training_session"
    __table_args__ = (CheckConstraint("capacity > 0", name="positive_capacity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    training_id: Mapped[int] = mapped_column(ForeignKey("assembly_training.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("core_meeting.id", ondelete="CASCADE"), unique=True)
    capacity: Mapped[int] = mapped_column(Integer)

    training: Mapped[AssemblyTraining] = relationship(back_populates="sessions")
    meeting: Mapped[Meeting] = relationship()


class AssemblyEnrolment(Base):
    __tablename__ = "assembly_enrolment"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_training_session.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
