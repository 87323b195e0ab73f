"""Demo data: a complete fictitious promotion of the Citizens' Assembly, recruited through the same
services an official uses.

A fictitious electoral roll is pre-drawn, letters are produced, about a quarter of the residents
answer, the stratified panel of college A is drawn with quotas, college B draws among applicants
and college C among young card holders; members accept (a few decline and are replaced by a
replacement draw), join workshops, vote on their topics, meet, are compensated, follow trainings and put
their first texts on a plenary's agenda. The recruitment data of people not drawn is then purged,
as it would be. Every name is invented; the dates follow today's date so the demo stays alive.

The past promotions and their recommendations (``demo_followup``) are seeded first on the same
body, so the whole history is in order.
"""

from __future__ import annotations

import contextlib
import csv
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import OFFICIAL, Actor, Gender, NationalityGroup, _, bodies, site_timezone, sortition
from parvis.api.bodies import AttendanceStatus, Body, Group, Meeting
from parvis.api.demo import FAMILY, GIVEN_MEN, GIVEN_WOMEN, DemoContext
from parvis.plugins.assembly.kinds import (
    DELIBERATION,
    EXPLORATION,
    MONITORING,
    MONITORING_SESSION,
    PLENARY,
    WORKSHOP,
    WORKSHOP_DAY,
)
from parvis.plugins.assembly.models import AssemblyPromotion, TopicSource
from parvis.plugins.assembly.services import (
    applications,
    common,
    compensation,
    draws,
    groups,
    imports,
    letters,
    outputs,
    plenaries,
    privacy,
    profiles,
    promotions,
    questionnaire,
    register,
    seats,
    topics,
    trainings,
)
from parvis.plugins.assembly.settings import NON_EU, ROLL, YOUNG

ROLL_ROWS = 4000
PREDRAWN = 1200
YOUNG_ROWS = 160
STREETS = [
    "rue de la Roquette",
    "boulevard Voltaire",
    "avenue de Flandre",
    "rue de Belleville",
    "rue des Pyrénées",
    "rue de Vaugirard",
    "avenue d'Italie",
    "rue Ordener",
    "rue du Faubourg-Saint-Antoine",
    "rue de Charonne",
]
MAYOR_TOPICS = [
    (
        "La place des enfants dans l'espace public",
        "Rues aux écoles, cours ouvertes, jeux : comment faire plus de place aux enfants ?",
    ),
    ("Bien manger à un prix juste", "L'accès de toutes et tous à une alimentation de qualité."),
    ("Le bruit dans la ville", "Réduire les nuisances sonores la nuit comme le jour."),
]
MEMBER_TOPICS = [
    (
        "Les toits de Paris au service du climat",
        "Végétaliser et partager les toits des bâtiments de la Ville.",
        True,
    ),
    (
        "Le prix des transports en commun",
        "Les tarifs relèvent d'Île-de-France Mobilités, pas de la Ville.",
        False,
    ),
    (
        "Des fontaines et des toilettes publiques partout",
        "Un accès à l'eau et à des toilettes à moins de 300 m.",
        True,
    ),
]


def _label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), site_timezone()).astimezone(UTC)


def _friday_on_or_after(day: date) -> date:
    return day + timedelta(days=(4 - day.weekday()) % 7)


