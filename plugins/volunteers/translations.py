"""The volunteers' translatable texts: each mission's title and description, translated by whoever
may edit the mission (its organisation's members, the officials). Themes are settings translated
through the catalogs."""

from __future__ import annotations

from parvis.api import hookimpl, lazy_gettext
from parvis.api.content_translations import TranslatableKind
from parvis.plugins.volunteers.content import MISSION
from parvis.plugins.volunteers.models import Mission
from parvis.plugins.volunteers.permissions import MANAGE_MISSION

__all__ = ["MISSION", "register_translatable_kinds"]  # MISSION: the web pages and tests import it here


@hookimpl
def register_translatable_kinds() -> list[TranslatableKind]:
    return [
        TranslatableKind.titled(
            MISSION,
            lazy_gettext("Volunteer mission"),
            Mission,
            action=MANAGE_MISSION,
            edit_path=lambda mission: f"/volunteers/missions/{mission.public_id}/edit",
        )
    ]
