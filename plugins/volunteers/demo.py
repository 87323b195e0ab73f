"""Demo data: about 270 fictitious missions across themes and districts (some full, some
recurring, some remote), a programme of events, organisations with their members, volunteers'
sign-ups with waiting lists, and a Nuit de la Solidarité campaign with its teams.

The content is written for Paris (``demo_content``); on another city's configuration the
organisations' districts map onto the configured ones by position, Paris's names become the
configured city's (``ELSEWHERE``) and places are near each district's point or the map's centre."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import _, site_timezone
from parvis.api.content import ContentRef
from parvis.api.moderation import report
from parvis.plugins.volunteers import campaigns, catalogue, signup
from parvis.plugins.volunteers.catalogue import MissionInput
from parvis.plugins.volunteers.content import MISSION
from parvis.plugins.volunteers.demo_content import (
    CENTRE,
    CHARTER,
    CITY,
    DISTRICT_LABEL,
    ELSEWHERE,
    EVENTS,
    MIN_AGES,
    MISSION_COUNT,
    MISSIONS,
    NIGHT,
    ORGANISATIONS,
    ORGANISER,
    PLACES,
    PREREQUISITES,
    REMOTE,
    REPORT_NOTE,
    STREETS,
    VOLUNTEERS,
    WELCOME,
)
from parvis.plugins.volunteers.models import (
    CampaignRole,
    Category,
    EventType,
    Mission,
    MissionKind,
    MissionStatus,
    Organisation,
    OrgKind,
    OrgMember,
    OrgRole,
    Participation,
    ParticipationStatus,
    VolunteerCampaign,
)
from parvis.plugins.volunteers.schedule import one_off, weekly


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=site_timezone()).astimezone(UTC)


class Places:
    """Where the Paris content goes on this site, and its wording there."""

    def __init__(self, demo: Any) -> None:
        self.config = demo.site.config
        codes = list(dict.fromkeys(d for *_rest, d in ORGANISATIONS if d))
        self.districts, self.native = demo.districts_for(codes)
        city = self.config.site.city
        of_city = f"d'{city}" if city[:1].lower() in "aeiouyhéèêàâîôû" else f"de {city}"
        self.names = {paris: text.format(city=city, of_city=of_city) for paris, text in ELSEWHERE.items()}

    def text(self, text: str) -> str:
        if self.native:
            return text
        for paris, here in self.names.items():
            text = text.replace(paris, here)
        return text

    def slug(self, slug: str) -> str:
        from parvis.api.bodies import slugify

        return slug if self.native else slug.replace("paris", slugify(self.config.site.city) or "ville")

    def district(self, paris_code: str | None) -> str | None:
        return None if paris_code is None else self.districts.get(paris_code)

    def label(self, code: str) -> str:
        if self.native:
            return CENTRE if code == "centre" else DISTRICT_LABEL.format(code=code)
        found = self.config.district(code)
        return found.name if found else code


def _where(demo: Any, district: str | None, places: Places) -> dict[str, Any]:
    rng = demo.rng
    point = demo.point(district, spread=0.007)
    return {
        "place_name": places.text(rng.choice(PLACES)),
        "address": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
        "district": district,
        **point,
    }


def _organisations(db: Session, demo: Any, places: Places) -> list[Organisation]:
    found = []
    for paris_slug, name, description, district in [*ORGANISATIONS, CITY]:
        kind = OrgKind.CITY if paris_slug == CITY[0] else OrgKind.ASSOCIATION
        slug = places.slug(paris_slug)
        organisation = Organisation(
            slug=slug,
            name=places.text(name),
            kind=kind,
            description=places.text(description),
            district=places.district(district),
            email=f"contact@{slug}.example.org",
        )
        db.add(organisation)
        found.append(organisation)
    db.flush()
    return found


def _schedule(demo: Any, kind: MissionKind) -> tuple[list[Any], int]:
    rng, today = demo.rng, demo.today
    if kind == MissionKind.REMOTE:
        start = _local(today - timedelta(days=rng.randint(0, 20)), 9)
        end = _local(today + timedelta(days=rng.randint(30, 120)), 18)
        return one_off(start, end), rng.choice([5, 10, 15, 20, 30])
    if kind == MissionKind.RECURRING:
        first_day = today + timedelta(days=rng.randint(-14, 10))
        hour = rng.choice([9, 10, 14, 17, 18])
        start = _local(first_day, hour)
        days = {first_day.weekday()}
        if rng.random() < 0.3:
            days.add((first_day.weekday() + 3) % 7)
        until = first_day + timedelta(days=rng.randint(28, 110))
        return weekly(start, start + timedelta(hours=rng.choice([2, 3])), days, until), rng.choice(
            [3, 4, 5, 6, 8]
        )
    day = today + timedelta(days=rng.randint(1, 90))
    start = _local(day, rng.choice([9, 10, 14, 18, 19]), rng.choice([0, 30]))
    return one_off(start, start + timedelta(hours=rng.choice([2, 3, 4]))), rng.choice(
        [5, 8, 10, 12, 15, 20, 30, 40]
    )


def _fill(db: Session, demo: Any, mission: Mission, volunteers: list[Any]) -> None:
    """Sign volunteers up directly (the demo's history), keeping the counters right."""
    rng = demo.rng
    mood = rng.random()
    total = 0
    for slot in mission.slots:
        if mood < 0.12:
            taken = 0  # "Be the first to act!"
        elif mood < 0.27:
            taken = slot.capacity  # full, sometimes with a waiting list
        else:
            taken = rng.randint(0, slot.capacity)
        chosen = rng.sample(volunteers, min(len(volunteers), taken + 3))
        for account in chosen[:taken]:
            db.add(
                Participation(slot_id=slot.id, account_id=account.id, status=ParticipationStatus.CONFIRMED)
            )
        if taken == slot.capacity and taken and rng.random() < 0.6:
            for account in chosen[taken : taken + rng.randint(1, 3)]:
                db.add(
                    Participation(
                        slot_id=slot.id, account_id=account.id, status=ParticipationStatus.WAITLISTED
                    )
                )
        slot.taken = taken
        total += taken
    mission.taken_total = total


def _mission(
    demo: Any, idea: tuple[str, str, str, str], kind: MissionKind, district: str | None, places: Places
) -> MissionInput:
    """A mission from an idea (theme, title, description, skills) in a district (or the city)."""
    theme, title, description, skills = idea
    occurrences, capacity = _schedule(demo, kind)
    where = {} if kind == MissionKind.REMOTE else _where(demo, district, places)
    if kind != MissionKind.REMOTE and district is not None:
        title = f"{title} ({places.label(district)})"
    return MissionInput(
        title=title,
        description=f"{description}\n\n{WELCOME}",
        theme=theme,
        kind=kind,
        capacity=capacity,
        occurrences=occurrences,
        skills=skills.split(","),
        min_age=demo.rng.choice(MIN_AGES),
        prerequisites=demo.rng.choice(PREREQUISITES),
        **where,
    )


def seed(db: Session, demo: Any) -> None:
    demo.progress(_("Volunteering"))
    rng = demo.rng
    site = demo.site
    places = Places(demo)
    organisations = _organisations(db, demo, places)
    city = organisations[-1]
    given, family, age = ORGANISER
    organiser = demo.account("organiser", demo.person(given_name=given, family_name=family, age=age))
    db.add(organiser)
    volunteers = [
        demo.account(f"volunteer{n}", demo.person(age=rng.randint(18, 75))) for n in range(1, VOLUNTEERS + 1)
    ]
    db.add_all(volunteers)
    db.flush()
    db.add_all(
        [
            OrgMember(organisation_id=organisations[1].id, account_id=organiser.id, role=OrgRole.ADMIN),
            OrgMember(organisation_id=city.id, account_id=organiser.id, role=OrgRole.MEMBER),
        ]
    )
    districts: list[str | None] = [d.code for d in site.config.districts] or [None]
    themes = list(MISSIONS)
    official = demo.accounts["official"]
    created: list[Mission] = []
    for n in range(MISSION_COUNT):
        roll = rng.random()
        if roll < 0.09:
            theme, title, description, skills = rng.choice(REMOTE)
            kind = MissionKind.REMOTE
        else:
            theme = rng.choice(themes)
            title, description, skills = rng.choice(MISSIONS[theme])
            kind = MissionKind.RECURRING if roll < 0.33 else MissionKind.ONE_OFF
        organisation = city if n % 9 == 0 else rng.choice(organisations[:-1])
        data = _mission(demo, (theme, title, description, skills), kind, rng.choice(districts), places)
        mission = catalogue.create_mission(db, site, organisation, data, organiser)
        created.append(mission)
    for event_type, theme, title, description in EVENTS * 2:
        district = rng.choice(districts)
        day = demo.today + timedelta(days=rng.randint(3, 100))
        start = _local(day, rng.choice([10, 14, 18, 19]))
        data = MissionInput(
            title=places.text(title),
            description=description,
            theme=theme,
            kind=MissionKind.ONE_OFF,
            capacity=rng.choice([15, 20, 25, 40, 60]),
            occurrences=one_off(start, start + timedelta(hours=2)),
            category=Category.EVENT,
            event_type=EventType(event_type),
            **_where(demo, district, places),
        )
        created.append(catalogue.create_mission(db, site, rng.choice(organisations), data, organiser))
    db.flush()
    now = site.now()
    for index, mission in enumerate(created):
        mission.status = MissionStatus.PUBLISHED
        mission.published_at = now - timedelta(days=rng.randint(1, 60))
        mission.validated_by_id = official.id
        if index in {5, 17, 40, 77, 120, 200}:
            mission.status = MissionStatus.PENDING
            mission.submitted_at = now - timedelta(days=rng.randint(0, 5))
        elif index in {9, 150}:
            mission.status = MissionStatus.DRAFT
        else:
            _fill(db, demo, mission, volunteers)
    reported = created[33]
    db.flush()
    report(
        db,
        demo.site,
        volunteers[0],
        ContentRef(MISSION, reported.public_id),
        reason="other",
        note=REPORT_NOTE,
    )
    _citizen(db, demo, created)
    _campaign(db, demo, volunteers, places)
    db.flush()


def _citizen(db: Session, demo: Any, missions: list[Mission]) -> None:
    """The demo citizen has a place in two missions and waits for a third."""
    citizen = demo.accounts["citizen"]
    now = demo.site.now()
    open_slots = [
        s
        for m in missions
        if m.status == MissionStatus.PUBLISHED and m.min_age is None and m.category == Category.MISSION
        for s in m.slots[:1]
        if s.starts_at > now
    ]
    free = [s for s in open_slots if s.taken < s.capacity][:2]
    full = [s for s in open_slots if s.taken >= s.capacity][:1]
    for slot in free + full:
        try:
            signup.join(db, demo.site, slot.id, citizen, now)
        except signup.SignupError:
            continue


def _campaign(db: Session, demo: Any, volunteers: list[Any], places: Places) -> None:
    rng = demo.rng
    night = demo.today + timedelta(days=NIGHT.days_from_today)
    campaign = VolunteerCampaign(
        slug=NIGHT.slug,
        title=NIGHT.title,
        description=places.text(NIGHT.description),
        charter=CHARTER,
        starts_at=_local(night, 22),
        ends_at=_local(night + timedelta(days=1), 2),
        min_age=18,
    )
    db.add(campaign)
    db.flush()
    paris = NIGHT.districts
    districts = list(paris) if places.native else [d.code for d in demo.site.config.districts][: len(paris)]
    if not districts:
        return  # teams are formed per district: a city without districts has no such night
    for account in rng.sample(volunteers, NIGHT.signups):
        role = CampaignRole.TEAM_LEADER if rng.random() < NIGHT.leaders else CampaignRole.FIELD_VOLUNTEER
        try:
            campaigns.sign_up(
                db,
                demo.site,
                campaign,
                account,
                role=role,
                district=rng.choice(districts),
                charter_accepted=True,
            )
        except campaigns.CampaignError:
            continue
    campaigns.form_teams(db, campaign)
