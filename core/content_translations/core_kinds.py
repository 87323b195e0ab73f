"""Core's own translatable kinds: participatory bodies, their groups and decisions (the councils declare their
calls in ``parvis.councils.plugin``)."""

from __future__ import annotations

from typing import Any

from parvis.i18n import lazy_gettext

from .registry import TranslatableKind


def translatable_kinds() -> list[TranslatableKind]:
    from parvis.bodies.models import Body, Group
    from parvis.decisions.models import Decision

    return [
        TranslatableKind(
            name="core.body",
            label=lazy_gettext("Participatory body"),
            model=Body,
            fields={"name": lazy_gettext("Name"), "description": lazy_gettext("Description")},
            action="core.manage_bodies",
            edit_path=lambda body: f"/admin/bodies/{body.slug}",
            multiline=frozenset({"description"}),
        ),
        TranslatableKind(
            name="core.group",
            label=lazy_gettext("Group or workshop"),
            model=Group,
            fields={"name": lazy_gettext("Name"), "description": lazy_gettext("Description")},
            action="core.manage_bodies",
            resource=lambda group: group.body,
            edit_path=lambda group: f"/admin/bodies/{group.body.slug}/groups/{group.id}",
            multiline=frozenset({"description"}),
        ),
        TranslatableKind(
            name="decisions.decision",
            label=lazy_gettext("Decision"),
            model=Decision,
            fields={"title": lazy_gettext("Title"), "summary": lazy_gettext("Summary")},
            action="decisions.manage",
            edit_path=_decision_path,
            multiline=frozenset({"summary"}),
        ),
    ]


def _decision_path(decision: Any) -> str:
    return f"/admin/decisions/{decision.public_id}"
