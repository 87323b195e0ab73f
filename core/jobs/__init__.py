"""Background jobs: long work (draws, PDFs, imports, exports, mailings) off the request path.

A plugin declares its kinds of job with the ``register_jobs`` hook (``JobDefinition``: name,
function, retries and back-off, an optional schedule, a title); a route starts one with
``start(db, site, kind, owner=actor, **arguments)`` and answers at once with the job's page
(``redirect(request, job_path(job))``), which shows its progress and then its result. Workers
(``parvis worker``, or a thread of ``parvis serve`` in development) run the jobs.

Modules: ``models`` (the tables), ``definitions``, ``launch`` (start), ``queue`` (huey),
``runner`` (one attempt, scheduled runs), ``context`` (what a job function receives), ``files``
(stored and cached files), ``maintenance`` (core's tidy-up job), ``web`` (pages).
"""

from huey import crontab

from parvis.jobs.context import JobContext
from parvis.jobs.definitions import JobDefinition
from parvis.jobs.files import key_of
from parvis.jobs.launch import job_path, start, start_now
from parvis.jobs.models import Job, JobStatus, StoredFile, Visibility

__all__ = [
    "Job",
    "JobContext",
    "JobDefinition",
    "JobStatus",
    "StoredFile",
    "Visibility",
    "crontab",
    "job_path",
    "key_of",
    "start",
    "start_now",
]
