"""Counts without personal data: letters sent and answers received by district, pool and panel by
stratum. Before the purge they are counted live; the purge stores them (``AssemblyAggregate``)
and from then on they are read from there, so the figures survive the deletion of the answers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api.bodies import College
from parvis.plugins.assembly.models import (
    AssemblyAggregate,
    AssemblyApplication,
    AssemblyInvitee,
    AssemblyPromotion,
    AssemblyResponse,
)
from parvis.plugins.assembly.services.places import district_name
from parvis.plugins.assembly.settings import NON_EU

if TYPE_CHECKING:
    from parvis.api import Site

Key = tuple[str, str, str]  # (measure, dimension, value)


def _invitee_counts(db: Session, promotion: AssemblyPromotion, college: College) -> Counter[Key]:
    counts: Counter[Key] = Counter()
    base = (AssemblyInvitee.promotion_id == promotion.id, AssemblyInvitee.college_id == college.id)
    for district, invited, answered, lettered in db.execute(
        select(
            AssemblyInvitee.district,
            func.count(),
            func.count(AssemblyInvitee.code_used_at),
            func.count(AssemblyInvitee.letter_at),
        )
        .where(*base)
        .group_by(AssemblyInvitee.district)
    ):
        value = district or "-"
        counts[("invited", "district", value)] += int(invited)
        counts[("lettered", "district", value)] += int(lettered)
        counts[("answered", "district", value)] += int(answered)
    return counts


def _answers(db: Session, promotion: AssemblyPromotion, college: College) -> list[dict[str, str]]:
    if college.code == NON_EU:
        rows = db.scalars(
            select(AssemblyApplication).where(
                AssemblyApplication.promotion_id == promotion.id, AssemblyApplication.college_id == college.id
            )
        )
        return [
            {"district": a.district, "gender": a.gender, "eligible": str(a.eligible).lower()} for a in rows
        ]
    answers = db.scalars(
        select(AssemblyResponse).where(
            AssemblyResponse.promotion_id == promotion.id, AssemblyResponse.college_id == college.id
        )
    )
    return [
        {
            "district": r.district,
            "gender": r.gender,
            "age": r.age_band or "-",
            "education": r.education or "-",
            "qpop": "yes" if r.qpop else "no",
            "availability": r.availability,
        }
        for r in answers
    ]


def live_counts(db: Session, promotion: AssemblyPromotion, college: College) -> Counter[Key]:
    counts = _invitee_counts(db, promotion, college)
    for answer in _answers(db, promotion, college):
        counts[("answers", "all", "all")] += 1
        for dimension, value in answer.items():
            counts[("answers", dimension, value)] += 1
    return counts


def stored_counts(db: Session, promotion: AssemblyPromotion, college: College) -> Counter[Key] | None:
    rows = db.scalars(
        select(AssemblyAggregate).where(
            AssemblyAggregate.promotion_id == promotion.id, AssemblyAggregate.college_code == college.code
        )
    ).all()
    if not rows:
        return None
    return Counter({(r.measure, r.dimension, r.value): r.count for r in rows})


def counts(db: Session, promotion: AssemblyPromotion, college: College) -> Counter[Key]:
    stored = stored_counts(db, promotion, college)
    return stored if stored is not None else live_counts(db, promotion, college)


@dataclass(frozen=True, slots=True)
class DistrictRate:
    code: str
    name: str
    invited: int
    answered: int

    @property
    def rate(self) -> float:
        return self.answered / self.invited if self.invited else 0.0


def rates_by_district(
    db: Session, site: Site, promotion: AssemblyPromotion, college: College
) -> tuple[list[DistrictRate], DistrictRate]:
    """Answers received per letter sent, by the district the letter went to, and the total."""
    found = counts(db, promotion, college)
    codes = [d.code for d in site.config.districts]
    extra = sorted(
        {value for (measure, dimension, value) in found if dimension == "district" and measure == "invited"}
        - set(codes)
    )
    rows = [
        DistrictRate(
            code,
            district_name(site, code) if code != "-" else "—",
            found[("invited", "district", code)],
            found[("answered", "district", code)],
        )
        for code in [*codes, *extra]
    ]
    total = DistrictRate("all", "", sum(r.invited for r in rows), sum(r.answered for r in rows))
    return rows, total
