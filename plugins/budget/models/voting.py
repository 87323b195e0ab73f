"""Secret online voting: who voted and what was voted live in two tables with no link.

``budget_voter_record`` says a person used their all-city or district ballot; its primary key
``(campaign, scope, person)`` is the database's guarantee of one ballot per voter and scope, even
under concurrent requests. ``budget_ballot`` holds the anonymous contents: a random id, the level,
the hash of the voter's receipt code, the day (never a finer time) and the grades packed one byte
per project in ballot order. Nothing in a ballot row refers to a person, and nothing in either
table records when in the day a row was written. On SQLite the ballot table has no rowid (rows are
stored by campaign, level and random id); on PostgreSQL ``services.tally.scramble`` rewrites it in
random-id order when the vote is counted (see docs/budget.md).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from parvis.api import N_, Base, LabelledEnum, enum_type, utcnow


class Scope(LabelledEnum):
    """The two ballots a voter gets: one all-city, one for a district of their choice."""

    CITY = "city", N_("Ballot for {site.whole_city}")
    DISTRICT = "district", N_("{site.district:Name} ballot")


class VoterRecord(Base):
    """ "Has voted": one row per person, campaign and scope. No time, no ballot reference."""

    __tablename__ = "budget_voter_record"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("budget_campaign.id", ondelete="CASCADE"), primary_key=True
    )
    scope: Mapped[Scope] = mapped_column(enum_type(Scope, 16), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("core_person.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Ballot(Base):
    """One anonymous ballot. ``grades[i]`` is the grade (0 = worst) of the project at ballot
    position ``i`` of its level; a project left blank is stored as the worst grade."""

    __tablename__ = "budget_ballot"
    # The key starts with (campaign, level): SQLite stores the table in key order (no rowid), so
    # one ballot's rows are contiguous and counting them is a sequential read.
    __table_args__ = ({"sqlite_with_rowid": False},)

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("budget_campaign.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    grades: Mapped[bytes] = mapped_column(LargeBinary)
    receipt_hash: Mapped[str] = mapped_column(String(64), unique=True)
    cast_on: Mapped[date]


class VerificationStatus(LabelledEnum):
    PENDING = "pending", N_("Awaiting an official's check")
    VERIFIED = "verified", N_("Residence confirmed")
    REFUSED = "refused", N_("Residence not confirmed")


class Verification(Base):
    """An official's check of a resident's residence (only with ``verification = "official"``)."""

    __tablename__ = "budget_verification"

    person_id: Mapped[int] = mapped_column(ForeignKey("core_person.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[VerificationStatus] = mapped_column(
        enum_type(VerificationStatus, 16), default=VerificationStatus.PENDING, index=True
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(300), default="")
