"""Demo data of the Citizens' Assembly: a promotion's recruitment, through the services an official
uses. A fictitious roll is imported and pre-drawn, letters go out, about a quarter answer, college
A's stratified panel is drawn with its quotas, college B draws among applicants and college C among
young card holders; the next promotion's recruitment is left under way. Texts in ``demo_content``.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import Actor, Gender, NationalityGroup, site_timezone
from parvis.api.demo import FAMILY, GIVEN_MEN, GIVEN_WOMEN, DemoContext
from parvis.plugins.assembly.demo_content import (
    ANSWER_RATE,
    BAILIFF,
    CODES_SHOWN,
    DRAW_PLACE,
    DRAW_PRESENT,
    EU_BY_MISTAKE,
    LOT_DRAW_INPUTS,
    MOTIVATION,
    NON_EU_APPLICANTS,
    NON_EU_COUNTRIES,
    PREDRAW_INPUTS,
    PREDRAWN,
    RANDOMNESS_SOURCE,
    REPORT_REFERENCE,
    ROLL_CITY,
    ROLL_DRAW_INPUTS,
    ROLL_FILE,
    ROLL_ROWS,
    STREETS,
    YOUNG_FILE,
    YOUNG_ROWS,
)
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.services import (
    applications,
    common,
    draws,
    imports,
    letters,
    promotions,
    questionnaire,
)
from parvis.plugins.assembly.settings import NON_EU, ROLL, YOUNG


def label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), site_timezone()).astimezone(UTC)


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
                    ROLL_CITY,
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
        place=DRAW_PLACE,
        randomness_source=RANDOMNESS_SOURCE,
    )
    draws.run(
        db,
        site,
        draw,
        [inputs],
        actor=official,
        present=DRAW_PRESENT,
        bailiff=BAILIFF,
    )
    draw.drawn_at = when
    draw.published_at = when + timedelta(hours=2)
    draws.publish(db, site, draw)
    draw.report_signed_on = when.date()
    draw.report_reference = REPORT_REFERENCE.format(year=when.year, college=college.code.upper())


def college_a(
    db: Session, site: Any, demo: DemoContext, promotion: AssemblyPromotion, official: Actor
) -> None:
    college = common.college(promotion.body, ROLL)
    year = promotion.term.starts_on.year
    with tempfile.TemporaryDirectory() as scratch:
        roll = Path(scratch) / "liste-electorale.csv"
        _write_roll(site, demo, roll)
        imports.import_list(db, site, promotion, college, roll, filename=ROLL_FILE, actor=official)
        predraw = imports.run_predraw(
            db,
            site,
            promotion,
            college,
            [PREDRAW_INPUTS.format(year=year)],
            actor=official,
            count=PREDRAWN,
        )
        predraw.drawn_at = predraw.published_at = at(date(year, 5, 4), 11)
    made = letters.issue(db, site, promotion, college, actor=official)
    _answer_all(db, site, demo, made, rate=ANSWER_RATE[ROLL], college_code=ROLL, on=promotion.term.starts_on)
    _draw(
        db,
        site,
        promotion=promotion,
        college=college,
        official=official,
        when=at(date(year, 7, 1), 18),
        inputs=ROLL_DRAW_INPUTS.format(year=year),
    )


def college_b(
    db: Session, site: Any, demo: DemoContext, promotion: AssemblyPromotion, official: Actor
) -> None:
    college = common.college(promotion.body, NON_EU)
    rng = demo.rng
    start = promotion.term.starts_on
    for number in range(NON_EU_APPLICANTS):
        # a few EU citizens apply by mistake
        nationality = rng.choice(NON_EU_COUNTRIES) if number % 14 else EU_BY_MISTAKE
        person = demo.person(
            nationality_group=NationalityGroup.NON_EU
            if nationality != EU_BY_MISTAKE
            else NationalityGroup.OTHER_EU,
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
                motivation=MOTIVATION,
            ),
        )
    _draw(
        db,
        site,
        promotion=promotion,
        college=college,
        official=official,
        when=at(date(start.year, 7, 1), 19),
        inputs=LOT_DRAW_INPUTS.format(year=start.year),
    )


def college_c(
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
        imports.import_list(db, site, promotion, college, path, filename=YOUNG_FILE, actor=official)
        predraw = imports.run_predraw(
            db,
            site,
            promotion,
            college,
            [PREDRAW_INPUTS.format(year=start.year)],
            actor=official,
        )
        predraw.drawn_at = predraw.published_at = at(predraw_on or date(start.year, 5, 4), 12)
    made = letters.issue(db, site, promotion, college, actor=official)
    if not finish:
        return made
    _answer_all(
        db, site, demo, made, rate=ANSWER_RATE[YOUNG], college_code=YOUNG, on=promotion.term.starts_on
    )
    _draw(
        db,
        site,
        promotion=promotion,
        college=college,
        official=official,
        when=at(date(start.year, 7, 1), 20),
        inputs=LOT_DRAW_INPUTS.format(year=start.year),
    )
    return made


def next_recruitment(db: Session, demo: DemoContext, official: Actor, year: int) -> list[str]:
    """The next promotion's recruitment under way: College C's information form is open, with
    letters sent and not answered yet. Returns a few of their codes, for a visitor to try."""
    site: Any = demo.site
    today = demo.today
    promotion = promotions.open_promotion(
        db,
        site,
        official,
        label=label(year),
        starts_on=date(year, 10, 1),
        ends_on=date(year + 1, 6, 30),
        questionnaire_closes_on=today + timedelta(days=60),
        applications_close_on=today + timedelta(days=60),
    )
    promotion.young_form_closes_on = today + timedelta(days=60)
    made = college_c(db, site, demo, promotion, official, predraw_on=today - timedelta(days=7), finish=False)
    db.flush()
    return [letter.code for letter in made[:CODES_SHOWN]]
