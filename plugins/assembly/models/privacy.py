"""What privacy leaves behind: the officials' access log and the aggregates kept after a purge."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parvis.db import Base, utcnow


class AssemblyAccessLog(Base):
    """One row each time an official sees or exports personal data: who, when, what, how many."""

    __tablename__ = "assembly_access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    account_name: Mapped[str] = mapped_column(String(200), default="")  # kept if the account goes
    promotion_id: Mapped[int | None] = mapped_column(
        ForeignKey("assembly_promotion.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    records: Mapped[int] = mapped_column(Integer, default=0)


class AssemblyAggregate(Base):
    """A count kept after personal answers are deleted (letters, answers, pool, seats by stratum)."""

    __tablename__ = "assembly_aggregate"
    __table_args__ = (UniqueConstraint("promotion_id", "college_code", "measure", "dimension", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("assembly_promotion.id", ondelete="CASCADE"))
    college_code: Mapped[str] = mapped_column(String(32))
    measure: Mapped[str] = mapped_column(String(32))  # invited, answered, pool, selected
    dimension: Mapped[str] = mapped_column(String(32))  # all, district, age, gender, education, qpop
    value: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer)
