"""``[settings.jobs]``: where the queue lives and how long finished jobs are kept."""

from __future__ import annotations

import msgspec


class JobsSettings(msgspec.Struct, forbid_unknown_fields=True):
    # Where the queue's messages live: "" puts them beside the site's data (a SQLite file named
    # like the database with "-jobs", or huey's tables in the site's PostgreSQL database); or a
    # database URL of its own ("sqlite:///var/jobs.sqlite3", "postgresql://...").
    queue_url: str = ""
    # Finished jobs, the files they made and the record of scheduled runs are deleted after this.
    keep_days: int = 30
    # A running job that gave no sign of life (progress) for this long lost its worker: it is
    # queued again (or failed after its retries).
    stale_minutes: int = 60
