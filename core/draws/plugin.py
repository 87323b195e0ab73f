"""The register of draws as a built-in plugin (``parvis.draws``): its tables and public pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.draws import models  # noqa: F401 - tables and triggers join the metadata
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.draws.routes import DrawRegisterController

    return [DrawRegisterController]
