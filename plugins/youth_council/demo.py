"""Demo data of the Youth Council: core's common part (``councils.demo``), then 100 members,
half in the second year of their mandate, and young applicants to the open call."""

from __future__ import annotations

from sqlalchemy.orm import Session

from parvis.api import Gender, bodies, councils
from parvis.api.councils import DemoCouncil, college, seed_council
from parvis.api.demo import DemoContext
from parvis.plugins.youth_council.council import COLLEGES, YouthCouncil
from parvis.plugins.youth_council.demo_content import APPLICANTS, CONTENT, MOTIVATION

COUNCIL = YouthCouncil()


def seed(db: Session, demo: DemoContext) -> None:
    seeded = seed_council(db, demo, COUNCIL, CONTENT)
    if seeded is not None:
        for code, gender in COLLEGES.items():
            seat_college(db, demo, seeded, code, gender)
        for number in range(APPLICANTS):
            person = demo.person(
                gender=Gender.WOMAN if number % 2 else Gender.MAN, age=demo.rng.randint(16, 29)
            )
            db.add(person)
            db.flush()
            councils.apply(
                db, demo.site, COUNCIL, seeded.call, person, motivation=MOTIVATION, today=demo.today
            )


def seat_college(db: Session, demo: DemoContext, seeded: DemoCouncil, code: str, gender: Gender) -> None:
    """Half the college in the second year of its mandate (drawn last year), half in the first."""
    seats = college(seeded.body, code)
    for rank in range(seats.seats):
        person = demo.person(gender=gender, age=demo.rng.randint(16, 29))
        second_year = rank < seats.seats // 2
        starts = seeded.previous.starts_on if second_year else seeded.current.starts_on
        ends = seeded.current.ends_on if second_year else seeded.upcoming.ends_on
        for term in [seeded.previous, seeded.current] if second_year else [seeded.current]:
            bodies.add_member(
                db,
                demo.site,
                seeded.body,
                term,
                person,
                college=seats,
                starts_on=starts,
                ends_on=ends,
            )
