"""Paper voting: ballot boxes (fixed or mobile, with dated stops) and their counts, entered twice.

Each box's count is entered by two different officials (``slot`` 1 and 2); the unique keys
``(box, slot)`` and ``(box, entered_by)`` make "at most two entries, by two people" a database
guarantee. A report may not count more ballots than signatures (a check constraint).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Base, LabelledEnum, PublicIdMixin, enum_type, utcnow


class BoxKind(LabelledEnum):
    FIXED = "fixed", N_("Fixed ballot box")
    MOBILE = "mobile", N_("Mobile ballot box")


class BallotBox(PublicIdMixin, Base):
    """A ballot box collecting all-city ballots and the ballots of its district."""

    __tablename__ = "budget_ballot_box"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("budget_campaign.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[BoxKind] = mapped_column(enum_type(BoxKind, 16))
    district: Mapped[str] = mapped_column(String(32))
    place: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    stops: Mapped[list[BoxStop]] = relationship(cascade="all, delete-orphan", order_by="BoxStop.starts_at")
    reports: Mapped[list[PaperReport]] = relationship(
        back_populates="box", cascade="all, delete-orphan", order_by="PaperReport.slot"
    )


class BoxStop(Base):
    """Where and when a box can be found (a fixed box has one stop; a mobile one several)."""

    __tablename__ = "budget_box_stop"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    box_id: Mapped[int] = mapped_column(ForeignKey("budget_ballot_box.id", ondelete="CASCADE"), index=True)
    place: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]


class PaperReport(Base):
    """One official's entry of a box's count: signatures, ballots per ballot, counts per grade."""

    __tablename__ = "budget_paper_report"
    __table_args__ = (
        UniqueConstraint("box_id", "slot"),
        UniqueConstraint("box_id", "entered_by_id"),
        CheckConstraint("slot IN (1, 2)", name="slot"),
        CheckConstraint("signatures >= 0 AND city_ballots >= 0 AND district_ballots >= 0", name="counts"),
        CheckConstraint(
            "city_ballots <= signatures AND district_ballots <= signatures", name="ballots_within_signatures"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    box_id: Mapped[int] = mapped_column(ForeignKey("budget_ballot_box.id", ondelete="CASCADE"))
    slot: Mapped[int] = mapped_column(Integer)
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="RESTRICT"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    signatures: Mapped[int] = mapped_column(Integer)
    city_ballots: Mapped[int] = mapped_column(Integer)
    district_ballots: Mapped[int] = mapped_column(Integer)

    box: Mapped[BallotBox] = relationship(back_populates="reports")
    counts: Mapped[list[PaperCount]] = relationship(cascade="all, delete-orphan")


class PaperCount(Base):
    """How many paper ballots of a report gave ``grade`` to a project."""

    __tablename__ = "budget_paper_count"
    __table_args__ = (CheckConstraint("count >= 0 AND grade >= 0", name="non_negative"),)

    report_id: Mapped[int] = mapped_column(
        ForeignKey("budget_paper_report.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("budget_project.id", ondelete="CASCADE"), primary_key=True
    )
    grade: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
