"""The draw report the supervising bailiff signs (procès-verbal), as a page and as that page
printed as a tagged PDF.

Always in the letters' language (French for Paris): it is an official record, whatever language
the official reads the back office in. It states the date, place and people present, the inputs
published before the draw (pool hash and size, quotas or lot specification), the public random
inputs and the seed, the procedure and software version, and the result (pseudonyms of the
drawn and the ranked reserve), with the command anyone can run to check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parvis.api import _, format_date, format_datetime, format_percent, template_pdf, use_locale
from parvis.plugins.assembly.kinds import COLLEGE_NAMES
from parvis.plugins.assembly.models import AssemblyDraw, AssemblyPromotion, DrawKind
from parvis.plugins.assembly.services import quotas as quota_rules
from parvis.plugins.assembly.services.common import settings_of
from parvis.plugins.assembly.services.draws import record_of

if TYPE_CHECKING:
    from parvis.api import Site


@dataclass
class Report:
    title: str
    facts: list[tuple[str, str]]
    procedure: str
    quotas: list[tuple[str, str, int, int]] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    reserve: list[str] = field(default_factory=list)
    verification: str = ""
    signature: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # headings, in the report's language


def _procedure(draw: AssemblyDraw) -> str:
    if draw.kind == DrawKind.PANEL:
        return _(
            "Stratified draw. Among the respondents who live in the city and are available, the "
            "software computes the LEXIMIN distribution over every panel that meets the quotas: the "
            "fairest possible, which maximises the lowest chance of being drawn, then the next lowest. "
            "A panel is then drawn from this distribution with the seed, and a ranked reserve among the "
            "others. The seed is the SHA-256 of the published inputs (pool, quotas, distribution) and of "
            "the public random inputs announced in advance: nobody can choose it, anyone can recompute it."
        )
    if draw.kind == DrawKind.LOT:
        return _(
            "Drawing of lots with equal chances. The seats and a ranked reserve are drawn uniformly among "
            "the people of the published pool with the seed, the SHA-256 of the published inputs (pool, "
            "specification) and of the public random inputs announced in advance."
        )
    return _(
        "Pre-draw with equal chances from the imported list. The seed is the SHA-256 of the list's "
        "SHA-256, the specification and the public random inputs."
    )


def build(site: Site, promotion: AssemblyPromotion, draw: AssemblyDraw) -> Report:
    """The report's content in the current language (callers choose it with ``use_locale``)."""
    record = record_of(draw)
    college = draw.college
    name = str(COLLEGE_NAMES[college.code]) if college.code in COLLEGE_NAMES else college.name
    title = _("Report of the draw: Citizens' Assembly, {college}, promotion {promotion}").format(
        college=name, promotion=promotion.label
    )
    facts = [
        (_("Date and time of the draw"), format_datetime(draw.drawn_at, "long") if draw.drawn_at else "—"),
        (_("Place"), draw.place or "—"),
        (_("People present"), draw.present or "—"),
        (_("Supervising bailiff"), draw.bailiff or "—"),
        (_("Seats"), str(draw.seats)),
        (_("Reserve"), str(draw.reserve_size)),
        (_("People in the pool"), str(draw.pool_size)),
        (_("SHA-256 of the pool"), draw.pool_sha256 or "—"),
    ]
    if record is not None:
        for key, digest in sorted(record.inputs.items()):
            if key != "pool":
                facts.append((_("SHA-256 of the input “{name}”").format(name=key), digest))
    facts += [
        (_("Source of the public random inputs"), draw.randomness_source or "—"),
        (_("Public random inputs"), " | ".join(draw.public_inputs) or "—"),
        (_("Seed"), draw.seed or "—"),
        (
            _("Software"),
            _("Parvis {version}, algorithm {algorithm}").format(
                version=draw.software_version or "—", algorithm=draw.algorithm or "—"
            ),
        ),
    ]
    if record is not None and record.summary is not None and record.summary.people:
        summary = record.summary
        facts.append(
            (
                _("Chances of being drawn"),
                _("lowest {low}, median {median}, highest {high}").format(
                    low=format_percent(summary.minimum, 2),
                    median=format_percent(summary.median, 2),
                    high=format_percent(summary.maximum, 2),
                ),
            )
        )
    quotas = []
    for feature, value, low, high in (draw.quotas or {}).get("quotas", []):
        quotas.append(
            (quota_rules.feature_label(feature), quota_rules.value_label(site, feature, value), low, high)
        )
    signature = [
        _("Done {site.city:in} on {date}.").format(
            city=site.config.site.city,
            date=format_date(
                draw.report_signed_on or (draw.drawn_at.date() if draw.drawn_at else site.today())
            ),
        ),
        _("The bailiff: {name}").format(name=draw.bailiff or "…………………………"),
        _("Signature:"),
    ]
    return Report(
        title=title,
        facts=facts,
        procedure=_procedure(draw),
        quotas=quotas,
        selected=list(record.panel) if record else [],
        reserve=list(record.reserve) if record else [],
        verification=_(
            "To check the draw, download its record and pool from the public page and run: {command}"
        ).format(command="parvis draw verify record.json --pool pool.csv"),
        signature=signature,
        labels={
            "procedure": _("Procedure"),
            "quotas": _("Quotas (minimum and maximum seats)"),
            "criterion": _("Criterion"),
            "value": _("Value"),
            "minimum": _("Minimum"),
            "maximum": _("Maximum"),
            "result": _("Result"),
            "selected": _("Drawn, by pseudonym:"),
            "reserve": _("Ranked reserve:"),
        },
    )


def pdf_bytes(site: Site, promotion: AssemblyPromotion, draw: AssemblyDraw) -> bytes:
    """The report as a tagged, accessible PDF (PDF/UA-1): its page (``assembly/admin/report.html``)
    printed by ``template_pdf``, in the letters' language, so the page and the PDF are one."""
    language = settings_of(site).letters_locale
    with use_locale(language):
        built = build(site, promotion, draw)
    return template_pdf(
        site,
        "assembly/admin/report.html",
        language=language,
        title=built.title,
        promotion=promotion,
        draw=draw,
        report=built,
        report_language=language,
    )
