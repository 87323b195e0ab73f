"""Campaigns: large one-night operations (the Nuit de la Solidarité) with roles and teams."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import N_, Account, Base, LabelledEnum, TimestampMixin, enum_type, utcnow

# Module-qualified names: other plugins may have classes with the same names (budget has a Campaign).
_CAMPAIGNS = "parvis.plugins.volunteers.models.campaigns."


class CampaignRole(LabelledEnum):
    TEAM_LEADER = "team_leader", N_("Team leader")
    FIELD_VOLUNTEER = "field_volunteer", N_("Field volunteer")


class VolunteerCampaign(TimestampMixin, Base):
    __tablename__ = "volunteers_campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    charter: Mapped[str] = mapped_column(Text, default="")  # the ethics charter volunteers accept
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    min_age: Mapped[int] = mapped_column(default=18)
    team_min_size: Mapped[int] = mapped_column(default=4)
    team_max_size: Mapped[int] = mapped_column(default=5)
    registration_open: Mapped[bool] = mapped_column(default=True)

    signups: Mapped[list[CampaignSignup]] = relationship(
        _CAMPAIGNS + "CampaignSignup", back_populates="campaign", cascade="all, delete-orphan"
    )
    teams: Mapped[list[CampaignTeam]] = relationship(
        _CAMPAIGNS + "CampaignTeam",
        back_populates="campaign",
        cascade="all, delete-orphan",
        order_by=lambda: CampaignTeam.number,
    )


class CampaignTeam(Base):
    __tablename__ = "volunteers_team"
    __table_args__ = (UniqueConstraint("campaign_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("volunteers_campaign.id", ondelete="CASCADE"))
    number: Mapped[int]
    district: Mapped[str] = mapped_column(String(32))

    campaign: Mapped[VolunteerCampaign] = relationship(
        _CAMPAIGNS + "VolunteerCampaign", back_populates="teams"
    )
    signups: Mapped[list[CampaignSignup]] = relationship(_CAMPAIGNS + "CampaignSignup", back_populates="team")


class CampaignSignup(Base):
    __tablename__ = "volunteers_campaign_signup"
    __table_args__ = (UniqueConstraint("campaign_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("volunteers_campaign.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[CampaignRole] = mapped_column(enum_type(CampaignRole, 16))
    district: Mapped[str] = mapped_column(String(32))
    charter_accepted_at: Mapped[datetime]
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers_team.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    campaign: Mapped[VolunteerCampaign] = relationship(
        _CAMPAIGNS + "VolunteerCampaign", back_populates="signups"
    )
    team: Mapped[CampaignTeam | None] = relationship(_CAMPAIGNS + "CampaignTeam", back_populates="signups")
    account: Mapped[Account] = relationship(Account)
