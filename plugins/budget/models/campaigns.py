"""A yearly campaign, its dated phases and its envelopes.

A *level* names a ballot: ``"city"`` for the all-city ballot, else a district code from the site
configuration. Money is in integer cents; times are UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, PublicIdMixin, TimestampMixin, enum_type

CITY = "city"


class PhaseKind(LabelledEnum):
    IDEAS = "ideas", N_("Submission of ideas")
    CO_CONSTRUCTION = "co_construction", N_("Co-construction workshops")
    STUDY = "study", N_("Technical study and costing")
    VOTE = "vote", N_("Vote")
    RESULTS = "results", N_("Results")
    REALISATION = "realisation", N_("Realisation")


class Campaign(PublicIdMixin, TimestampMixin, Base):
    """One yearly participatory budget. ``rule`` and ``n_grades`` are copied from the settings at
    creation and frozen with the envelopes and ballots once the first ballot is cast.

    ``rule_description`` is what the campaign keeps of its rule (name, version, parameters, the
    labels of its scale and result columns in each language; ``ballot_rules.describe_rule``),
    written when the rule is chosen (creation, or a change before the first ballot) and kept
    once ballots exist; campaigns older than it get it with their first paper count or at
    publication. Results stay readable if the rule's plugin is later removed."""

    __tablename__ = "budget_campaign"
    __table_args__ = (
        CheckConstraint("total_amount >= 0 AND citywide_amount >= 0", name="amounts"),
        CheckConstraint("citywide_amount <= total_amount", name="citywide_within_total"),
        CheckConstraint("n_grades >= 2", name="n_grades"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    total_amount: Mapped[int] = mapped_column(BigInteger)
    citywide_amount: Mapped[int] = mapped_column(BigInteger)
    rule: Mapped[str] = mapped_column(String(64))
    n_grades: Mapped[int] = mapped_column(Integer)
    qpop_mode: Mapped[str] = mapped_column(String(16), default="minimum")
    qpop_percent: Mapped[int] = mapped_column(Integer, default=25)
    rule_description: Mapped[dict[str, Any] | None]
    results_published_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))

    phases: Mapped[list[Phase]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Phase.starts_at"
    )
    envelopes: Mapped[list[BudgetEnvelope]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="BudgetEnvelope.id"
    )

    def phase(self, kind: PhaseKind) -> Phase | None:
        return next((p for p in self.phases if p.kind == kind), None)

    def envelope(self, level: str) -> BudgetEnvelope | None:
        return next((e for e in self.envelopes if e.level == level), None)


class Phase(Base):
    """A dated phase; phases follow each other in the order of ``PhaseKind`` without overlapping."""

    __tablename__ = "budget_phase"
    __table_args__ = (
        UniqueConstraint("campaign_id", "kind"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("budget_campaign.id", ondelete="CASCADE"))
    kind: Mapped[PhaseKind] = mapped_column(enum_type(PhaseKind, 20))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]

    campaign: Mapped[Campaign] = relationship(back_populates="phases")

    def is_open(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


class BudgetEnvelope(Base):
    """The money of one ballot (all-city or one district), with its Qpop minimum or bonus."""

    __tablename__ = "budget_envelope"
    __table_args__ = (
        UniqueConstraint("campaign_id", "level"),
        CheckConstraint("amount >= 0 AND qpop_minimum >= 0 AND qpop_bonus >= 0", name="non_negative"),
        CheckConstraint("qpop_minimum <= amount", name="minimum_within_amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("budget_campaign.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(32))
    amount: Mapped[int] = mapped_column(BigInteger)
    qpop_minimum: Mapped[int] = mapped_column(BigInteger, default=0)
    qpop_bonus: Mapped[int] = mapped_column(BigInteger, default=0)

    campaign: Mapped[Campaign] = relationship(back_populates="envelopes")
