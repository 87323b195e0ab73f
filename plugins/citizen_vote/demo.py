"""Demo data: a vote held today (a city-wide question, local questions in a few districts, a
fictitious roll of ``demo_electors`` electors inserted in bulk, a voting place per district, clerks),
a past vote with its counts entered twice, agreed and published, and a consultative vote to come
whose electorate is the demo's residents aged 16 or over. Districts come from the
site's configuration; nothing is committed here."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select

from parvis.api import _, pollbook, site_timezone
from parvis.api.demo import FAMILY, GIVEN_MEN, GIVEN_WOMEN
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.demo_content import CONSULTATIVE, LOCAL, PAST, PLACE, TODAY, DemoVote
from parvis.plugins.citizen_vote.models import RESIDENTS, CountEntry, RollEntry, Vote
from parvis.plugins.citizen_vote.services import turnout

CHUNK = 10_000


def _day(on: date, hour: int) -> datetime:
    return datetime.combine(on, time(hour), site_timezone())


def _create(db: Any, demo: Any, spec: DemoVote, hours: tuple[int, int], **options: Any) -> Vote:
    """The vote ``spec`` declares, its texts in the demo's language, open between ``hours`` on its
    day; ``options``: the rest of ``services.create_vote``'s (online, electorate, ...)."""
    title, pro, con = spec.texts
    day = demo.today + timedelta(days=spec.days_from_today)
    return services.create_vote(
        db,
        demo.site,
        slug=spec.slug,
        title=_(title),
        question=_(title),
        options=[_(option) for option in spec.options],
        opens_at=_day(day, hours[0]),
        closes_at=_day(day, hours[1]),
        arguments_for=_(pro),
        arguments_against=_(con),
        **options,
    )


def _roll(db: Any, demo: Any, vote: Vote, count: int, districts: list[str]) -> None:
    rng = demo.rng
    rows = []
    for n in range(count):
        district = districts[n % len(districts)]
        born = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 76))
        rows.append(
            {
                "vote_id": vote.id,
                "number": f"{district}-{n + 1:07d}",
                "family_name": rng.choice(FAMILY),
                "given_name": rng.choice(GIVEN_WOMEN if n % 2 else GIVEN_MEN),
                "birth_date": born,
                "section": f"{district}-{(n // len(districts)) % 2 + 1}",
                "district": district,
            }
        )
    for start in range(0, len(rows), CHUNK):
        db.execute(insert(RollEntry), rows[start : start + CHUNK])
    vote.roll_count = count
    vote.roll_cutoff = vote.opens_at.date() - timedelta(days=27)
    vote.roll_sha256 = "demo-" + "0" * 59  # a demo roll is generated, not imported from a file


def _places(db: Any, demo: Any, vote: Vote, districts: list[str]) -> None:
    site = demo.site
    for code in districts:
        name = site.config.district(code).name
        services.add_place(
            db,
            site,
            vote,
            name=_(PLACE).format(district=name),
            district=code,
            address="",
            sections=[f"{code}-1", f"{code}-2"],
        )


def _consultative(db: Any, demo: Any, districts: list[str]) -> None:
    """A consultative vote in three weeks, in person and online, whose electorate is the demo's
    residents aged 16 or over (frozen today: a few hundred people, so it stays fast)."""
    site = demo.site
    vote = _create(db, demo, CONSULTATIVE, (9, 19), online=True, electorate=RESIDENTS, min_age=16)
    for code in districts:
        services.add_place(
            db,
            site,
            vote,
            name=_(PLACE).format(district=site.config.district(code).name),
            district=code,
            sections=[code],
        )
    with contextlib.suppress(services.VoteRefused):  # no demo resident: left for an official
        services.freeze_residents(db, site, vote)
    demo.progress(_("Citizen vote: a consultative vote of the residents"))


def seed(db: Any, demo: Any) -> None:
    site = demo.site
    settings = site.settings("citizen_vote")
    districts = [d.code for d in site.config.districts]
    if not districts:
        return
    official, admin = demo.accounts.get("official"), demo.accounts.get("admin")
    # Today's vote, open all day.
    vote = _create(db, demo, TODAY, (8, 20))
    for code in districts[:3]:
        services.add_question(
            db, site, vote, text=_(LOCAL), options=[_(option) for option in TODAY.options], district=code
        )
    _places(db, demo, vote, districts)
    _roll(db, demo, vote, settings.demo_electors, districts)
    if official is not None:
        for place in vote.places[:2]:
            services.add_clerk(db, place, official.id)
    demo.progress(_("Citizen vote: today's vote and its roll"))
    # A past vote, counted and published.
    past = _create(db, demo, PAST, (9, 19))
    _places(db, demo, past, districts)
    _roll(db, demo, past, max(1, settings.demo_electors // 10), districts)
    place_of = {p.district: p for p in past.places}
    entries = db.execute(select(RollEntry.id, RollEntry.district).where(RollEntry.vote_id == past.id)).all()
    voted = [(i, d) for i, d in entries if demo.rng.random() < 0.08]
    if voted:
        db.execute(
            insert(pollbook.PollMark),
            [
                {
                    "poll": past.poll,
                    "elector": str(i),
                    "person_id": None,
                    "channel": "in_person",
                    "place": place_of[d].public_id,
                    "marked_by_id": None,
                    "marked_by_name": "",
                    "marked_at": past.opens_at + timedelta(minutes=demo.rng.randrange(600)),
                }
                for i, d in voted
            ],
        )
    marks = pollbook.marks_by_place(db, past.poll)
    question = past.questions[0]
    for place in past.places:
        ballots = marks.get(place.public_id, 0)
        blank = ballots // 40
        against = int((ballots - blank) * demo.rng.uniform(0.75, 0.95))
        figures = {
            str(question.id): {"options": [ballots - blank - against, against], "blank": blank, "null": 0}
        }
        for slot, account in ((1, official), (2, admin)):
            db.add(
                CountEntry(
                    place_id=place.id,
                    slot=slot,
                    entered_by_id=account.id if account is not None else None,
                    entered_at=past.closes_at + timedelta(hours=2),
                    ballots=ballots,
                    figures=figures,
                )
            )
    db.flush()
    past.results_published_at = past.closes_at + timedelta(days=1)
    db.flush()
    _consultative(db, demo, districts)
    # The live turnout a worker counts every few minutes: counted once now, so the pages show it.
    turnout.refresh_due(db, site.now())
    demo.progress(_("Citizen vote: a past vote and its results"))
