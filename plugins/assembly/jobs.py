"""The Assembly's long work as background jobs: draws, the pre-draw, letters, imports, the report.

Each page that starts one checks what it can at once (a missing input is shown on the form),
then answers with the job's page; the job does the work in the official's language and leads
back to the draw or the college, with the same message the page used to show.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import (
    JobContext,
    JobDefinition,
    Visibility,
    _,
    cached_file,
    format_number,
    hookimpl,
    key_of,
    lazy_gettext,
    store_file,
)
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.services import common, draws, imports, letters, privacy, report, sensitivity
from parvis.plugins.assembly.services.common import AssemblyError

# The letters' ZIP holds the only copy of the response codes: it is deleted a day after it is
# made (downloaded or not; "reissue" gives new codes to whoever has not answered).
LETTERS_KEPT = timedelta(days=1)


def _promotion(job: JobContext, promotion_id: int) -> AssemblyPromotion:
    found = job.db.get(AssemblyPromotion, promotion_id)
    if found is None:
        raise AssemblyError(_("This promotion no longer exists."))
    return found


def _draw(job: JobContext, draw_id: str) -> Any:
    found = draws.by_public_id(job.db, draw_id)
    if found is None:
        raise AssemblyError(_("This draw no longer exists."))
    return found


def college_page(promotion: AssemblyPromotion, code: str) -> str:
    return f"/admin/assembly/{promotion.public_id}/colleges/{code}"


def promotion_of(job: JobContext, draw: Any) -> AssemblyPromotion:
    return _promotion(job, draw.promotion_id)


def draw_page(promotion: AssemblyPromotion, draw: Any) -> str:
    return f"/admin/assembly/{promotion.public_id}/draws/{draw.public_id}"


def run_draw(job: JobContext, *, draw_id: str, public_inputs: list[str], present: str, bailiff: str) -> None:
    draw = _draw(job, draw_id)
    job.progress(0, _("Drawing the panel"))
    draws.run(
        job.db,
        job.site,
        draw,
        public_inputs,
        actor=job.actor,
        present=present,
        bailiff=bailiff,
        progress=lambda done: job.progress(100 * done, _("Drawing the panel")),
    )
    job.set_result(
        url=draw_page(promotion_of(job, draw), draw),
        message=_("The draw is done. Check it, then publish it."),
    )


def predraw(job: JobContext, *, promotion_id: int, college: str, public_inputs: list[str]) -> None:
    promotion = _promotion(job, promotion_id)
    found = common.college(promotion.body, college)
    job.progress(None, _("Drawing from the list"))
    draw = imports.run_predraw(job.db, job.site, promotion, found, public_inputs, actor=job.actor)
    job.set_result(
        url=college_page(promotion, found.code),
        message=_("{count} people are pre-drawn.").format(count=draw.seats),
    )


def import_list(job: JobContext, *, promotion_id: int, college: str, upload: str, filename: str) -> None:
    """Check an uploaded list and keep it for the pre-draw; the upload is removed when done."""
    source = Path(upload)
    promotion = _promotion(job, promotion_id)
    found = common.college(promotion.body, college)
    if not source.is_file():
        raise AssemblyError(_("The uploaded file is no longer available: send it again."), "file")
    job.progress(None, _("Checking every row of the list"))
    try:
        imported = imports.import_list(
            job.db, job.site, promotion, found, source, filename=filename, actor=job.actor
        )
    except AssemblyError:
        source.unlink(missing_ok=True)
        raise
    source.unlink(missing_ok=True)
    job.set_result(
        url=college_page(promotion, found.code),
        message=_("The list is imported: {count} rows.").format(count=imported.rows),
    )


def make_letters(
    job: JobContext, *, promotion_id: int, college: str, reissue: bool, address: str = ""
) -> None:
    promotion = _promotion(job, promotion_id)
    found = common.college(promotion.body, college)
    job.progress(0, _("Creating the response codes"))
    made = letters.prepare(job.db, job.site, promotion, found, reissue=reissue)
    total = len(made)

    def printed(done: int) -> None:
        job.progress(
            5 + 90 * done / total,
            _("Letters printed: {done} of {count}").format(
                done=format_number(done), count=format_number(total)
            ),
        )

    printed(0)
    content = letters.bundle(job.site, promotion, found, made, progress=printed)
    letters.record(job.db, promotion, made)  # the codes' hashes, written last (see ``prepare``)
    privacy.log_access(
        job.db,
        job.site,
        job.actor,
        promotion,
        action="letters",
        part=found.code,
        records=len(made),
        address=address,  # of the official who asked for them
    )
    job.store_file(
        content,
        name=letters.bundle_name(promotion, found, made[0].invitee.letter_batch),
        media_type="application/zip",
        keep=LETTERS_KEPT,
    )
    job.set_result(
        url=college_page(promotion, found.code),
        message=_(
            "The letters are ready. The file holds the only copy of the codes: download it now and "
            "hand it to the printer; it is deleted tomorrow."
        ),
    )


def report_pdf(job: JobContext, *, draw_id: str, cache_key: str) -> None:
    draw = _draw(job, draw_id)
    job.progress(None, _("Writing the report"))
    content = report.pdf_bytes(job.site, promotion_of(job, draw), draw)
    job.store_file(
        content, name=f"report-{draw.public_id}.pdf", media_type="application/pdf", cache_key=cache_key
    )


def verify_draw(job: JobContext, *, draw_id: str, cache_key: str) -> None:
    """Recompute the draw from its stored inputs (10-20 s for a panel) and keep the checks, shown
    on the draw's page until the draw changes."""
    draw = _draw(job, draw_id)
    job.progress(None, _("Checking the draw against its published inputs"))
    verification = draws.verify(draw)
    checks = [[str(name), bool(ok), str(detail or "")] for name, ok, detail in verification.checks]
    store_file(
        job.db,
        job.site,
        json.dumps({"ok": verification.ok, "checks": checks}).encode(),
        name=f"verification-{draw.public_id}.json",
        media_type="application/json",
        cache_key=cache_key,
    )
    job.set_result(url=draw_page(promotion_of(job, draw), draw))


