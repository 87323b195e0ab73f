"""The plugin's permission: officials of a district manage their district's councils and
programmes only (the permission is granted with a district scope)."""

from __future__ import annotations

from parvis.api import Actions, lazy_gettext

ACTIONS = Actions()
MANAGE = ACTIONS.declare(
    "neighbourhood_councils.manage",
    lazy_gettext("Manage the neighbourhood councils and Beautify programmes of {site.district:a}"),
    district_scoped=True,
)
