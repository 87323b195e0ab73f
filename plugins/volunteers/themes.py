"""Theme and label helpers: a theme's name in the reader's language, and the choice lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis import api
from parvis.api import N_, _
from parvis.plugins.volunteers.models import CampaignRole, EventType, MissionKind

if TYPE_CHECKING:
    from parvis.plugins.volunteers.settings import VolunteersSettings

KIND_LABELS = {
    MissionKind.ONE_OFF: N_("One-off"),
    MissionKind.RECURRING: N_("Recurring"),
    MissionKind.REMOTE: N_("Remote"),
}
EVENT_LABELS = {
    EventType.WALK: N_("Guided walk"),
    EventType.VISIT: N_("Visit"),
    EventType.CONFERENCE: N_("Conference"),
    EventType.WORKSHOP: N_("Workshop"),
}
ROLE_LABELS = {
    CampaignRole.TEAM_LEADER: N_("Team leader"),
    CampaignRole.FIELD_VOLUNTEER: N_("Field volunteer"),
}


def theme_label(settings: VolunteersSettings, code: str) -> str:
    return api.theme_label(settings.themes, code, "volunteers")


def theme_choices(settings: VolunteersSettings) -> list[tuple[str, str]]:
    return api.theme_choices(settings.themes, "volunteers")


def label(table: dict[Any, str], value: Any) -> str:
    """A translated label from one of the tables above ("" for None)."""
    return _(table[value]) if value in table else ""


def choices(table: dict[Any, str]) -> list[tuple[str, str]]:
    return [(str(key), _(text)) for key, text in table.items()]