def quota_sensitivity(job: JobContext, *, draw_id: str, cache_key: str) -> None:
    """How relaxing each quota by one seat changes the lowest chance (a LEXIMIN, then one more per
    quota that binds: seconds to a minute), kept until the draw is announced again."""
    draw = _draw(job, draw_id)
    step = _("Computing how each quota affects fairness")
    job.progress(0, step)
    found = sensitivity.compute(draw, progress=lambda done: job.progress(100 * done, step))
    store_file(
        job.db,
        job.site,
        sensitivity.encode(found),
        name=f"sensitivity-{draw.public_id}.json",
        media_type="application/json",
        cache_key=cache_key,
    )
    job.set_result(url=draw_page(promotion_of(job, draw), draw) + "/sensitivity")


def verification_key(draw: Any, locale: str) -> str:
    """What a verification depends on: the stored record and pool, the engine, the language."""
    return key_of(
        "assembly.verification",
        draw.public_id,
        locale,
        draws.software_version(),
        draw.record,
        draw.pool_sha256,
    )


def last_verification(db: Session, draw: Any, locale: str) -> Any:
    """The checks of the draw's verification as they stand (``ok``, ``checks``), or None."""
    stored = cached_file(db, verification_key(draw, locale))
    if stored is None:
        return None
    found = json.loads(stored.content)
    return SimpleNamespace(ok=found["ok"], checks=[tuple(check) for check in found["checks"]])


def report_key(site: Any, promotion: AssemblyPromotion, draw: Any) -> str:
    """The report PDF's cache key: everything it shows (a change of any of it makes a new one)."""
    from parvis.api import key_of, use_locale

    language = common.settings_of(site).letters_locale
    with use_locale(language):
        built = report.build(site, promotion, draw)
    return key_of("assembly.report", draw.public_id, language, draws.software_version(), repr(built))


@hookimpl
def register_jobs() -> list[JobDefinition]:
    officials = Visibility.OFFICIALS
    return [
        JobDefinition(
            "assembly.draw", run_draw, lazy_gettext("Draw of the Assembly"), retries=1, visibility=officials
        ),
        JobDefinition(
            "assembly.predraw",
            predraw,
            lazy_gettext("Pre-draw from the list"),
            retries=1,
            visibility=officials,
        ),
        JobDefinition(
            "assembly.import_list",
            import_list,
            lazy_gettext("Import of a list"),
            retries=1,
            visibility=officials,
        ),
        # Personal data and the only copy of the codes: for the official who asked only.
        JobDefinition(
            "assembly.letters", make_letters, lazy_gettext("Letters and response codes"), retries=0
        ),
        JobDefinition(
            "assembly.verify", verify_draw, lazy_gettext("Verification of a draw"), visibility=officials
        ),
        JobDefinition(
            "assembly.sensitivity",
            quota_sensitivity,
            lazy_gettext("How each quota affects fairness"),
            visibility=officials,
        ),
        JobDefinition(
            "assembly.report_pdf", report_pdf, lazy_gettext("Bailiff's report (PDF)"), visibility=officials
        ),
    ]
