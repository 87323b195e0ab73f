"""The roll's import, a background job (50,000 rows and more): checked whole, then stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from parvis.api import JobContext, _
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import Vote


def import_roll(job: JobContext, *, vote_id: int, upload: str, cutoff: str) -> None:
    source = Path(upload)
    vote = job.db.get(Vote, vote_id)
    if vote is None or not source.is_file():
        source.unlink(missing_ok=True)
        raise services.VoteRefused(_("The vote or its uploaded roll is no longer available: send it again."))
    try:
        job.progress(None, _("Checking every row of the roll"))
        content = source.read_bytes()
        report = services.import_roll(
            job.db, job.site, vote, content, cutoff=date.fromisoformat(cutoff), progress=None
        )
    except services.VoteRefused as refusal:
        if refusal.details:
            raise services.VoteRefused(refusal.message + "\n" + "\n".join(refusal.details)) from None
        raise
    finally:
        source.unlink(missing_ok=True)
    job.set_result(
        url=f"/admin/votes/{vote.slug}",
        message=_("The roll is imported: {count} electors, SHA-256 {digest}.").format(
            count=report.rows, digest=report.sha256
        ),
    )
