"""Quotas for college A from the city's population shares, widened by the tolerance setting.

For each feature value the target is ``seats x share``; its quota is ``[floor(target x (1 - t)),
ceil(target x (1 + t))]`` with ``t`` the tolerance (10 % by default), computed with exact
fractions so the published quotas never depend on float rounding. District shares come from the
site's district populations. A value found in the pool but absent from the shares (a gender
"other", say) gets ``[0, seats]`` so that nobody is excluded from the draw by construction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from parvis.api import N_, _
from parvis.api.sortition import Quotas, make_quotas
from parvis.plugins.assembly.services.common import settings_of

if TYPE_CHECKING:
    from parvis.api import Site

FEATURE_LABELS = {
    "age": N_("Age"),
    "gender": N_("Gender"),
    "education": N_("Education"),
    "district": N_("{site.district:Name}"),
    "qpop": N_("Working-class neighbourhood"),
}


def _shares(pairs: Iterable[tuple[str, float | int]]) -> dict[str, Fraction]:
    values = {code: Fraction(str(share)) for code, share in pairs}
    total = sum(values.values())
    if total <= 0:
        return {}
    return {code: share / total for code, share in values.items()}


def shares(site: Site) -> dict[str, dict[str, Fraction]]:
    """Each feature's population share per value (fractions summing to 1)."""
    settings = settings_of(site)
    qpop = Fraction(str(settings.qpop_share)) / 100
    table = {
        "age": _shares((band.code, band.share) for band in settings.age_bands),
        "gender": _shares((g.code, g.share) for g in settings.genders),
        "education": _shares((e.code, e.share) for e in settings.education_levels),
        "district": _shares((d.code, d.population) for d in site.config.districts),
        "qpop": {"yes": qpop, "no": 1 - qpop},
    }
    return {feature: table[feature] for feature in settings.quota_features if feature in table}


def bounds(target: Fraction, tolerance: Fraction, seats: int) -> tuple[int, int]:
    low = math.floor(target * (1 - tolerance))
    high = math.ceil(target * (1 + tolerance))
    return max(0, low), min(seats, high)


@dataclass(frozen=True, slots=True)
class QuotaRow:
    feature: str
    value: str
    target: Fraction
    minimum: int
    maximum: int


def rows(site: Site, seats: int, present: Mapping[str, Iterable[str]] | None = None) -> list[QuotaRow]:
    """Quota rows for ``seats``; ``present`` adds [0, seats] rows for values only the pool has."""
    tolerance = Fraction(str(settings_of(site).tolerance_percent)) / 100
    out: list[QuotaRow] = []
    for feature, table in shares(site).items():
        for value, share in table.items():
            target = share * seats
            low, high = bounds(target, tolerance, seats)
            out.append(QuotaRow(feature, value, target, low, high))
        extra = sorted(set((present or {}).get(feature, ())) - set(table))
        out.extend(QuotaRow(feature, value, Fraction(0), 0, seats) for value in extra)
    return out


def build(site: Site, seats: int, present: Mapping[str, Iterable[str]] | None = None) -> Quotas:
    """The engine's quotas (validated by it) for a panel of ``seats``."""
    return make_quotas(
        seats,
        [(r.feature, r.value, r.minimum, r.maximum) for r in rows(site, seats, present)],
        source="quotas",
    )


def value_label(site: Site, feature: str, value: str) -> str:
    """How a quota value reads on a page or in the report (translated)."""
    settings = settings_of(site)
    if feature == "age":
        labels = {b.code: b.label for b in settings.age_bands}
    elif feature == "gender":
        labels = {g.code: g.label for g in settings.genders} | {"other": N_("Other or undisclosed")}
    elif feature == "education":
        labels = {e.code: e.label for e in settings.education_levels}
    elif feature == "district":
        return next((d.name for d in site.config.districts if d.code == value), value)
    elif feature == "qpop":
        labels = {"yes": N_("Yes"), "no": N_("No")}
    else:
        labels = {}
    return _(labels[value]) if value in labels else value


def feature_label(feature: str) -> str:
    return _(FEATURE_LABELS[feature]) if feature in FEATURE_LABELS else feature
