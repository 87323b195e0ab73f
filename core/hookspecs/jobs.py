"""Hooks of background jobs (parvis.jobs): the jobs a plugin runs in the worker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from parvis.jobs import JobDefinition
    from parvis.site import Site


@hookspec
def register_jobs(site: Site) -> Sequence[JobDefinition]:
    """Declare the plugin's kinds of background job (``parvis.api.JobDefinition``).

    Each has a name (``"assembly.draw_panel"``), a function ``function(job, **arguments)`` given
    a ``JobContext`` (``job.site``, ``job.db``, ``job.progress(percent, step)``,
    ``job.set_result(url=...)``, ``job.store_file(...)``), its retries and back-off, a
    translatable title, and optionally a ``schedule`` (``crontab(...)`` in the site's time zone)
    to run it on its own. Routes start jobs with ``parvis.api.start_job``. Called once per site.
    """
