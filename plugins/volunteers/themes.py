"""Theme helpers: a theme's name in the reader's language, and the choice list of themes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.api import _, current_locale

if TYPE_CHECKING:
    from parvis.plugins.volunteers.settings import VolunteersSettings


def theme_label(settings: VolunteersSettings, code: str) -> str:
    theme = settings.theme(code)
    if theme is None:
        return code
    return theme.labels.get(current_locale.get()) or _(theme.label)


def theme_choices(settings: VolunteersSettings) -> list[tuple[str, str]]:
    return [(t.code, theme_label(settings, t.code)) for t in settings.themes]
