"""Demo data of the Youth Council: core's common part (``councils.demo``), then 100 members,
half in the second year of their mandate, and young applicants to the open call."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from parvis.bodies import services as bodies
from parvis.councils import applications as apps
from parvis.councils.demo import seed_council
from parvis.councils.draws import college
from parvis.demo import DemoContext
from parvis.identity import Gender
from parvis.plugins.youth_council.council import COLLEGES, YouthCouncil

CONTENT = Path(__file__).with_name("demo.toml")
APPLICANTS = 24


def seed(db: Session, demo: DemoContext) -> None:
    demo.progress("youth council")
    council = YouthCouncil()
    seeded = seed_council(db, demo, council, CONTENT)
    if seeded is None:
        return
    site, body = demo.site, seeded.body
    for code, gender in COLLEGES.items():
        seats = college(body, code)
        for rank in range(seats.seats):
            person = demo.person(gender=gender, age=demo.rng.randint(16, 29))
            second_year = rank < seats.seats // 2  # drawn last year: their mandate ends this year
            starts = seeded.previous.starts_on if second_year else seeded.current.starts_on
            ends = seeded.current.ends_on if second_year else seeded.upcoming.ends_on
            terms = [seeded.previous, seeded.current] if second_year else [seeded.current]
            for term in terms:
                bodies.add_member(db, site, body, term, person, college=seats, starts_on=starts, ends_on=ends)  # type: ignore[arg-type]
    for number in range(APPLICANTS):
        person = demo.person(gender=Gender.WOMAN if number % 2 else Gender.MAN, age=demo.rng.randint(16, 29))
        db.add(person)
        db.flush()
        apps.apply(
            db, site, council, seeded.call, person, motivation="Je veux agir pour ma ville.", today=demo.today
        )  # type: ignore[arg-type]
    db.flush()
