"""What a plugin declares through ``register_jobs``: a job's name, function, retries and schedule."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parvis.jobs.models import Visibility

NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$")


@dataclass(frozen=True, slots=True)
class JobDefinition:
    """A kind of job.

    ``function(job, **arguments)`` does the work: ``job`` is a ``JobContext`` (site, session,
    progress, result) and ``arguments`` are the JSON values given to ``jobs.start``. A ``Refused``
    fails the job at once with its message; any other exception is retried ``retries`` times,
    ``retry_delay`` seconds later, then ``retry_backoff`` times longer each time, and the job then
    fails with the error. ``schedule`` (a huey ``crontab``, read in the site's time zone) also
    runs the job on its own, with no arguments, once per matching minute whatever the number of
    workers. ``title`` names the job on its page (translatable: ``lazy_gettext``).
    """

    name: str  # "<plugin>.<what>", e.g. "assembly.draw_panel"
    function: Callable[..., Any]
    title: Any
    retries: int = 2
    retry_delay: float = 10.0
    retry_backoff: float = 2.0
    schedule: Callable[[datetime], bool] | None = None
    visibility: Visibility = Visibility.OWNER

    def delay_before(self, attempt: int) -> float:
        """Seconds to wait before attempt ``attempt + 1``, after ``attempt`` failed (1-based)."""
        return self.retry_delay * (self.retry_backoff ** max(attempt - 1, 0))


def collect(answers: Iterable[Iterable[JobDefinition] | None]) -> dict[str, JobDefinition]:
    """The definitions of every plugin, by name; a malformed or repeated name stops the site."""
    found: dict[str, JobDefinition] = {}
    for answer in answers:
        for definition in answer or ():
            if not NAME.match(definition.name):
                raise ValueError(f"job name {definition.name!r} must look like 'plugin.what'")
            if definition.name in found:
                raise ValueError(f"two plugins declare the job {definition.name!r}")
            found[definition.name] = definition
    return found
