"""The daily retention purge as a scheduled job (``core.purge_personal_data``).

The queue runs it at 03:17 in the site's time zone, once whatever the number of workers, so a
city never has to remember a cron line; ``parvis privacy purge`` runs the same purge by hand.
A plugin whose purge failed makes the run fail (shown to officials on /admin/jobs) after the
others' deletions are committed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huey import crontab

from parvis.i18n import _, lazy_gettext
from parvis.jobs.definitions import JobDefinition
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.jobs import JobContext


def purge(job: JobContext) -> None:
    from parvis.privacy.service import PurgeFailed, purge_expired

    try:
        purge_expired(job.site)
    except PurgeFailed as failure:  # already logged; retrying today would fail the same way
        raise Refused(
            _("The purge failed for: {plugins}.").format(plugins=", ".join(failure.plugins))
        ) from None


def definitions() -> list[JobDefinition]:
    return [
        JobDefinition(
            "core.purge_personal_data",
            purge,
            lazy_gettext("Delete personal data that outlived its retention"),
            retries=0,
            schedule=crontab(minute="17", hour="3"),
        )
    ]