def seed(db: Session, demo: DemoContext) -> None:
    demo.progress(_("Citizens' Assembly"))
    site: Any = demo.site
    settings = common.settings_of(site)
    body = common.ensure_body(db, site)
    from parvis.plugins.assembly.demo_followup import seed as seed_followup

    seed_followup(db, demo, body)  # past promotions first; it returns at once if already there
    today = demo.today
    year = today.year if today >= date(today.year, 10, 1) else today.year - 1
    label = _label(year)
    if common.promotion_by_label(db, site, label) is not None:
        return
    official = Actor(demo.accounts.get("official"), frozenset({OFFICIAL}))
    far = today + timedelta(days=365)
    promotion = promotions.open_promotion(
        db,
        site,
        official,
        label=label,
        starts_on=date(year, 10, 1),
        ends_on=date(year + 1, 6, 30),
        questionnaire_closes_on=far,
        applications_close_on=far,
    )
    groups.share_monitoring_space(db, site, promotion)
    body = promotion.body
    rng = demo.rng
    _college_a(db, site, demo, promotion, official)
    _college_b(db, site, demo, promotion, official)
    _college_c(db, site, demo, promotion, official)
    promotion.questionnaire_closes_on = date(year, 6, 15)
    promotion.young_form_closes_on = date(year, 6, 15)
    promotion.applications_close_on = date(year, 6, 15)
    db.flush()
    member_person = _seat_everyone(db, site, demo, promotion)
    found = groups.groups_of(db, promotion)
    _workshops(db, site, rng=rng, promotion=promotion, found=found, member=member_person)
    _topic_votes(db, site, rng=rng, promotion=promotion, found=found, member=member_person)
    meetings = _meetings(db, site, body=body, promotion=promotion, found=found, today=today)
    _trainings(db, site, promotion, today, member_person)
    _attendance(db, site, rng=rng, promotion=promotion, meetings=meetings, today=today)
    _outputs(db, site, promotion=promotion, found=found, official=official, meetings=meetings)
    _pay(db, site, promotion, official, today)
    for college in body.colleges:
        privacy.purge(db, site, promotion, college)
    privacy.log_access(db, site, official, promotion, action="answers", part=ROLL, records=0)
    db.flush()
    demo.progress(
        _("Citizens' Assembly: promotion {label} with {count} seats").format(
            label=label, count=len(seats.seats_of(db, promotion))
        )
    )
    codes_to_try = _next_recruitment(db, demo, official, year + 1)
    demo.progress(
        _("Citizens' Assembly: promotion {label} recruiting; codes to try at {path}: {codes}").format(
            label=_label(year + 1),
            path=f"/{site.config.site.default_locale}/assembly/questionnaire",
            codes=", ".join(codes_to_try),
        )
    )
    del settings


# -- recruitment ---------------------------------------------------------------------------------


def _write_roll(site: Any, demo: DemoContext, path: Path) -> None:
    rng = demo.rng
    districts = site.config.districts
    weights = [d.population for d in districts]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "family_name", "given_name", "birth_date", "address", "postcode", "city"])
        for number in range(ROLL_ROWS):
            district = rng.choices(districts, weights)[0]
            arrondissement = rng.choice(district.arrondissements or [1])
            woman = rng.random() < 0.53
            born = date(rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28))
            writer.writerow(
                [
                    f"E{number + 1:07d}",
                    rng.choice(FAMILY),
                    rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN),
                    born.isoformat(),
                    f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                    f"75{0 if arrondissement != 16 else 1}{arrondissement:02d}",
                    "Paris",
                ]
            )


def _age_band(site: Any, born: date | None, on: date) -> str:
    settings = common.settings_of(site)
    if born is None:
        return settings.age_bands[0].code
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for band in settings.age_bands:
        if age >= band.min_age and (band.max_age is None or age <= band.max_age):
            return band.code
    return settings.age_bands[0].code


def _pick(rng: Any, shares: list[Any]) -> str:
    return rng.choices([s.code for s in shares], [s.share for s in shares])[0]


