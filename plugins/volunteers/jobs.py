"""The volunteers' background jobs: the outbox and tomorrow's reminders, scheduled by the queue.

``volunteers.send_mail`` sends what the outbox holds: started after every request that queued
mail (one job while one is waiting), and every five minutes to retry what failed.
``volunteers.reminders`` runs every hour: from the configured hour on it reminds each confirmed
volunteer of tomorrow's slots, once (see ``reminders``). No cron line is needed.
"""

from __future__ import annotations

from typing import Any

from huey import crontab

from parvis.i18n import lazy_gettext
from parvis.jobs import JobContext, JobDefinition


def send_mail(job: JobContext) -> None:
    from parvis.plugins.volunteers.mail import send_pending

    send_pending(job.site)


def remind(job: JobContext) -> None:
    from parvis.plugins.volunteers.reminders import send_reminders

    send_reminders(job.site, job.site.now())


def definitions() -> list[Any]:
    return [
        JobDefinition(
            "volunteers.send_mail",
            send_mail,
            lazy_gettext("Send the volunteers' e-mails"),
            retries=2,
            retry_delay=60,
            schedule=crontab(minute="*/5"),
        ),
        JobDefinition(
            "volunteers.reminders",
            remind,
            lazy_gettext("Remind volunteers of tomorrow's missions"),
            retries=0,
            schedule=crontab(minute="0"),
        ),
    ]
