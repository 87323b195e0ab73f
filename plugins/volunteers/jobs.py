"""The volunteers' scheduled job: tomorrow's reminders, scheduled by the job queue (no cron line).

``volunteers.reminders`` runs every hour: from the configured hour on it reminds each confirmed
volunteer of tomorrow's slots, once (see ``reminders``); core's mailer sends them.
"""

from __future__ import annotations

from typing import Any

from huey import crontab

from parvis.api import JobContext, JobDefinition, hookimpl, lazy_gettext


def remind(job: JobContext) -> None:
    from parvis.plugins.volunteers.reminders import send_reminders

    send_reminders(job.site, job.site.now())


@hookimpl
def register_jobs() -> list[Any]:
    return [
        JobDefinition(
            "volunteers.reminders",
            remind,
            lazy_gettext("Remind volunteers of tomorrow's missions"),
            retries=0,
            schedule=crontab(minute="0"),
        ),
    ]
