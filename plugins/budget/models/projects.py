"""Projects built from ideas in co-construction workshops, costed and put on the ballots."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, PublicIdMixin, TimestampMixin
from parvis.api.workflows import state_type
from parvis.plugins.budget.models.campaigns import Campaign
from parvis.plugins.budget.models.ideas import Idea


class ProjectStatus(LabelledEnum):
    STUDY = "study", N_("In study")
    ON_BALLOT = "on_ballot", N_("On the ballot")
    NOT_FEASIBLE = "not_feasible", N_("Not feasible")
    SELECTED = "selected", N_("Winning project")
    NOT_SELECTED = "not_selected", N_("Not selected")


class Workshop(PublicIdMixin, Base):
    """A co-construction workshop where residents and officials merge ideas into projects."""

    __tablename__ = "budget_workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("budget_campaign.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(32))
    held_on: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Project(PublicIdMixin, TimestampMixin, Base):
    """A project. On a ballot it has a position, the index of its grade in every stored ballot of
    its level; ``(campaign, level, ballot_position)`` is unique and frozen once voting starts."""

    __tablename__ = "budget_project"
    __table_args__ = (
        UniqueConstraint("campaign_id", "level", "ballot_position"),
        CheckConstraint("cost IS NULL OR cost >= 0", name="cost"),
        CheckConstraint("ballot_position IS NULL OR ballot_position >= 0", name="ballot_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("budget_campaign.id", ondelete="CASCADE"), index=True)
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("budget_workshop.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(32))
    theme: Mapped[str] = mapped_column(String(40))
    place: Mapped[str] = mapped_column(String(200), default="")
    # Where it is built, for the map of realisations (optional).
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    cost: Mapped[int | None] = mapped_column(BigInteger)
    qpop: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ProjectStatus] = mapped_column(state_type(ProjectStatus, 16), default=ProjectStatus.STUDY)
    ballot_position: Mapped[int | None] = mapped_column(Integer)
    # Realisation: the core follow-up tracker's decision for a winning project.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("core_decision.id", ondelete="SET NULL"))

    ideas: Mapped[list[Idea]] = relationship(secondary="budget_project_idea", order_by="Idea.id")
    workshop: Mapped[Workshop | None] = relationship()
    campaign: Mapped[Campaign] = relationship()


class ProjectIdea(Base):
    """The link kept between a project and the ideas merged into it (an idea joins one project)."""

    __tablename__ = "budget_project_idea"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("budget_project.id", ondelete="CASCADE"), primary_key=True
    )
    idea_id: Mapped[int] = mapped_column(
        ForeignKey("budget_idea.id", ondelete="CASCADE"), primary_key=True, unique=True
    )
