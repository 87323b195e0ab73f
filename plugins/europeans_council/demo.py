"""Demo data of the Council of Europeans: core's common part (``councils.demo``), then 61 members
of many nationalities (some in their second and last year), and applicants, some checked."""

from __future__ import annotations

from sqlalchemy.orm import Session

from parvis.api import NationalityGroup, Person, bodies, councils, load_actor
from parvis.api.councils import Application, DemoCouncil, college, seed_council
from parvis.api.demo import DemoContext
from parvis.plugins.europeans_council.council import COLLEGE, EuropeansCouncil
from parvis.plugins.europeans_council.demo_content import (
    APPLICANTS,
    CONTENT,
    LINK_DETAILS,
    LINKS,
    REFUSAL_NOTE,
    WEIGHTS,
)

COUNCIL = EuropeansCouncil()


def european(demo: DemoContext) -> Person:
    code = demo.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    return demo.person(
        age=demo.rng.randint(19, 70), nationality=code, nationality_group=NationalityGroup.OTHER_EU
    )


def seed(db: Session, demo: DemoContext) -> None:
    seeded = seed_council(db, demo, COUNCIL, CONTENT)
    if seeded is None:
        return
    seats = college(seeded.body, COLLEGE)
    for rank in range(seats.seats):
        person = european(demo)
        renewed = rank < seats.seats // 3  # a third sit for their second and last year
        for term in [seeded.previous, seeded.current] if renewed else [seeded.current]:
            bodies.add_member(db, demo.site, seeded.body, term, person, college=seats)
    official = load_actor(db, demo.accounts.get("official"))  # with its roles: the workflow checks them
    for number in range(APPLICANTS):
        application = apply(db, demo, seeded, number)
        if number % 3 == 0:  # some checked by an official already, one of them refused
            note = REFUSAL_NOTE if number == 9 else ""
            councils.review(db, application, official, admissible=not note, note=note)


def apply(db: Session, demo: DemoContext, seeded: DemoCouncil, number: int) -> Application:
    person = european(demo)
    db.add(person)
    db.flush()
    details = {
        "nationality": person.nationality,
        "link": LINKS[number % len(LINKS)],
        "link_details": LINK_DETAILS.format(number=1 + number % 20),
    }
    return councils.apply(db, demo.site, COUNCIL, seeded.call, person, details=details, today=demo.today)