def _answer_all(
    db: Session, site: Any, demo: DemoContext, made: list[Any], *, rate: float, college_code: str, on: date
) -> None:
    settings = common.settings_of(site)
    rng = demo.rng
    hoods: dict[str, list[Any]] = {}
    for hood in site.config.neighbourhoods:
        hoods.setdefault(hood.district, []).append(hood)
    for letter in made:
        invitee = letter.invitee
        if rng.random() > rate:
            continue
        district = invitee.district or site.config.districts[0].code
        choices = hoods.get(district, [])
        hood = rng.choice(choices) if choices and rng.random() < 0.8 else None
        answers = questionnaire.Answers(
            resident=rng.random() < 0.97,
            gender=_pick(rng, settings.genders) if rng.random() < 0.98 else "other",
            district=district,
            availability="yes" if rng.random() < 0.85 else "no",
            consent=True,
            age_band=_age_band(site, invitee.birth_date, on) if college_code == ROLL else None,
            education=_pick(rng, settings.education_levels) if college_code == ROLL else None,
            neighbourhood=hood.code if hood else None,
            guardian_agreement=True if college_code == YOUNG else None,
            contact=invitee.email,
        )
        questionnaire.submit(db, site, letter.code, answers, locale="fr")


def _draw(
    db: Session,
    site: Any,
    *,
    promotion: AssemblyPromotion,
    college: Any,
    official: Actor,
    when: datetime,
    inputs: str,
) -> None:
    draw = draws.prepare(
        db,
        site,
        promotion,
        college,
        actor=official,
        scheduled_at=when,
        place="Hôtel de Ville, salon des Arcades",
        randomness_source="Les numéros du tirage EuroMillions du vendredi précédant le tirage au sort.",
    )
    draws.run(
        db,
        site,
        draw,
        [inputs],
        actor=official,
        present=(
            "Deux agents de la direction de la participation citoyenne ; "
            "trois membres de la promotion précédente."
        ),
        bailiff="Maître Camille Exemple, huissière de justice (fictive)",
    )
    draw.drawn_at = when
    draw.published_at = when + timedelta(hours=2)
    draws.publish(db, site, draw)
    draw.report_signed_on = when.date()
    draw.report_reference = f"PV-{when.year}-{college.code.upper()}"


def _college_a(
    db: Session, site: Any, demo: DemoContext, promotion: AssemblyPromotion, official: Actor
) -> None:
    college = common.college(promotion.body, ROLL)
    year = promotion.term.starts_on.year
    with tempfile.TemporaryDirectory() as scratch:
        roll = Path(scratch) / "liste-electorale.csv"
        _write_roll(site, demo, roll)
        imports.import_list(
            db, site, promotion, college, roll, filename="liste-electorale-extrait.csv", actor=official
        )
        predraw = imports.run_predraw(
            db,
            site,
            promotion,
            college,
            [f"{year}-05-02 EuroMillions 4 18 23 37 45 * 2 9"],
            actor=official,
            count=PREDRAWN,
        )
        predraw.drawn_at = predraw.published_at = _at(date(year, 5, 4), 11)
    made = letters.issue(db, site, promotion, college, actor=official)
    _answer_all(db, site, demo, made, rate=0.25, college_code=ROLL, on=promotion.term.starts_on)
    _draw(
        db,
        site,
        promotion=promotion,
        college=college,
        official=official,
        when=_at(date(year, 7, 1), 18),
        inputs=f"{year}-06-27 EuroMillions 7 12 29 33 48 * 1 5",
    )


def _college_b(
    db: Session, site: Any, demo: DemoContext, promotion: AssemblyPromotion, official: Actor
) -> None:
    college = common.college(promotion.body, NON_EU)
    rng = demo.rng
    countries = ["DZ", "MA", "TN", "SN", "ML", "CN", "VN", "BR", "US", "GB", "TR", "CM", "CI", "LK", "UA"]
    start = promotion.term.starts_on
    for number in range(42):
        nationality = rng.choice(countries) if number % 14 else "IT"  # a few EU citizens apply by mistake
        person = demo.person(
            nationality_group=NationalityGroup.NON_EU if nationality != "IT" else NationalityGroup.OTHER_EU,
            nationality=nationality,
            age=rng.randint(19, 70),
        )
        account = demo.account(f"assembly-applicant-{number + 1}", person)
        db.add(account)
        db.flush()
        hood = site.config.neighbourhood(person.neighbourhood or "")
        applications.submit(
            db,
            site,
            promotion,
            college,
            account=account,
            form=applications.ApplicationForm(
                birth_date=person.birth_date or date(start.year - 30, 1, 1),
                nationality=nationality,
                gender=(person.gender or Gender.WOMAN).value,
                resident=True,
                district=person.district or site.config.districts[0].code,
                availability="yes",
                consent=True,
                neighbourhood=hood.code if hood else None,
                motivation="Je vis ici depuis des années et je veux participer aux décisions de ma ville.",
            ),
        )
    _draw(
        db,
        site,
        promotion=promotion,
        college=college,
        official=official,
        when=_at(date(start.year, 7, 1), 19),
        inputs=f"{start.year}-06-27 Loto 3 11 26 38 44 * 6",
    )


