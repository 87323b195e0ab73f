"""Demo data: today's vote with its roll (generated in bulk) and places in every district, and a
past vote whose counts agree with the poll book, published; plus the personal data hooks."""

import random
import time

from sqlalchemy import func, select

from parvis.demo import DemoContext, seed_core
from parvis.plugins.citizen_vote.demo import seed
from parvis.plugins.citizen_vote.models import Clerk, RollEntry, Vote
from parvis.plugins.citizen_vote.services import place_rows, tally, turnout
from parvis.privacy import export


def test_demo_data(db, site, client):
    demo = DemoContext(site=site, rng=random.Random(2026), today=site.today())
    seed_core(db, demo)
    started = time.perf_counter()
    seed(db, demo)
    db.commit()
    elapsed = time.perf_counter() - started
    votes = {v.slug: v for v in db.scalars(select(Vote))}
    today, past = votes["tariff-heavy-cars"], votes["self-service-e-scooters"]
    consultative = votes["parks-open-at-night"]
    assert consultative.electorate == "residents" and consultative.online
    assert (
        0
        < consultative.roll_count
        == db.scalar(
            select(func.count()).where(RollEntry.vote_id == consultative.id, RollEntry.person_id.is_not(None))
        )
    )
    electors = site.settings("citizen_vote").demo_electors
    assert (
        db.scalar(select(func.count()).where(RollEntry.vote_id == today.id)) == electors == today.roll_count
    )
    assert {p.district for p in today.places} == {d.code for d in site.config.districts}
    assert len(today.questions) == 4  # city-wide + three local questions
    assert past.results_published_at is not None
    totals = tally(place_rows(db, past))
    city = totals[(1, None)]
    assert city.ballots > 0 and sum(city.options) + city.blank == city.ballots
    assert elapsed < 120, elapsed  # generous (a loaded machine): bulk inserts keep it to seconds
    assert client.get(f"/en/votes/{past.slug}/results").status_code == 200
    assert client.get(f"/fr/votes/{today.slug}").status_code == 200
    # The live turnout a worker counts: counted once by the demo (the past vote's final one).
    assert turnout.snapshot(db, past).computed_at is not None
    assert "Updated at" in client.get(f"/en/votes/{past.slug}").text
    # The official is a clerk: their data export says where.
    official = demo.accounts["official"]
    assert db.scalar(select(func.count()).select_from(Clerk).where(Clerk.account_id == official.id)) == 2
    sections = {s.code: s for s in export(db, site, official, official.person).sections}
    assert "citizen_vote.clerk" in sections
