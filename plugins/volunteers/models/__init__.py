"""The volunteers plugin's tables (all prefixed ``volunteers_``), one module per concept."""

from parvis.plugins.volunteers.models.campaigns import (
    CampaignRole,
    CampaignSignup,
    CampaignTeam,
    VolunteerCampaign,
)
from parvis.plugins.volunteers.models.messaging import CalendarFeed, Notice, NoticeKind, OutboxMail, SentLog
from parvis.plugins.volunteers.models.missions import (
    Category,
    EventType,
    Mission,
    MissionKind,
    MissionStatus,
    Report,
    Slot,
)
from parvis.plugins.volunteers.models.organisations import Organisation, OrgKind, OrgMember, OrgRole
from parvis.plugins.volunteers.models.participation import Participation, ParticipationStatus

__all__ = [
    "CalendarFeed",
    "CampaignRole",
    "CampaignSignup",
    "CampaignTeam",
    "Category",
    "EventType",
    "Mission",
    "MissionKind",
    "MissionStatus",
    "Notice",
    "NoticeKind",
    "OrgKind",
    "OrgMember",
    "OrgRole",
    "Organisation",
    "OutboxMail",
    "Participation",
    "ParticipationStatus",
    "Report",
    "SentLog",
    "Slot",
    "VolunteerCampaign",
]
