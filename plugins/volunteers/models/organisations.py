"""Organisations (associations, and the City itself) and the accounts that act for them."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Account, Base, LabelledEnum, TimestampMixin, enum_type


class OrgKind(enum.StrEnum):
    ASSOCIATION = "association"
    CITY = "city"


class OrgRole(LabelledEnum):
    # manages the organisation's members, and its missions like any member
    ADMIN = "admin", N_("Manages the organisation")
    MEMBER = "member", N_("Proposes missions")


class Organisation(TimestampMixin, Base):
    __tablename__ = "volunteers_organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrgKind] = mapped_column(enum_type(OrgKind, 16), default=OrgKind.ASSOCIATION)
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    district: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)

    members: Mapped[list[OrgMember]] = relationship(
        "parvis.plugins.volunteers.models.organisations.OrgMember",
        back_populates="organisation",
        cascade="all, delete-orphan",
    )


class OrgMember(Base):
    __tablename__ = "volunteers_org_member"
    __table_args__ = (UniqueConstraint("organisation_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("volunteers_organisation.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[OrgRole] = mapped_column(enum_type(OrgRole, 16), default=OrgRole.MEMBER)

    organisation: Mapped[Organisation] = relationship(
        "parvis.plugins.volunteers.models.organisations.Organisation", back_populates="members"
    )
    account: Mapped[Account] = relationship(Account)