def _college_c(
    db: Session,
    site: Any,
    demo: DemoContext,
    promotion: AssemblyPromotion,
    official: Actor,
    *,
    predraw_on: date | None = None,
    finish: bool = True,
) -> list[Any]:
    """College C's list, pre-draw and letters; then (``finish``) the answers and the draw."""
    college = common.college(promotion.body, YOUNG)
    rng = demo.rng
    start = promotion.term.starts_on
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "carte-citoyenne.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "family_name", "given_name", "birth_date", "email", "postcode"])
            for number in range(YOUNG_ROWS):
                woman = rng.random() < 0.5
                given = rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)
                family = rng.choice(FAMILY)
                born = imports.years_before(start, 18) + timedelta(days=rng.randint(2, 720))
                writer.writerow(
                    [
                        f"CC{number + 1:05d}",
                        family,
                        given,
                        born.isoformat(),
                        f"{given}.{family}.cc{number + 1}@example.org".lower().replace(" ", ""),
                        f"750{rng.randint(1, 20):02d}".replace("75016", "75116"),
                    ]
                )
        imports.import_list(
            db, site, promotion, college, path, filename="carte-citoyenne-16-17.csv", actor=official
        )
        predraw = imports.run_predraw(
            db,
            site,
            promotion,
            college,
            [f"{start.year}-05-02 EuroMillions 4 18 23 37 45 * 2 9"],
            actor=official,
        )
        predraw.drawn_at = predraw.published_at = _at(predraw_on or date(start.year, 5, 4), 12)
    made = letters.issue(db, site, promotion, college, actor=official)
    if not finish:
        return made
    _answer_all(db, site, demo, made, rate=0.2, college_code=YOUNG, on=promotion.term.starts_on)
    _draw(
        db,
        site,
        promotion=promotion,
        college=college,
        official=official,
        when=_at(date(start.year, 7, 1), 20),
        inputs=f"{start.year}-06-27 Loto 3 11 26 38 44 * 6",
    )
    return made


def _next_recruitment(db: Session, demo: DemoContext, official: Actor, year: int) -> list[str]:
    """The next promotion's recruitment under way: College C's information form is open, with
    letters sent and not answered yet. Returns a few of their codes, for a visitor to try."""
    site: Any = demo.site
    today = demo.today
    promotion = promotions.open_promotion(
        db,
        site,
        official,
        label=_label(year),
        starts_on=date(year, 10, 1),
        ends_on=date(year + 1, 6, 30),
        questionnaire_closes_on=today + timedelta(days=60),
        applications_close_on=today + timedelta(days=60),
    )
    promotion.young_form_closes_on = today + timedelta(days=60)
    made = _college_c(db, site, demo, promotion, official, predraw_on=today - timedelta(days=7), finish=False)
    db.flush()
    return [letter.code for letter in made[:3]]


# -- members' life -------------------------------------------------------------------------------


