"""The ``run_jobs`` fixture: a site's queued background jobs run synchronously inside the test,
and a job's page followed to its result. Registered by ``parvis.testing``."""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any

import pytest
from litestar.testing import TestClient

from parvis.site import Site


class JobRunner:
    """Runs a site's queued jobs inside the test (the ``run_jobs`` fixture)."""

    RESULT_LINK = re.compile(r'id="job-result" href="([^"]+)"')

    def __init__(self, site: Site) -> None:
        self.site = site

    def __call__(self, *, later: bool = False) -> int:
        return self.site.jobs.drain(later=later)

    def schedule(self, at: datetime) -> int:
        return self.site.jobs.run_schedule(at)

    def follow(self, http: TestClient, response: Any, *, later: bool = False) -> Any:
        """Run the jobs, then open the job's page and follow its result link (if it succeeded)."""
        if response.status_code in (301, 302, 303, 307):
            location = response.headers["location"]
        else:
            location = str(response.url)
        path = location.split("://", 1)[-1].split("/", 1)[-1]
        assert re.match(r"^[a-z]{2}/jobs/[\w-]+$", path.split("?")[0]), f"not a job's page: {location}"
        self(later=later)
        job_page = http.get("/" + path)
        assert job_page.status_code == 200, job_page.text[:500]
        found = self.RESULT_LINK.search(job_page.text)
        if found is None:
            return job_page
        return http.get(html.unescape(found.group(1)))


@pytest.fixture
def run_jobs(site: Site) -> JobRunner:
    site.jobs.flush()
    return JobRunner(site)
