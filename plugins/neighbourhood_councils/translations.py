"""The neighbourhood councils' translatable texts: each council's name and description and each
Beautify programme's title, translated by the officials of its district."""

from __future__ import annotations

from parvis.api import hookimpl, lazy_gettext
from parvis.api.content_translations import TranslatableKind
from parvis.plugins.neighbourhood_councils.content import COUNCIL, PROGRAMME
from parvis.plugins.neighbourhood_councils.models import Council, Programme
from parvis.plugins.neighbourhood_councils.permissions import MANAGE


@hookimpl
def register_translatable_kinds() -> list[TranslatableKind]:
    return [
        TranslatableKind.titled(
            COUNCIL,
            lazy_gettext("Neighbourhood council"),
            Council,
            action=MANAGE,
            edit_path=lambda council: f"/admin/neighbourhood-councils/{council.slug}",
            heading="name",
        ),
        TranslatableKind.titled(
            PROGRAMME,
            lazy_gettext("Beautify programme"),
            Programme,
            action=MANAGE,
            edit_path=lambda programme: f"/admin/beautify/{programme.slug}",
            text=None,
        ),
    ]
