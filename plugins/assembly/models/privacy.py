"""What privacy leaves behind: the officials' access log and the aggregates kept after a purge."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parvis.api import Base


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
