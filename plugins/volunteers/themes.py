"""Theme helpers: a theme's name in the reader's language, and the choice list of themes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis import api

if TYPE_CHECKING:
    from parvis.plugins.volunteers.settings import VolunteersSettings


def theme_label(settings: VolunteersSettings, code: str) -> str:
    return api.theme_label(settings.themes, code, "volunteers")


def theme_choices(settings: VolunteersSettings) -> list[tuple[str, str]]:
    return api.theme_choices(settings.themes, "volunteers")
