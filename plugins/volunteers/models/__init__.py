"""The volunteers plugin's tables (all prefixed ``volunteers_``), one module per concept."""

from parvis.plugins.volunteers.models.campaigns import (
    CampaignRole,
    CampaignSignup,
    CampaignTeam,
    VolunteerCampaign,
)
from parvis.plugins.volunteers.models.messaging import CalendarFeed, NoticeKind, SentLog
from parvis.plugins.volunteers.models.missions import (
    MISSION,
    Category,
    EventType,
    Mission,
    MissionKind,
    MissionStatus,
    Slot,
)
from parvis.plugins.volunteers.models.organisations import Organisation, OrgKind, OrgMember, OrgRole
from parvis.plugins.volunteers.models.participation import Participation, ParticipationStatus

__all__ = [
    "MISSION",
    "CalendarFeed",
    "CampaignRole",
    "CampaignSignup",
    "CampaignTeam",
    "Category",
    "EventType",
    "Mission",
    "MissionKind",
    "MissionStatus",
    "NoticeKind",
    "OrgKind",
    "OrgMember",
    "OrgRole",
    "Organisation",
    "Participation",
    "ParticipationStatus",
    "SentLog",
    "Slot",
    "VolunteerCampaign",
]

# The full-text objects are created with the mission table, whoever creates it (tests, benchmarks):
# register that before any create_all can run, i.e. as soon as the models exist.
from parvis.plugins.volunteers.search import schema as _schema  # noqa: F401
