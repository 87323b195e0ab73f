"""The workflow engine as a built-in plugin (``parvis.workflows``), registered before decisions.

It checks every life cycle's workflows when the site is built (the plugins' files and the city's
``[workflows]`` tables), and declares, exports and erases the names in the history of moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.pluginmanager import hookimpl
from parvis.workflows import models  # noqa: F401 - the history table joins the metadata
from parvis.workflows.lifecycle import life_cycles
from parvis.workflows.privacy import declarations, erase, export  # noqa: F401 - the hooks of personal data (GDPR)

if TYPE_CHECKING:
    from parvis.site import Site

PLUGIN_NAME = "parvis.workflows"


@hookimpl
def check_settings(site: Site) -> None:
    """Every workflow of every life cycle, and the city's ``[workflows]``: a bad one stops the start."""
    life_cycles(site)
