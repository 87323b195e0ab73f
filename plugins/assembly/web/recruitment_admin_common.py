"""What the recruitment back office shares: its forms, finding a draw, the college's page."""

from __future__ import annotations

from typing import Any

from litestar.exceptions import NotFoundException
from litestar.response import Template

from parvis.api import (
    DB,
    BoundForm,
    Field,
    Form,
    Refused,
    _,
    allowed,
    backoffice,
    lazy_gettext,
    page,
    state_of,
)
from parvis.api.bodies import College
from parvis.plugins.assembly.jobs import last_verification
from parvis.plugins.assembly.models import (
    AssemblyDraw,
    AssemblyPromotion,
)
from parvis.plugins.assembly.permissions import PERSONAL_DATA
from parvis.plugins.assembly.services import (
    applications,
    draws,
    imports,
    privacy,
    quotas,
    report,
    stats,
)
from parvis.plugins.assembly.settings import NON_EU, ROLL

from .common import AnyRequest, college_or_404, promotion_or_404, site_of
from .public import college_label

PUBLIC_INPUTS = Field(
    "public_inputs",
    lazy_gettext("Public random inputs"),
    kind="textarea",
    help=lazy_gettext(
        "The values announced in advance, one per line, "
        "for example the numbers of a dated public lottery draw."
    ),
)
PREDRAW = Form(PUBLIC_INPUTS)
PREPARE = Form(
    Field("scheduled_at", lazy_gettext("Date and time of the draw"), kind="datetime"),
    Field("place", lazy_gettext("Place"), max_length=300),
    Field(
        "randomness_source",
        lazy_gettext("Source of the public random inputs"),
        kind="textarea",
        help=lazy_gettext(
            "Announced before the draw, for example: the numbers of the EuroMillions draw of that Friday."
        ),
    ),
)
RUN = Form(
    PUBLIC_INPUTS,
    Field("present", lazy_gettext("People present"), kind="textarea", required=False),
    Field("bailiff", lazy_gettext("Supervising bailiff"), required=False, max_length=200),
)
REPORT = Form(
    Field("present", lazy_gettext("People present"), kind="textarea", required=False),
    Field("bailiff", lazy_gettext("Supervising bailiff"), required=False, max_length=200),
    Field("report_reference", lazy_gettext("Reference of the report"), required=False, max_length=80),
    Field("report_signed_on", lazy_gettext("Signed by the bailiff on"), kind="date", required=False),
)


def lines_of(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def draw_or_404(db: DB, promotion: AssemblyPromotion, draw_id: str) -> AssemblyDraw:
    draw = draws.by_public_id(db, draw_id[:24])
    if draw is None or draw.promotion_id != promotion.id:
        raise NotFoundException()
    return draw


def college_submit(
    request: AnyRequest, db: DB, public_id: str, code: str, **form: BoundForm
) -> tuple[AssemblyPromotion, College, dict[str, Any]]:
    """A form of a college's page, named as ``college_page`` takes it (``predraw_form=...``): the
    promotion, the college and the form's valid values; refused, the page again with the form."""
    promotion = promotion_or_404(db, public_id)
    college = college_or_404(promotion, code)
    [bound] = form.values()
    values = backoffice.submit(
        request, bound, lambda refusal: college_page(request, db, public_id, code, refusal=refusal, **form)
    )
    return promotion, college, values


def college_page(
    request: AnyRequest,
    db: DB,
    public_id: str,
    code: str,
    *,
    refusal: Refused | None = None,
    predraw_form: Any = None,
    prepare_form: Any = None,
) -> Template:
    promotion = promotion_or_404(db, public_id)
    college = college_or_404(promotion, code)
    site = site_of(request)
    rows, total = stats.rates_by_district(db, site, promotion, college)
    found_counts = stats.counts(db, promotion, college)
    draw = draws.draw_for(db, promotion, college)
    applied = applications.of_promotion(db, promotion) if college.code == NON_EU else []
    return page(
        request,
        "assembly/admin/college.html",
        promotion=promotion,
        college=college,
        label=college_label(college),
        imported=imports.current_import(db, promotion, college),
        predraw=imports.predraw_of(db, promotion, college),
        lettered=found_counts[("lettered", "all", "all")]
        or sum(r for (m, d, _v), r in found_counts.items() if m == "lettered" and d == "district"),
        rates=rows,
        total=total,
        answers=found_counts[("answers", "all", "all")],
        applications_count=len(applied),
        eligible_count=sum(1 for a in applied if a.eligible),
        pool_preview=len(draws.pool_records(db, site, promotion, college))
        if draw is None or draw.status.value == "announced"
        else None,
        quota_rows=quotas.rows(site, college.seats) if college.code == ROLL else [],
        quota_label=lambda f, v: (quotas.feature_label(f), quotas.value_label(site, f, v)),
        draw=draw,
        personal=allowed(state_of(request), PERSONAL_DATA, promotion),
        left=privacy.personal_rows_left(db, promotion, college),
        columns=imports.columns_for(site, college),
        predraw_form=predraw_form or PREDRAW.bind(),
        prepare_form=prepare_form or PREPARE.bind(),
        refusal=refusal,
        section=college.code,
        title=college_label(college),
    )


def draw_page(
    request: AnyRequest,
    db: DB,
    public_id: str,
    draw_id: str,
    *,
    run_form: Any = None,
    refusal: Refused | None = None,
) -> Template:
    promotion = promotion_or_404(db, public_id)
    found = draw_or_404(db, promotion, draw_id)
    site = site_of(request)
    return page(
        request,
        "assembly/admin/draw.html",
        promotion=promotion,
        draw=found,
        college=college_label(found.college),
        report=report.build(site, promotion, found),
        run_form=run_form or RUN.bind(initial={"present": found.present, "bailiff": found.bailiff}),
        report_form=REPORT.bind(
            initial={
                "present": found.present,
                "bailiff": found.bailiff,
                "report_reference": found.report_reference,
                "report_signed_on": found.report_signed_on,
            }
        ),
        refusal=refusal,
        verification=last_verification(db, found, state_of(request).locale),
        section=found.college.code,
        title=_("{kind}: {college}").format(kind=_(found.kind.label), college=college_label(found.college)),
    )
