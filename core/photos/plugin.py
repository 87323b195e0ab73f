"""The photo store's hook implementations (registered by core as ``parvis.photos``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.photos import (
    models,  # noqa: F401 - its table is core's schema
)
from parvis.photos.personal_data import declarations, erase, export, purge  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.photos.web import ROUTES

    return list(ROUTES)
