"""The Assembly's translatable texts: each promotion's title (its term's label), translated by
whoever runs the Assembly."""

from __future__ import annotations

from parvis.api import hookimpl, lazy_gettext
from parvis.api.content_translations import TranslatableKind
from parvis.plugins.assembly.models.promotions import AssemblyPromotion
from parvis.plugins.assembly.permissions import MANAGE

PROMOTION = "assembly.promotion"


@hookimpl
def register_translatable_kinds() -> list[TranslatableKind]:
    return [
        TranslatableKind(
            name=PROMOTION,
            label=lazy_gettext("Citizens' Assembly promotion"),
            model=AssemblyPromotion,
            fields={"label": lazy_gettext("Title")},
            action=MANAGE,
            # Roles that run the Assembly are granted site-wide or in its body.
            resource=lambda promotion: promotion.body,
            edit_path=lambda promotion: f"/admin/assembly/{promotion.public_id}",
        )
    ]
