"""Published results: a snapshot written once when officials publish, read by every results page.

Keeping the counts that produced the ranks (online and paper, per grade) lets anyone check the
page against the open-data exports and re-run the rules.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import Base
from parvis.plugins.budget.models.projects import Project


class ResultBallot(Base):
    """One ballot's (level's) outcome: participation, envelope and spending."""

    __tablename__ = "budget_result_ballot"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("budget_campaign.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[str] = mapped_column(String(32), primary_key=True)
    rule: Mapped[str] = mapped_column(String(64))
    online_ballots: Mapped[int] = mapped_column(Integer)
    paper_ballots: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    qpop_minimum: Mapped[int] = mapped_column(BigInteger)
    qpop_bonus: Mapped[int] = mapped_column(BigInteger)
    spent: Mapped[int] = mapped_column(BigInteger)
    qpop_spent: Mapped[int] = mapped_column(BigInteger)
    qpop_minimum_met: Mapped[bool]


class ResultProject(Base):
    """A project's rank, whether it won, its counts per grade (worst first) per channel, and the
    figures of the rule's result columns."""

    __tablename__ = "budget_result_project"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("budget_project.id", ondelete="CASCADE"), primary_key=True
    )
    campaign_id: Mapped[int] = mapped_column(ForeignKey("budget_campaign.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(32))
    rank: Mapped[int] = mapped_column(Integer)
    selected: Mapped[bool]
    selection_order: Mapped[int | None] = mapped_column(Integer)
    online: Mapped[list[Any]] = mapped_column(default=list)
    paper: Mapped[list[Any]] = mapped_column(default=list)
    #: The rule's own figures for this project (``AllocationRule.columns``), by column key.
    figures: Mapped[dict[str, Any]] = mapped_column(default=dict)

    project: Mapped[Project] = relationship()

    @property
    def total(self) -> list[int]:
        return [int(a) + int(b) for a, b in zip(self.online, self.paper, strict=True)]
