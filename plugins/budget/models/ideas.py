"""Ideas submitted by residents (their photos are in core's photo store, ``parvis.api.photos``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from parvis.api import N_, Base, LabelledEnum, PublicIdMixin, TimestampMixin
from parvis.api.workflows import state_type


class IdeaStatus(LabelledEnum):
    SUBMITTED = "submitted", N_("Submitted, awaiting review")
    ADMISSIBLE = "admissible", N_("Admissible")
    REJECTED = "rejected", N_("Not admissible")
    IN_PROJECT = "in_project", N_("Part of a project")


class Idea(PublicIdMixin, TimestampMixin, Base):
    """A resident's idea. ``author_name`` is the name published (never a child's family name);
    the person link stays private, for the review of the "resident aged 7+" criterion."""

    __tablename__ = "budget_idea"
    __table_args__ = (
        Index("ix_budget_idea_campaign_status", "campaign_id", "status"),
        Index("ix_budget_idea_campaign_district", "campaign_id", "district"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("budget_campaign.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(32))
    district: Mapped[str | None] = mapped_column(String(32))
    place: Mapped[str] = mapped_column(String(200), default="")
    theme: Mapped[str] = mapped_column(String(40))
    author_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_person.id", ondelete="SET NULL"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(200))
    collective: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[IdeaStatus] = mapped_column(state_type(IdeaStatus, 16), default=IdeaStatus.SUBMITTED)
    failed_criteria: Mapped[list[Any]] = mapped_column(default=list)
    review_reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