def _refill(db: Session, site: Any, declined: list[Any]) -> None:
    """The declined seats are refilled as the settings say: by one replacement draw (published in
    the register of draws), or each from the reserve. When nobody keeps the quotas the seat stays
    empty, as it would."""
    if not declined:
        return
    draw = declined[0].draw
    if register.uses_draw(site, draw):
        with contextlib.suppress(common.AssemblyError):
            inputs = [f"EuroMillions {site.today().isoformat()} 4 12 19 33 47 * 2 9"]
            for new in seats.replace_by_draw(db, site, draw, inputs):
                seats.accept(db, site, new)
        return
    for seat in declined:
        with contextlib.suppress(common.AssemblyError):
            seats.accept(db, site, seats.replace(db, site, seat))


def _replaceable(candidates: list[Any], count: int) -> list[Any]:
    """The first ``count`` seats whose departure together the rest of the pool can make up within
    the quotas (tight quotas leave some seats irreplaceable: the demo shows replacements that work)."""
    if not candidates:
        return []
    draw = candidates[0].draw
    record, pool = draws.record_of(draw), draws.pool_of(draw)
    chosen: list[Any] = []
    for seat in candidates:
        if len(chosen) == count:
            break
        leaving = [*(s.pool_id for s in chosen), seat.pool_id]
        if record is not None and sortition.replacements(record, pool, leaving).get(seat.pool_id):
            chosen.append(seat)
    return chosen


def _seat_everyone(db: Session, site: Any, demo: DemoContext, promotion: AssemblyPromotion) -> Any:
    """Most accept; three decline and are replaced (by a replacement draw). One seat goes to the demo
    member account (assembly@example.org), who accepts with it."""
    found = seats.seats_of(db, promotion)
    roll_seats = [s for s in found if s.membership.college and s.membership.college.code == ROLL]
    declining = {s.id for s in _replaceable(roll_seats[3:], 3)}
    member_seat = roll_seats[0]
    person = member_seat.membership.person
    account = demo.account("assembly", person)
    db.add(account)
    db.flush()
    for seat in found:
        if seat.id in declining:
            seats.decline(db, site, seat)
        else:
            seats.accept(db, site, seat, account if seat.id == member_seat.id else None)
    _refill(db, site, [s for s in roll_seats if s.id in declining])
    profiles.save(
        db,
        person.id,
        bio=(
            "Infirmière de nuit, j'habite le quartier depuis quinze ans. "
            "Curieuse de tout, surtout de ce qui touche aux enfants."
        ),
        show_email=True,
    )
    return person


def _workshops(
    db: Session, site: Any, *, rng: Any, promotion: AssemblyPromotion, found: dict[str, Group], member: Any
) -> None:
    for membership in profiles.members(db, promotion):
        kind = DELIBERATION if membership.person_id == member.id or rng.random() < 0.55 else EXPLORATION
        groups.join(db, site, promotion, found[kind], membership.person_id)


def _topic_votes(
    db: Session, site: Any, *, rng: Any, promotion: AssemblyPromotion, found: dict[str, Group], member: Any
) -> None:
    deliberation = topics.poll_for(db, found[DELIBERATION])
    for title, description in MAYOR_TOPICS:
        topics.add_topic(db, deliberation, title=title, description=description, source=TopicSource.MAYOR)
    exploration = topics.poll_for(db, found[EXPLORATION])
    explorers = groups.members_of(db, found[EXPLORATION])
    for (title, description, admissible), proposer in zip(MEMBER_TOPICS, explorers, strict=False):
        topic = topics.add_topic(
            db,
            exploration,
            title=title,
            description=description,
            source=TopicSource.MEMBER,
            proposed_by_id=proposer.id,
        )
        topics.review(
            db,
            topic,
            admissible=admissible,
            note="" if admissible else "Compétence d'Île-de-France Mobilités, pas de la Ville de Paris.",
        )
    for poll, weights in ((deliberation, [6, 3, 2]), (exploration, [5, 3])):
        topics.open_poll(db, poll, None)
        candidates = topics.candidates(poll)
        voters = [m.person_id for m in profiles.members(db, promotion)]
        for person_id in voters:
            if person_id == member.id and poll is deliberation:
                choice = candidates[0]
            else:
                choice = rng.choices(candidates, weights[: len(candidates)])[0]
            if rng.random() < 0.9:
                topics.vote(db, site, poll, person_id, choice.id)
        tied = topics.close_poll(db, poll)
        if tied:
            topics.settle_tie(db, poll, tied[0])


