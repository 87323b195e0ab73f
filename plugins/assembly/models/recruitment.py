"""Recruitment rows: imported lists, pre-drawn residents with their codes, answers, applications.

Personal data lives only here and is deleted after the draw for everyone who was not selected
(see ``services/privacy.py``); what remains is counted in ``AssemblyAggregate``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import Base, PublicIdMixin, utcnow
from parvis.api.bodies import College


class AssemblyImport(Base):
    """An imported list: the electoral roll (college A) or the drawn Citizen Card holders (college C).

    The file waits in the private folder until the pre-draw, then is deleted; its hash stays.
    """

    __tablename__ = "assembly_import"
    __table_args__ = (UniqueConstraint("promotion_id", "college_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("assembly_promotion.id", ondelete="CASCADE"))
    college_id: Mapped[int] = mapped_column(ForeignKey("core_college.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str | None] = mapped_column(String(500))  # None once deleted
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    deleted_at: Mapped[datetime | None]


class AssemblyInvitee(Base):
    """A resident invited to answer: pre-drawn from the roll (A) or a drawn card holder (C).

    Only the SHA-256 of the response code is stored: the letters are produced in the same step as
    the codes, so nobody (database administrators included) can answer in a resident's place.
    A code is used once: ``code_used_at`` is set by a conditional UPDATE.
    """

    __tablename__ = "assembly_invitee"
    __table_args__ = (UniqueConstraint("promotion_id", "college_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_promotion.id", ondelete="CASCADE"), index=True
    )
    college_id: Mapped[int] = mapped_column(ForeignKey("core_college.id", ondelete="CASCADE"))
    source_id: Mapped[str] = mapped_column(String(64))  # the roll's (or card list's) own id
    rank: Mapped[int] = mapped_column(Integer)  # position in the draw order
    given_name: Mapped[str] = mapped_column(String(120), default="")
    family_name: Mapped[str] = mapped_column(String(120), default="")
    birth_date: Mapped[date | None]
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    district: Mapped[str | None] = mapped_column(String(32), index=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    letter_batch: Mapped[int | None] = mapped_column(Integer)
    letter_at: Mapped[datetime | None]
    code_used_at: Mapped[datetime | None]

    college: Mapped[College] = relationship()
    response: Mapped[AssemblyResponse | None] = relationship(back_populates="invitee", uselist=False)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class AssemblyResponse(Base):
    """A questionnaire answer (college A) or an information form (college C).

    ``pool_id`` is the random pseudonym the person has in the published pool of the draw.
    """

    __tablename__ = "assembly_response"
    __table_args__ = (CheckConstraint("consent", name="consent_given"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_promotion.id", ondelete="CASCADE"), index=True
    )
    college_id: Mapped[int] = mapped_column(ForeignKey("core_college.id", ondelete="CASCADE"))
    invitee_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_invitee.id", ondelete="CASCADE"), unique=True
    )
    pool_id: Mapped[str] = mapped_column(String(24), unique=True)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    locale: Mapped[str] = mapped_column(String(8))
    resident: Mapped[bool]
    age_band: Mapped[str | None] = mapped_column(String(16))
    gender: Mapped[str] = mapped_column(String(16))
    education: Mapped[str | None] = mapped_column(String(32))
    district: Mapped[str] = mapped_column(String(32))
    neighbourhood: Mapped[str | None] = mapped_column(String(64))
    qpop: Mapped[bool] = mapped_column(default=False)
    availability: Mapped[str] = mapped_column(String(16))
    consent: Mapped[bool]
    guardian_agreement: Mapped[bool | None]
    contact: Mapped[str | None] = mapped_column(String(254))

    invitee: Mapped[AssemblyInvitee] = relationship(back_populates="response")


class AssemblyApplication(PublicIdMixin, Base):
    """An application to college B (residents from outside the EU), from a signed-in account."""

    __tablename__ = "assembly_application"
    __table_args__ = (
        UniqueConstraint("promotion_id", "account_id"),
        CheckConstraint("consent", name="consent_given"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_promotion.id", ondelete="CASCADE"), index=True
    )
    college_id: Mapped[int] = mapped_column(ForeignKey("core_college.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("core_person.id", ondelete="SET NULL"))
    pool_id: Mapped[str] = mapped_column(String(24), unique=True)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    birth_date: Mapped[date]
    nationality: Mapped[str] = mapped_column(String(2))
    gender: Mapped[str] = mapped_column(String(16))
    district: Mapped[str] = mapped_column(String(32))
    neighbourhood: Mapped[str | None] = mapped_column(String(64))
    availability: Mapped[str] = mapped_column(String(16))
    motivation: Mapped[str] = mapped_column(Text, default="")
    consent: Mapped[bool]
    eligible: Mapped[bool]
    reasons: Mapped[list[Any]] = mapped_column(default=list)  # failed conditions, as shown to the applicant
