"""Draws of the Assembly and the seats they filled; the draws themselves are the sortition engine's.

A draw row keeps what is published before (pool, quotas or lot specification, planned date, the
source of the public random inputs) and after (the engine's draw record with seed and result),
plus what the bailiff's report needs (people present, signature).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, PublicIdMixin, TimestampMixin, enum_type, utcnow
from parvis.api.bodies import College, Membership
from parvis.api.workflows import state_type


class DrawKind(LabelledEnum):
    # college A: letters from the roll; college C: first stage among card holders
    PREDRAW = "predraw", N_("Pre-draw")
    # college A: stratified LEXIMIN panel with quotas
    PANEL = "panel", N_("Stratified draw")
    # colleges B and C: uniform lot
    LOT = "lot", N_("Drawing of lots")


class DrawStatus(LabelledEnum):
    ANNOUNCED = "announced", N_("Announced")  # inputs frozen and published, random inputs awaited
    DRAWN = "drawn", N_("Drawn, not yet published")
    PUBLISHED = "published", N_("Published")


class AssemblyDraw(PublicIdMixin, TimestampMixin, Base):
    __tablename__ = "assembly_draw"
    __table_args__ = (UniqueConstraint("promotion_id", "college_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_promotion.id", ondelete="CASCADE"), index=True
    )
    college_id: Mapped[int] = mapped_column(ForeignKey("core_college.id", ondelete="CASCADE"))
    kind: Mapped[DrawKind] = mapped_column(enum_type(DrawKind, 16))
    # The workflow's state (parvis.api.workflows): DrawStatus, or a state the city added.
    status: Mapped[DrawStatus] = mapped_column(state_type(DrawStatus, 16), default=DrawStatus.ANNOUNCED)
    seats: Mapped[int] = mapped_column(Integer)
    reserve_size: Mapped[int] = mapped_column(Integer, default=0)
    scheduled_at: Mapped[datetime | None]
    place: Mapped[str] = mapped_column(String(300), default="")
    randomness_source: Mapped[str] = mapped_column(Text, default="")  # how the public inputs are obtained
    pool_csv: Mapped[str | None] = mapped_column(Text)  # canonical pool (pseudonymous ids and strata)
    pool_sha256: Mapped[str] = mapped_column(String(64), default="")
    pool_size: Mapped[int] = mapped_column(Integer, default=0)
    quotas: Mapped[dict[str, Any] | None]  # canonical quotas (panel draws)
    spec: Mapped[dict[str, Any] | None]  # lot specification
    public_inputs: Mapped[list[Any]] = mapped_column(default=list)
    record: Mapped[dict[str, Any] | None]  # the engine's DrawRecord
    seed: Mapped[str] = mapped_column(String(64), default="")
    algorithm: Mapped[str] = mapped_column(String(64), default="")
    software_version: Mapped[str] = mapped_column(String(32), default="")
    drawn_at: Mapped[datetime | None]
    drawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None]
    # The bailiff's report (procès-verbal).
    present: Mapped[str] = mapped_column(Text, default="")
    bailiff: Mapped[str] = mapped_column(String(200), default="")
    report_signed_on: Mapped[date | None]
    report_reference: Mapped[str] = mapped_column(String(80), default="")

    college: Mapped[College] = relationship()


class AssemblySeat(Base):
    """A seat filled by a draw (or a replacement from its reserve): which pool id holds which membership."""

    __tablename__ = "assembly_seat"

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_promotion.id", ondelete="CASCADE"), index=True
    )
    draw_id: Mapped[int] = mapped_column(ForeignKey("assembly_draw.id", ondelete="CASCADE"), index=True)
    membership_id: Mapped[int] = mapped_column(
        ForeignKey("core_membership.id", ondelete="CASCADE"), unique=True
    )
    pool_id: Mapped[str] = mapped_column(String(24))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("assembly_seat.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    vacated_at: Mapped[datetime | None]

    draw: Mapped[AssemblyDraw] = relationship()
    membership: Mapped[Membership] = relationship()