def _meetings(
    db: Session, site: Any, *, body: Body, promotion: AssemblyPromotion, found: dict[str, Group], today: date
) -> list[Meeting]:
    start = promotion.term.starts_on
    made: list[Meeting] = []
    deliberation, exploration, monitoring = found[DELIBERATION], found[EXPLORATION], found[MONITORING]
    hall = "Hôtel de Ville, 5 rue de Lobau"
    for number, month_offset in enumerate((0, 1, 3, 5, 7)):
        friday = _friday_on_or_after(_month(start, month_offset) + timedelta(days=9))
        saturday = friday + timedelta(days=1)
        title = f"Atelier Délibération, session {number + 1}"
        made.append(
            bodies.add_meeting(
                db,
                site,
                body,
                title=title + " (vendredi soir)",
                kind=WORKSHOP,
                group=deliberation,
                starts_at=_at(friday, 18, 30),
                ends_at=_at(friday, 21, 30),
                place=hall,
                agenda="Accueil, retour sur la session précédente, travail en sous-groupes.",
            )
        )
        made.append(
            bodies.add_meeting(
                db,
                site,
                body,
                title=title + " (samedi)",
                kind=WORKSHOP_DAY,
                group=deliberation,
                starts_at=_at(saturday, 9, 30),
                ends_at=_at(saturday, 17, 0),
                place=hall,
                agenda="Audition d'experts le matin ; rédaction des propositions l'après-midi.",
            )
        )
        wednesday = friday - timedelta(days=9)
        made.append(
            bodies.add_meeting(
                db,
                site,
                body,
                title=f"Atelier Exploration, séance {number + 1}",
                kind=WORKSHOP,
                group=exploration,
                starts_at=_at(wednesday, 18, 30),
                ends_at=_at(wednesday, 21, 30),
                place="Maison de la vie associative et citoyenne du 11e",
                agenda="Visite de terrain, rencontre avec la direction concernée, choix des pistes.",
            )
        )
    for month_offset in (0, 2, 4, 6, 8):
        tuesday = _month(start, month_offset) + timedelta(days=2)
        made.append(
            bodies.add_meeting(
                db,
                site,
                body,
                title="Espace Suivi et interpellation avant le Conseil de Paris",
                kind=MONITORING_SESSION,
                group=monitoring,
                starts_at=_at(tuesday, 18, 0),
                ends_at=_at(tuesday, 20, 0),
                place=hall,
                agenda="Échanges informels avec des élus sur les délibérations du prochain Conseil.",
            )
        )
    for number, month_offset in enumerate((0, 2, 5, 8)):
        saturday = _friday_on_or_after(_month(start, month_offset) + timedelta(days=14)) + timedelta(days=1)
        made.append(
            bodies.add_meeting(
                db,
                site,
                body,
                title=f"Plénière n° {number + 1}",
                kind=PLENARY,
                starts_at=_at(saturday, 10, 0),
                ends_at=_at(saturday, 13, 0),
                place="Hôtel de Ville, salle des fêtes",
                agenda="Point d'étape des ateliers ; examen et validation des recommandations.",
                public=True,
            )
        )
    del today
    return made


def _month(day: date, offset: int) -> date:
    year, month = divmod(day.month - 1 + offset, 12)
    return date(day.year + year, month + 1, 1)


