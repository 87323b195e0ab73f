"""Theme and label helpers: a theme's name in the reader's language, and the choice lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.api import N_, _, current_locale
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
    theme = settings.theme(code)
    if theme is None:
        return code
    return theme.labels.get(current_locale.get()) or _(theme.label)


def theme_choices(settings: VolunteersSettings) -> list[tuple[str, str]]:
    return [(t.code, theme_label(settings, t.code)) for t in settings.themes]


def label(table: dict[Any, str], value: Any) -> str:
    """A translated label from one of the tables above ("" for None)."""
    return _(table[value]) if value in table else ""


def choices(table: dict[Any, str]) -> list[tuple[str, str]]:
    return [(str(key), _(text)) for key, text in table.items()]
