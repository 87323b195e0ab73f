"""The budget's translatable texts: each campaign's and each project's title and description
(themes are settings translated through the catalogs; ideas are residents' texts, shown as typed)."""

from __future__ import annotations

from parvis.api import hookimpl, lazy_gettext
from parvis.api.content_translations import TranslatableKind
from parvis.plugins.budget.content import PROJECT
from parvis.plugins.budget.conversation import CAMPAIGN
from parvis.plugins.budget.models import Campaign, Project
from parvis.plugins.budget.permissions import MANAGE


@hookimpl
def register_translatable_kinds() -> list[TranslatableKind]:
    return [
        TranslatableKind.titled(
            CAMPAIGN,
            lazy_gettext("Participatory budget campaign"),
            Campaign,
            action=MANAGE,
            edit_path=lambda campaign: f"/admin/budget/{campaign.slug}",
        ),
        TranslatableKind.titled(
            PROJECT,
            lazy_gettext("Participatory budget project"),
            Project,
            action=MANAGE,
            edit_path=lambda project: f"/admin/budget/{project.campaign.slug}/projects/{project.public_id}",
        ),
    ]
