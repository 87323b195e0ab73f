"""Which seats are up for renewal: two-year mandates, half of each college drawn every year.

Every year has its term (2025-26, 2026-27...). A member drawn for two years sits in two terms:
the draw seats them in the first, ``carry_over`` in the next. The seats up in a term are those
of each college not held by a member whose mandate runs on. When more seats are up than the
yearly share (the first year, or after departures), the extra seats get a one-year mandate, so
that from the next year on the same share comes up every year; who gets them is drawn from the
draw's seed (``short_mandates``), so it is as verifiable as the draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Site, bodies
from parvis.api.bodies import Body, College, Membership, MembershipStatus, Term
from parvis.api.sortition import Stream
from parvis.plugins.youth_council.settings import YouthCouncilSettings


@dataclass(frozen=True, slots=True)
class CollegeRenewal:
    college: College
    continuing: list[Membership]  # previous term's members whose mandate runs on, not yet carried over
    up: int  # seats to draw
    short: int  # of which with a one-year mandate, to keep the yearly share steady

    @property
    def full(self) -> int:
        return self.up - self.short

    @property
    def row(self) -> tuple[str, int, int]:
        """(college, seats drawn, seats held by members continuing), as the page shows it."""
        return self.college.name, self.up, self.college.seats - self.up


def mandate_end(starts_on: date, years: int) -> date:
    """The last day of a mandate of ``years`` years starting on ``starts_on``."""
    try:
        anniversary = starts_on.replace(year=starts_on.year + years)
    except ValueError:  # 29 February
        anniversary = starts_on.replace(year=starts_on.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def previous_term(db: Session, term: Term) -> Term | None:
    return db.scalar(
        select(Term)
        .where(Term.body_id == term.body_id, Term.starts_on < term.starts_on)
        .order_by(Term.starts_on.desc())
        .limit(1)
    )


def _continuing(db: Session, term: Term) -> list[Membership]:
    """Members of the previous term whose mandate runs into ``term`` and who are not in it yet."""
    before = previous_term(db, term)
    if before is None:
        return []
    already = set(db.scalars(select(Membership.person_id).where(Membership.term_id == term.id)))
    return [
        m
        for m in bodies.members(db, before.body, before, statuses=[MembershipStatus.ACTIVE])
        if m.ends_on is not None and m.ends_on >= term.starts_on and m.person_id not in already
    ]


def renewal(db: Session, settings: YouthCouncilSettings, body: Body, term: Term) -> list[CollegeRenewal]:
    """For each college, the seats of ``term`` up for renewal."""
    continuing = _continuing(db, term)
    plan = []
    for college in body.colleges:
        staying = [m for m in continuing if m.college_id == college.id]
        up = max(0, college.seats - bodies.seats_taken(db, college, term) - len(staying))
        yearly = round(college.seats * settings.renewal_percent / 100)
        short = max(0, up - yearly) if settings.mandate_years > 1 else 0
        plan.append(CollegeRenewal(college, staying, up, short))
    return plan


def short_mandates(seed: str, college: str, drawn: int, short: int) -> list[int]:
    """Which of a college's ``drawn`` applicants (sorted by id, as the draw lists them) get a
    one-year mandate: ``short`` positions sampled from the draw's seed on the stream
    ``"short-mandates/<college>"``, so anyone can check it from the published record."""
    return Stream(seed, f"short-mandates/{college}").sample(drawn, min(short, drawn))


def carry_over(db: Session, site: Site, body: Body, term: Term) -> list[Membership]:
    """Seat in ``term`` the previous term's members whose mandate runs on (once each)."""
    return [
        bodies.add_member(
            db,
            site,
            body,
            term,
            m.person,
            role=m.role,
            college=m.college,
            starts_on=m.starts_on,
            ends_on=m.ends_on,
        )
        for m in _continuing(db, term)
    ]
