"""People and accounts.

A Person holds a resident's eligibility facts; an Account is a login. They are separate because
most people in a sortition pool or an electoral roll never sign in, and an official may create a
person record before its owner has an account.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.db import Base, PublicIdMixin, TimestampMixin, enum_type, utcnow
from parvis.enums import LabelledEnum
from parvis.i18n import N_, _


class NationalityGroup(LabelledEnum):
    FRENCH = "fr", N_("French")
    OTHER_EU = "eu", N_("Citizen of another EU country")
    NON_EU = "non_eu", N_("Citizen of a country outside the EU")


class Gender(LabelledEnum):
    WOMAN = "woman", N_("Woman")
    MAN = "man", N_("Man")
    OTHER = "other", N_("Other or undisclosed")


class Person(PublicIdMixin, TimestampMixin, Base):
    __tablename__ = "core_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    birth_date: Mapped[date | None]
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender, 16))
    nationality_group: Mapped[NationalityGroup | None] = mapped_column(enum_type(NationalityGroup, 16))
    nationality: Mapped[str | None] = mapped_column(String(2))  # ISO 3166 alpha-2
    resident: Mapped[bool] = mapped_column(default=False)
    district: Mapped[str | None] = mapped_column(String(32), index=True)
    neighbourhood: Mapped[str | None] = mapped_column(String(64))
    qpop: Mapped[bool] = mapped_column(default=False)  # lives in a working-class neighbourhood
    address: Mapped[str | None] = mapped_column(String(300))
    # Set when the person's data was erased (``parvis.privacy.erase``): the row stays only because
    # kept records still refer to it (a membership, a pay record), with no facts and no name
    # unless a pay record needs it.
    erased_at: Mapped[datetime | None]

    account: Mapped[Account | None] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        name = f"{self.given_name} {self.family_name}".strip()
        if not name and self.erased_at is not None:
            return _("Erased person")
        return name

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Account(PublicIdMixin, TimestampMixin, Base):
    __tablename__ = "core_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(120))
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    # When the owner proved they receive mail at ``email`` (a link sent there was opened).
    email_verified_at: Mapped[datetime | None]
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_person.id", ondelete="SET NULL"), unique=True
    )

    person: Mapped[Person | None] = relationship(back_populates="account")
    roles: Mapped[list[RoleGrant]] = relationship(
        back_populates="account", cascade="all, delete-orphan", foreign_keys="RoleGrant.account_id"
    )


class RoleGrant(Base):
    """A role given to an account: site-wide (body_id and district None), for one body, or in one
    district (an official of a district's town hall; one row per district).

    A district grant counts only for actions declared ``district_scoped`` (``Action``), on
    resources of that district: it is never a site-wide role.
    """

    __tablename__ = "core_role_grant"
    __table_args__ = (
        UniqueConstraint("account_id", "role", "body_id"),
        Index("ix_core_role_grant_district", "account_id", "role", "district", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    body_id: Mapped[int | None] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"))
    district: Mapped[str | None] = mapped_column(String(32))  # a code of the site's [[districts]]
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))

    account: Mapped[Account] = relationship(back_populates="roles", foreign_keys=[account_id])
