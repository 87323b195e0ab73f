"""Core's own translatable kinds: participatory bodies, their groups and decisions (the councils declare their
calls in ``parvis.councils.plugin``)."""

from __future__ import annotations

from parvis.i18n import lazy_gettext

from .registry import TranslatableKind


def translatable_kinds() -> list[TranslatableKind]:
    from parvis.bodies.models import Body, Group
    from parvis.decisions.models import Decision

    return [
        TranslatableKind.titled(
            "core.body",
            lazy_gettext("Participatory body"),
            Body,
            action="core.manage_bodies",
            edit_path=lambda body: f"/admin/bodies/{body.slug}",
            heading="name",
        ),
        TranslatableKind.titled(
            "core.group",
            lazy_gettext("Group or workshop"),
            Group,
            action="core.manage_bodies",
            resource=lambda group: group.body,
            edit_path=lambda group: f"/admin/bodies/{group.body.slug}/groups/{group.id}",
            heading="name",
        ),
        TranslatableKind.titled(
            "decisions.decision",
            lazy_gettext("Decision"),
            Decision,
            action="decisions.manage",
            edit_path=lambda decision: f"/admin/decisions/{decision.public_id}",
            text="summary",
        ),
    ]
