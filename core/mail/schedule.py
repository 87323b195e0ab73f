"""The outbox's scheduled delivery: a job the queue runs every minute (``core.deliver_mail``).

The transaction that queues mail starts this job too (``parvis.mail.outbox.deliver_after_commit``),
so a worker sends it as soon as it is committed; the run scheduled each minute sends what that
missed and retries what failed when each message's next attempt is due.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huey import crontab

from parvis.i18n import lazy_gettext
from parvis.jobs.definitions import JobDefinition

if TYPE_CHECKING:
    from parvis.jobs import JobContext


def deliver(job: JobContext) -> None:
    from parvis.mail.delivery import deliver_due

    deliver_due(job.site)


def definitions() -> list[JobDefinition]:
    return [
        JobDefinition(
            "core.deliver_mail",
            deliver,
            lazy_gettext("Send the e-mails waiting in the outbox"),
            retries=0,  # each message keeps its own attempts and back-off
            schedule=crontab(minute="*"),
        )
    ]
