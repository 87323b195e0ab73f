"""Demo data: the councils of a few districts with fictitious life (members, meetings, vœux,
budget, an animation group drawn by lot, one council with colleges, one of them drawn by lot) and
Beautify programmes in each phase (one contribution with a tiny generated photo).

Written for three Paris arrondissements; on another city's configuration the content goes to its
first districts with place-neutral names. Nothing is committed here.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

from PIL import Image

from parvis.api import OFFICIAL, Actor, _
from parvis.api.bodies import Body
from parvis.plugins.neighbourhood_councils import beautify, colleges, registrations, services, voeux
from parvis.plugins.neighbourhood_councils.demo_content import (
    CHARTER,
    COLLEGES,
    CONTRIBUTIONS,
    COUNCIL_DESCRIPTION,
    COUNCIL_ELSEWHERE,
    COUNCILS,
    DISTRICT_OFFICIAL,
    NEXT_PLENARY,
    OPERATIONS,
    PAST_PLENARY,
    PHASE_OF,
    PHOTO_ALT,
    PROGRAMME_DESCRIPTION,
    PROGRAMME_TITLE,
    SPENDING,
    VOEUX,
    WALK,
)
from parvis.plugins.neighbourhood_councils.models import (
    Composition,
    CouncilMeeting,
    Link,
    MeetingKind,
    OperationStatus,
    Phase,
    Registration,
)


def seed(db: Any, demo: Any) -> None:
    site = demo.site
    mapping, native = demo.districts_for(list(COUNCILS))
    official = demo.accounts.get("official")
    actor = Actor(official, frozenset({OFFICIAL})) if official is not None else None
    now = site.now()
    today = site.today()
    programmes = 0
    first = next(iter(mapping.values()), None)
    if first is not None:  # district-official@example.org manages the first district only
        given, family, age = DISTRICT_OFFICIAL
        person = demo.person(given_name=given, family_name=family, age=age, district=first)
        db.add(demo.account("district-official", person, OFFICIAL, districts=[first]))
        db.flush()
    for paris_code, code in mapping.items():
        district = site.config.district(code)
        hoods = [n for n in site.config.neighbourhoods if n.district == code]
        for index, name in enumerate(COUNCILS[paris_code]):
            title = name if native else _(COUNCIL_ELSEWHERE).format(district=district.name, number=index + 1)
            point = demo.point(code)
            council = services.create_council(
                db,
                site,
                name=title,
                district=code,
                neighbourhoods=[hoods[index].code] if index < len(hoods) else [],
                charter=_(CHARTER),
                description=_(COUNCIL_DESCRIPTION),
                composition=Composition.LOT if index == 0 else Composition.OPEN,
                latitude=point["latitude"],
                longitude=point["longitude"],
            )
            people = [demo.person(district=code) for _ in range(6 + index)]
            db.add_all(people)
            db.flush()
            seats = _colleges(db, council) if index == 0 and code == first else [None]
            for number, person in enumerate(people):
                link = [Link.LIVE, Link.WORK, Link.ASSOCIATION][number % 3]
                services.join(db, site, council, person, link, college=seats[number % len(seats)])
            if seats[0] is not None:  # the residents' college drawn by lot, the others in reserve
                colleges.draw(db, site, council, seats[0], f"demo-{council.slug}-college")
            if index == 0:
                services.draw_animation_group(db, site, council, 3, f"demo-{council.slug}")
            past = CouncilMeeting(
                council_id=council.id,
                kind=MeetingKind.PLENARY,
                title=_(PAST_PLENARY.title),
                starts_at=now - timedelta(days=40, hours=-1),
                ends_at=now - timedelta(days=40, hours=-3),
                place=_(PAST_PLENARY.place),
                agenda=_(PAST_PLENARY.agenda),
                minutes=_(PAST_PLENARY.minutes),
            )
            coming = CouncilMeeting(
                council_id=council.id,
                kind=MeetingKind.PLENARY,
                title=_(NEXT_PLENARY.title),
                starts_at=_evening(now + timedelta(days=14 + index)),
                ends_at=_evening(now + timedelta(days=14 + index)) + timedelta(hours=2),
                place=_(NEXT_PLENARY.place),
                agenda=_(NEXT_PLENARY.agenda),
                capacity=40 if index == 0 else None,
            )
            db.add_all([past, coming])
            db.flush()
            if index == 0:  # registrations, and the attendance of the past meeting
                walk_ins = [demo.person(district=code).full_name for _ in range(2)]
                _registrations(db, site, past, coming, people, walk_ins=walk_ins)
            if actor is not None:
                body = db.get(Body, council.body_id)
                for number, (voeu_title, text) in enumerate(VOEUX):
                    decision = voeux.propose(db, site, body, title=_(voeu_title), text=_(text), actor=actor)
                    steps = ["adopted", "submitted", "answered"][: 3 - number]
                    for step in steps:
                        voeux.move(db, site, decision, step, actor, body=body)
            for spending_title, amount, spent, credit in SPENDING:
                spending = services.decide_spending(
                    db,
                    site,
                    council,
                    title=_(spending_title),
                    amount=amount,
                    decided_on=today.replace(month=1, day=15),
                    credit=credit,
                )
                if spent:
                    services.record_expense(
                        db,
                        spending,
                        label=_(spending_title),
                        amount=spent,
                        paid_on=today.replace(month=1, day=20),
                    )
        for hood in hoods[:2]:  # one phase after the other across districts: every phase is shown
            _programme(db, demo, hood, PHASE_OF[programmes % len(PHASE_OF)], with_photo=programmes == 0)
            programmes += 1
    demo.progress(_("Neighbourhood councils"))


def _colleges(db: Any, council: Any) -> list[Any]:
    """The demo's council with colleges: residents drawn by lot (every other person volunteers,
    for 2 seats), associations by open registration."""
    return [
        colleges.add_college(db, council, name=_(name), seats=seats, filling=filling)
        for name, seats, filling in COLLEGES
    ]


def _tiny_photo() -> bytes:
    """A generated 16×12 picture (a green square on a grey street), cheap to seed."""
    out = io.BytesIO()
    image = Image.new("RGB", (16, 12), (150, 150, 150))
    image.paste((60, 160, 70), (4, 3, 12, 9))
    image.save(out, "PNG")
    return out.getvalue()


def _registrations(
    db: Any, site: Any, past: Any, coming: Any, people: list[Any], *, walk_ins: list[str]
) -> None:
    for person in people[:3]:
        registrations.register(db, site, coming, person)
    for person in people[:4]:  # registered before it took place (the service refuses it now)
        db.add(Registration(meeting_id=past.id, person_id=person.id, registered_at=past.starts_at))
    db.flush()
    present = {r.id for r, _person in registrations.registrants(db, past)[:3]}
    registrations.record_attendance(db, site, past, present, walk_ins)


def _walk(db: Any, site: Any, programme: Any, residents: list[Any]) -> None:
    start = _evening(site.now() + timedelta(days=10)) - timedelta(hours=8)
    walk = CouncilMeeting(
        programme_id=programme.id,
        kind=MeetingKind.WALK,
        title=_(WALK.title),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place=_(WALK.place),
        agenda=_(WALK.agenda),
        capacity=20,
    )
    db.add(walk)
    db.flush()
    for person in residents:
        registrations.register(db, site, walk, person)


def _evening(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(hour=17, minute=30, second=0, microsecond=0)


def _programme(db: Any, demo: Any, hood: Any, phase: Phase, *, with_photo: bool = False) -> None:
    site = demo.site
    today = site.today()
    year = today.year
    programme = beautify.create_programme(
        db,
        site,
        title=_(PROGRAMME_TITLE).format(neighbourhood=hood.name, year=year),
        neighbourhood=hood.code,
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
        description=_(PROGRAMME_DESCRIPTION),
        **demo.point(hood.district),
    )
    residents = [demo.person(district=hood.district) for _ in range(2)]
    db.add_all(residents)
    db.flush()
    for number, (category, place, text) in enumerate(CONTRIBUTIONS):
        beautify.contribute(
            db,
            site,
            programme,
            residents[number % 2],
            category=category,
            place=_(place),
            description=_(text),
            premoderate=number >= 3,  # three published, the others awaiting moderation
            photo=_tiny_photo() if number == 0 and with_photo else None,
            photo_alt=_(PHOTO_ALT) if number == 0 else "",
            **demo.point(hood.district, spread=0.003),
        )
    if phase in (Phase.CONTRIBUTIONS, Phase.DIAGNOSTIC):
        _walk(db, demo.site, programme, residents)
    for target in (Phase.DIAGNOSTIC, Phase.WORKS, Phase.DONE):
        if list(Phase).index(programme.phase) < list(Phase).index(phase):
            beautify.advance(programme, target)
    if phase in (Phase.WORKS, Phase.DONE):
        for number, (title, category, place) in enumerate(OPERATIONS):
            operation = beautify.add_operation(
                db,
                programme,
                title=_(title),
                place=_(place),
                category=category,
                starts_on=today + timedelta(days=30 * number - 20),
                ends_on=today + timedelta(days=30 * number + 10),
                **demo.point(hood.district, spread=0.003),
            )
            operation.status = (
                OperationStatus.COMPLETED
                if phase == Phase.DONE
                else [OperationStatus.IN_PROGRESS, OperationStatus.PLANNED][number]
            )
