"""The councils' money (tables, re-exported by ``models``): their two credits, the allocation of each
for a year, the spending decisions they vote and the expenses paid against them. Amounts in cents.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, enum_type

P = "neighbourhood_councils_"  # the plugin's table prefix (models' tables use it too)


class Credit(LabelledEnum):
    """A council's two envelopes: running costs, and equipment or works (kept apart by law)."""

    OPERATING = "operating", N_("Operating allocation")
    INVESTMENT = "investment", N_("Investment credits")


class Allocation(Base):
    """A council's allocation of one credit for a year, when officials set one (else the setting)."""

    __tablename__ = P + "allocation"
    __table_args__ = (
        UniqueConstraint("council_id", "year", "credit"),
        CheckConstraint("amount >= 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_allocation_council_id")
    )
    year: Mapped[int]
    credit: Mapped[Credit] = mapped_column(enum_type(Credit, 16), default=Credit.OPERATING)
    amount: Mapped[int]  # cents


class Spending(Base):
    """A spending decision voted by the council: what for, how much at most."""

    __tablename__ = P + "spending"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey(P + "council.id", ondelete="CASCADE", name="fk_nbhd_spending_council_id"), index=True
    )
    year: Mapped[int]
    credit: Mapped[Credit] = mapped_column(enum_type(Credit, 16), default=Credit.OPERATING)
    title: Mapped[str] = mapped_column(String(200))
    amount: Mapped[int]  # cents
    decided_on: Mapped[date]

    expenses: Mapped[list[Expense]] = relationship(
        back_populates="spending", order_by="Expense.paid_on", cascade="all, delete-orphan"
    )


class Expense(Base):
    """Money actually spent against a spending decision."""

    __tablename__ = P + "expense"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    spending_id: Mapped[int] = mapped_column(
        ForeignKey(P + "spending.id", ondelete="CASCADE", name="fk_nbhd_expense_spending_id"), index=True
    )
    label: Mapped[str] = mapped_column(String(200))
    amount: Mapped[int]  # cents
    paid_on: Mapped[date]

    spending: Mapped[Spending] = relationship(back_populates="expenses")
