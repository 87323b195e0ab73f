"""Background jobs: the roll's import (50,000 rows and more: checked whole, then stored), the
freezing of a residents' electorate (from every resident known to the site), the
control commission's report as PDF, and the periodic count of the live turnout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from parvis.api import JobContext, JobDefinition, Site, Visibility, _, audit, crontab, hookimpl, lazy_gettext
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


def freeze_electorate(job: JobContext, *, vote_id: int) -> None:
    """Build a consultative vote's electorate from the residents known to the site."""
    vote = job.db.get(Vote, vote_id)
    if vote is None:
        raise services.VoteRefused(_("There is no such vote."))
    job.progress(None, _("Choosing the residents old enough to vote"))
    report = services.freeze_residents(job.db, job.site, vote)
    job.set_result(
        url=f"/admin/votes/{vote.slug}",
        message=_("The electorate is frozen: {count} residents, SHA-256 {digest}.").format(
            count=report.rows, digest=report.sha256
        ),
    )


def report_pdf(job: JobContext, *, vote_id: int, cache_key: str) -> None:
    """The control commission's report as PDF, kept under ``cache_key`` until its figures change."""
    from parvis.plugins.citizen_vote.services import report
    from parvis.plugins.citizen_vote.services import report_pdf as pdf

    vote = job.db.get(Vote, vote_id)
    if vote is None:
        raise services.VoteRefused(_("There is no such vote."))
    job.progress(None, _("Writing the report"))
    districts = {d.code: d.name for d in job.site.config.districts}
    built = report.build(job.db, job.site, vote, districts, job.site.today())
    job.store_file(
        pdf.pdf_bytes(job.site, built, vote),
        name=f"{vote.slug}-control-commission.pdf",
        media_type="application/pdf",
        cache_key=cache_key,
    )
    audit.record(job.db, job.site, "citizen_vote.report.download", actor=job.actor, target=vote)


def count_turnout(job: JobContext) -> None:
    """Periodic: count the live turnout of the open votes (and of those just closed)."""
    from parvis.plugins.citizen_vote.services import turnout

    turnout.refresh_due(job.db, job.site.now())


@hookimpl
def register_jobs(site: Site) -> list[JobDefinition]:
    every = min(max(site.settings("citizen_vote").turnout_minutes, 1), 30)
    return [
        JobDefinition(
            "citizen_vote.import_roll", import_roll, lazy_gettext("Import of an electoral roll"), retries=0
        ),
        JobDefinition(
            "citizen_vote.freeze_electorate",
            freeze_electorate,
            lazy_gettext("Freezing of a vote's electorate of residents"),
            retries=0,
        ),
        JobDefinition(
            "citizen_vote.report_pdf",
            report_pdf,
            lazy_gettext("Control commission's report (PDF)"),
            visibility=Visibility.OFFICIALS,
        ),
        # Public pages read the turnout this job counts: never the poll book's marks themselves.
        JobDefinition(
            "citizen_vote.turnout",
            count_turnout,
            lazy_gettext("Live turnout of citizen votes"),
            retries=0,
            schedule=crontab(minute=f"*/{every}"),
        ),
    ]
