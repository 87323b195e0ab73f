"""The history of every move through a workflow: who, when, from which state to which, and why.

One row per transition, for every life cycle that does not keep a history of its own (decisions
keep their public, append-only follow-up history instead: ``LifeCycle.record``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from parvis.db import Base, utcnow


class WorkflowEvent(Base):
    __tablename__ = "core_workflow_event"
    __table_args__ = (Index("ix_core_workflow_event_subject", "kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))  # the life cycle: "volunteers.mission"...
    subject_id: Mapped[int] = mapped_column(Integer)  # the moved row's id in the life cycle's table
    workflow: Mapped[str] = mapped_column(String(64))
    transition: Mapped[str] = mapped_column(String(64))  # the transition's key (its name, or its target)
    from_state: Mapped[str | None] = mapped_column(String(64))  # None: created in its initial state
    to_state: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True
    )
    actor_name: Mapped[str] = mapped_column(
        String(200), default=""
    )  # as shown at the time; "" = the platform
    comment: Mapped[str] = mapped_column(Text, default="")
