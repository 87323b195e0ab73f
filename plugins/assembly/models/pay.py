"""Compensation: the dated rate table and the payment batches exported to the finance department."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import Base, Person, PublicIdMixin, utcnow


class AssemblyRate(Base):
    """A rate per half-day in force from ``effective_from`` until the next row's date."""

    __tablename__ = "assembly_rate"
    __table_args__ = (
        UniqueConstraint("body_id", "effective_from"),
        CheckConstraint("half_day_cents > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"))
    effective_from: Mapped[date]
    half_day_cents: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))


class AssemblyPaymentBatch(PublicIdMixin, Base):
    """One export for the finance department: what was owed for a period and not exported before."""

    __tablename__ = "assembly_payment_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("assembly_promotion.id", ondelete="CASCADE"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    exported_at: Mapped[datetime] = mapped_column(default=utcnow)
    exported_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    total_cents: Mapped[int] = mapped_column(Integer, default=0)

    lines: Mapped[list[AssemblyPaymentLine]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="AssemblyPaymentLine.id"
    )


class AssemblyPaymentLine(Base):
    __tablename__ = "assembly_payment_line"
    __table_args__ = (UniqueConstraint("batch_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("assembly_payment_batch.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="RESTRICT"), index=True)
    period_start: Mapped[date]
    half_days: Mapped[int] = mapped_column(Integer)
    cents: Mapped[int] = mapped_column(Integer)

    batch: Mapped[AssemblyPaymentBatch] = relationship(back_populates="lines")
    person: Mapped[Person] = relationship()