def _trainings(db: Session, site: Any, promotion: AssemblyPromotion, today: date, member: Any) -> None:
    speaking = trainings.add_training(
        db,
        promotion,
        title="Prendre la parole en public",
        description="Poser sa voix, structurer une intervention, oser interpeller.",
    )
    place = trainings.add_training(
        db,
        promotion,
        title="Trouver sa place dans un processus participatif",
        description=(
            "Comprendre qui décide quoi à la Ville et comment une recommandation devient une décision."
        ),
    )
    start = promotion.term.starts_on
    first = trainings.add_session(
        db,
        site,
        speaking,
        starts_at=_at(start + timedelta(days=20), 18),
        ends_at=_at(start + timedelta(days=20), 21),
        place="Hôtel de Ville",
        capacity=15,
    )
    trainings.add_session(
        db,
        site,
        speaking,
        starts_at=_at(_month(start, 3) + timedelta(days=5), 18),
        ends_at=_at(_month(start, 3) + timedelta(days=5), 21),
        place="Hôtel de Ville",
        capacity=15,
    )
    trainings.add_session(
        db,
        site,
        place,
        starts_at=_at(_month(start, 2) + timedelta(days=10), 10),
        ends_at=_at(_month(start, 2) + timedelta(days=10), 13),
        place="Hôtel de Ville",
        capacity=20,
    )
    if first.meeting.starts_at.date() > today:
        trainings.enrol(db, promotion, first, member.id)
    else:
        from parvis.plugins.assembly.models import AssemblyEnrolment

        db.add(AssemblyEnrolment(session_id=first.id, person_id=member.id))
        db.flush()


def _attendance(
    db: Session, site: Any, *, rng: Any, promotion: AssemblyPromotion, meetings: list[Meeting], today: date
) -> None:
    for meeting in meetings:
        if meeting.starts_at.date() >= today:
            continue
        expected = bodies.expected_attendees(db, meeting)
        if meeting.group is not None and meeting.group.kind in (DELIBERATION, EXPLORATION):
            registered = {p.id for p in groups.members_of(db, meeting.group)}
            expected = [m for m in expected if m.person_id in registered]
        statuses = {}
        for membership in expected:
            roll = rng.random()
            statuses[membership.person_id] = (
                AttendanceStatus.PRESENT
                if roll < 0.82
                else AttendanceStatus.EXCUSED
                if roll < 0.93
                else AttendanceStatus.ABSENT
            )
        if meeting.kind == MONITORING_SESSION:
            statuses = {pid: s for pid, s in statuses.items() if rng.random() < 0.3}
        bodies.record_attendance(db, meeting, statuses)


def _outputs(
    db: Session,
    site: Any,
    *,
    promotion: AssemblyPromotion,
    found: dict[str, Group],
    official: Actor,
    meetings: list[Meeting],
) -> None:
    deliberation = outputs.create_output(
        db,
        site,
        promotion,
        found[DELIBERATION],
        title="Des rues aux écoles dans chaque quartier d'ici 2030",
        summary=(
            "Fermer à la circulation, aux heures d'entrée et de sortie, "
            "la rue de chaque école qui le demande."
        ),
        actor=official,
    )
    voeu = outputs.create_output(
        db,
        site,
        promotion,
        found[EXPLORATION],
        title="Vœu pour des fontaines et des toilettes publiques à moins de 300 mètres de chacun",
        summary="Un plan pluriannuel d'installation, en priorité dans les quartiers populaires.",
        actor=official,
    )
    upcoming = [m for m in meetings if m.kind == PLENARY and m.starts_at > datetime.now(UTC)]
    if upcoming:
        for decision in (deliberation, voeu):
            plenaries.add_item(db, promotion, upcoming[0], decision)


def _pay(db: Session, site: Any, promotion: AssemblyPromotion, official: Actor, today: date) -> None:
    periods = compensation.periods_with_activity(db, site, promotion)
    for start in periods:
        if compensation.period_of(start, common.settings_of(site).pay_period)[1] < today:
            compensation.export(db, site, promotion, start, actor=official)
