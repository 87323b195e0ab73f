"""Benchmark data: 10,000 published missions and 200,000 participations, inserted in bulk.

Missions are built from the demo's vocabulary (themes, ideas, districts, places) and indexed by
the plugin's own ``catalogue.index``, so the search sees exactly what production would. Counters
(``taken``, ``taken_total``...) are written consistently with the participations.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from parvis.auth import hash_password
from parvis.db import new_public_id
from parvis.identity import Account, Person
from parvis.plugins.volunteers.catalogue import index, theme_words
from parvis.plugins.volunteers.demo_content import MISSIONS, ORGANISATIONS, PLACES, REMOTE
from parvis.plugins.volunteers.models import Mission, Organisation, Participation, Slot

MISSIONS_COUNT = 10_000
PARTICIPATIONS = 200_000
ACCOUNTS = 25_000
BATCH = 5_000


def _batches(rows: list[dict[str, Any]]):
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _accounts(db: Session) -> list[int]:
    now = datetime.now(UTC)
    password = hash_password("bench-password-not-used")
    people = [
        {
            "given_name": f"Bénévole {n}",
            "family_name": "Bench",
            "public_id": new_public_id(),
            "resident": True,
            "qpop": False,
            "created_at": now,
            "updated_at": now,
        }
        for n in range(ACCOUNTS)
    ]
    for batch in _batches(people):
        db.execute(insert(Person), batch)
    person_ids = db.scalars(select(Person.id).order_by(Person.id)).all()
    accounts = [
        {
            "email": f"bench{n}@example.org",
            "password_hash": password,
            "display_name": f"Bénévole {n}",
            "person_id": pid,
            "public_id": new_public_id(),
            "active": True,
            "created_at": now,
            "updated_at": now,
        }
        for n, pid in enumerate(person_ids)
    ]
    for batch in _batches(accounts):
        db.execute(insert(Account), batch)
    return list(db.scalars(select(Account.id).order_by(Account.id)))


def generate(site: Any, db: Session, seed: int = 2026, progress=print) -> dict[str, int]:
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    organisations = [
        Organisation(slug=slug, name=name, description=text) for slug, name, text, _d in ORGANISATIONS
    ]
    db.add_all(organisations)
    db.flush()
    progress("accounts")
    account_ids = _accounts(db)
    themes = list(MISSIONS)
    words = {code: theme_words(site, code) for code in themes}
    points = site.config.district_points()
    districts = list(points)
    progress("missions")
    missions: list[dict[str, Any]] = []
    plans: list[list[tuple[datetime, datetime, int]]] = []
    for n in range(MISSIONS_COUNT):
        roll = rng.random()
        organisation = rng.choice(organisations)
        district = rng.choice(districts)
        if roll < 0.05:
            theme, title, description, skills = rng.choice(REMOTE)
            kind = "remote"
            start = now - timedelta(days=rng.randint(0, 30))
            slots = [(start, start + timedelta(days=rng.randint(30, 150)), rng.choice([10, 20, 30]))]
        else:
            theme = rng.choice(themes)
            title, description, skills = rng.choice(MISSIONS[theme])
            first = now + timedelta(days=rng.randint(-10, 120), hours=rng.randint(-6, 6))
            capacity = rng.choice([4, 6, 8, 10, 12, 15, 20, 30, 40])
            if roll < 0.30:
                kind = "recurring"
                slots = [
                    (first + timedelta(weeks=w), first + timedelta(weeks=w, hours=2), capacity)
                    for w in range(10)
                ]
            else:
                kind = "one_off"
                slots = [(first, first + timedelta(hours=3), capacity)]
        lat, lon = points[district]
        mission = Mission(
            title=f"{title} — {rng.choice(PLACES)} n° {n}",
            description=description + " " + rng.choice(PLACES) + ".",
            skills=skills,
            place_name=rng.choice(PLACES),
            address=f"{rng.randint(1, 200)} rue de Paris",
            theme=theme,
        )
        index(mission, organisation.name, words[theme])
        missions.append(
            {
                "public_id": new_public_id(),
                "organisation_id": organisation.id,
                "title": mission.title,
                "description": mission.description,
                "theme": theme,
                "kind": kind,
                "category": "mission",
                "status": "published",
                "hidden": False,
                "place_name": mission.place_name,
                "address": mission.address,
                "district": None if kind == "remote" else district,
                "latitude": None if kind == "remote" else lat + rng.uniform(-0.008, 0.008),
                "longitude": None if kind == "remote" else lon + rng.uniform(-0.012, 0.012),
                "prerequisites": "",
                "skills": skills,
                "starts_at": slots[0][0],
                "ends_at": slots[-1][1],
                "slot_count": len(slots),
                "capacity_total": sum(s[2] for s in slots),
                "taken_total": 0,
                "search_document": mission.search_document,
                "search_stems": mission.search_stems,
                "moderation_note": "",
                "report_count": 0,
                "created_at": now,
                "updated_at": now,
                "published_at": now,
            }
        )
        plans.append(slots)
    for batch in _batches(missions):
        db.execute(insert(Mission), batch)
    mission_ids = db.scalars(select(Mission.id).order_by(Mission.id)).all()
    progress("slots")
    slot_rows = [
        {"mission_id": mid, "starts_at": a, "ends_at": b, "capacity": c, "taken": 0}
        for mid, plan in zip(mission_ids, plans, strict=True)
        for a, b, c in plan
    ]
    for batch in _batches(slot_rows):
        db.execute(insert(Slot), batch)
    slots = db.execute(select(Slot.id, Slot.mission_id, Slot.capacity).order_by(Slot.id)).all()
    progress("participations")
    total_capacity = sum(s.capacity for s in slots)
    share = PARTICIPATIONS / total_capacity
    participations: list[dict[str, Any]] = []
    for slot in slots:
        want = min(
            slot.capacity + 3, int(slot.capacity * min(1.0, rng.random() * 2 * share)) + rng.randint(0, 1)
        )
        chosen = rng.sample(account_ids, want)
        confirmed = min(want, slot.capacity)
        for i, account_id in enumerate(chosen):
            participations.append(
                {
                    "slot_id": slot.id,
                    "account_id": account_id,
                    "status": "confirmed" if i < confirmed else "waitlisted",
                    "created_at": now,
                    "updated_at": now,
                }
            )
    # Top up or trim to exactly the target number of rows, keeping counters right.
    participations = participations[:PARTICIPATIONS]
    while len(participations) < PARTICIPATIONS:
        slot = rng.choice(slots)
        participations.append(
            {
                "slot_id": slot.id,
                "account_id": rng.choice(account_ids),
                "status": "cancelled",
                "created_at": now,
                "updated_at": now,
            }
        )
    counted: dict[int, int] = {}
    for row in participations:
        if row["status"] == "confirmed":
            counted[row["slot_id"]] = counted.get(row["slot_id"], 0) + 1
    for batch in _batches(participations):
        db.execute(insert(Participation), batch)
    progress("counters")
    mission_of = {s.id: s.mission_id for s in slots}
    totals: dict[int, int] = {}
    for slot_id, count in counted.items():
        totals[mission_of[slot_id]] = totals.get(mission_of[slot_id], 0) + count
    db.execute(
        Slot.__table__.update().where(Slot.__table__.c.id == _bind("sid")).values(taken=_bind("n")),
        [{"sid": k, "n": v} for k, v in counted.items()],
    )
    db.execute(
        Mission.__table__.update()
        .where(Mission.__table__.c.id == _bind("mid"))
        .values(taken_total=_bind("n")),
        [{"mid": k, "n": v} for k, v in totals.items()],
    )
    db.commit()
    return {"missions": len(mission_ids), "slots": len(slots), "participations": len(participations)}


def _bind(name: str):
    from sqlalchemy import bindparam

    return bindparam(name)
