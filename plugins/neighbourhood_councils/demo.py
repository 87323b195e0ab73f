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

from parvis.api import N_, OFFICIAL, Actor, _
from parvis.api.bodies import Body
from parvis.plugins.neighbourhood_councils import beautify, colleges, registrations, services, voeux
from parvis.plugins.neighbourhood_councils.models import (
    Category,
    Composition,
    CouncilMeeting,
    Credit,
    Filling,
    Link,
    MeetingKind,
    OperationStatus,
    Phase,
    Registration,
)

COUNCILS = {
    "11": ("Belleville – Fontaine-au-Roi", "Nation – Alexandre-Dumas", "République – Saint-Ambroise"),
    "14": ("Montparnasse – Raspail", "Pernety", "Porte de Vanves"),
    "20": ("Gambetta", "Saint-Fargeau", "Amandiers"),
}
CHARTER = N_(
    "The neighbourhood council is open to everyone who lives, works, studies or is active in an "
    "association in {site.district:the}, from the age of 16, whatever their nationality.\n"
    "Members debate in public plenary meetings, work in commissions and address vœux to the "
    "council {site.district:of}.\n"
    "Members respect one another, the neutrality of the council and the privacy of residents."
)
VOEUX = (
    (N_("More benches along the avenue"), N_("The council asks for benches every 200 metres.")),
    (
        N_("A car-free school street"),
        N_("The council asks that the street of the school be closed to cars at school times."),
    ),
)
SPENDING = (
    (N_("Neighbourhood party"), 120_000, 95_000, Credit.OPERATING),
    (N_("Plants for the shared garden"), 45_000, 45_000, Credit.OPERATING),
    (N_("Two benches for the square"), 310_000, 0, Credit.INVESTMENT),
)
CONTRIBUTIONS = (
    (Category.GREENERY, N_("Corner of the square"), N_("Plant trees where the pavement is wide.")),
    (
        Category.PEDESTRIANS,
        N_("In front of the school"),
        N_("Widen the pavement: children walk on the road."),
    ),
    (Category.PLAY, N_("The small garden"), N_("A play area for the youngest.")),
    (Category.CLEANLINESS, N_("Under the bridge"), N_("More bins and regular cleaning.")),
)
OPERATIONS = (
    (N_("Planting twelve trees"), Category.GREENERY, N_("Corner of the square")),
    (N_("Widened pavement"), Category.PEDESTRIANS, N_("In front of the school")),
)
PHASE_OF = (Phase.CONTRIBUTIONS, Phase.WORKS, Phase.DONE, Phase.DIAGNOSTIC)


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
        person = demo.person(given_name="Dominique", family_name="District", age=41, district=first)
        db.add(demo.account("district-official", person, OFFICIAL, districts=[first]))
        db.flush()
    for paris_code, code in mapping.items():
        district = site.config.district(code)
        hoods = [n for n in site.config.neighbourhoods if n.district == code]
        for index, name in enumerate(COUNCILS[paris_code]):
            title = (
                name
                if native
                else _("{district}, neighbourhood council {number}").format(
                    district=district.name, number=index + 1
                )
            )
            point = demo.point(code)
            council = services.create_council(
                db,
                site,
                name=title,
                district=code,
                neighbourhoods=[hoods[index].code] if index < len(hoods) else [],
                charter=_(CHARTER),
                description=_("A fictitious demo council."),
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
                title=_("Plenary meeting"),
                starts_at=now - timedelta(days=40, hours=-1),
                ends_at=now - timedelta(days=40, hours=-3),
                place=_("Town hall"),
                agenda=_("Budget of the year; the vœux; questions from residents."),
                minutes=_("Thirty residents attended. The council adopted two vœux."),
            )
            coming = CouncilMeeting(
                council_id=council.id,
                kind=MeetingKind.PLENARY,
                title=_("Plenary meeting"),
                starts_at=_evening(now + timedelta(days=14 + index)),
                ends_at=_evening(now + timedelta(days=14 + index)) + timedelta(hours=2),
                place=_("School hall"),
                agenda=_("Beautify your neighbourhood; the shared garden."),
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
    drawn = colleges.add_college(db, council, name=_("Residents drawn by lot"), seats=2, filling=Filling.LOT)
    open_ = colleges.add_college(db, council, name=_("Associations"), seats=3, filling=Filling.OPEN)
    return [drawn, open_]


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
        title=_("Diagnostic walk"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place=_("In front of the school"),
        agenda=_("We walk the neighbourhood together and note what should change."),
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
        title=_("Beautify {neighbourhood} {year}").format(neighbourhood=hood.name, year=year),
        neighbourhood=hood.code,
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
        description=_("A fictitious demo programme."),
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
            photo_alt=_("A bare corner of the street, where trees could grow") if number == 0 else "",
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
