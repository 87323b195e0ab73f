"""Beautify your neighbourhood: contributions are hidden until an official of their district
approves them in core's moderation queue; the programme goes through its phases in order;
published works appear on the map and timeline."""

import random

from sqlalchemy import func, select

from parvis.api.moderation import Status, state
from parvis.api.photos import Photo
from parvis.demo import DEMO_PASSWORD, DemoContext, seed_core
from parvis.plugins.neighbourhood_councils import beautify
from parvis.plugins.neighbourhood_councils.demo import seed
from parvis.plugins.neighbourhood_councils.models import (
    Contribution,
    Council,
    CouncilCollege,
    CouncilMeeting,
    Member,
    Operation,
    Phase,
    Programme,
    Seat,
)
from parvis.testing import login


def test_contributions_are_moderated_and_works_published(
    client, db, site, make_account, make_programme, district_official, districts
):
    programme = make_programme(districts[0])
    login(client, make_account())
    sent = client.post(
        f"/en/beautify/{programme.slug}/contribute",
        data={
            "category": "greenery",
            "place": "Square du Temple",
            "description": "Des arbres",
            "latitude": "48.86",
            "longitude": "2.36",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text[:3000]
    contribution = db.scalar(select(Contribution))
    assert state(db, beautify.ref(contribution)).status is Status.PENDING
    own = client.get(f"/en/beautify/{programme.slug}").text  # its author sees it awaits approval
    assert "Your contributions not shown to the public" in own and "Awaiting approval" in own
    client.cookies.clear()
    assert "Square du Temple" not in client.get(f"/en/beautify/{programme.slug}").text
    login(client, district_official(districts[0]))
    assert "1 contribution is not shown" in client.get(f"/en/admin/beautify/{programme.slug}").text
    assert "Square du Temple" in client.get("/en/admin/moderation").text
    approved = client.post(
        "/en/admin/moderation/decide",
        data={"ref": str(beautify.ref(contribution)), "decision": "approve", "reason": "Fine"},
        follow_redirects=False,
    )
    assert approved.status_code == 303, approved.text[:3000]
    assert "Square du Temple" in client.get(f"/en/beautify/{programme.slug}").text
    pins = client.get(f"/en/beautify/{programme.slug}/pins.json?what=contributions").json()["pins"]
    assert [p["lat"] for p in pins] == [48.86]
    skipped = client.post(f"/en/admin/beautify/{programme.slug}/phase", data={"phase": "works"})
    assert skipped.status_code == 409 and "in order" in skipped.text
    for phase in ("diagnostic", "works"):
        assert (
            client.post(
                f"/en/admin/beautify/{programme.slug}/phase", data={"phase": phase}, follow_redirects=False
            ).status_code
            == 303
        )
    year = site.today().year
    added = client.post(
        f"/en/admin/beautify/{programme.slug}/operations",
        data={
            "title": "Plantation",
            "category": "greenery",
            "place": "Square du Temple",
            "starts_on": f"{year}-04-01",
            "ends_on": f"{year}-04-15",
            "latitude": "48.861",
            "longitude": "2.361",
        },
        follow_redirects=False,
    )
    assert added.status_code == 303, added.text[:3000]
    operation = db.scalar(select(Operation))
    done = client.post(
        f"/en/admin/beautify/{programme.slug}/operations/{operation.public_id}/status",
        data={"status": "completed"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = client.get(f"/en/beautify/{programme.slug}")
    assert "Plantation" in page.text and "Completed" in page.text
    works = client.get(f"/en/beautify/{programme.slug}/pins.json").json()["pins"]
    assert [w["lat"] for w in works] == [48.861]
    client.cookies.clear()
    login(client, make_account())
    closed = client.post(
        f"/en/beautify/{programme.slug}/contribute",
        data={"category": "play", "place": "x", "description": "y"},
    )
    assert closed.status_code == 409 and "no longer takes contributions" in closed.text


def test_demo_data(db, site):
    demo = DemoContext(site=site, rng=random.Random(2026), today=site.today())
    seed_core(db, demo)
    seed(db, demo)
    db.commit()
    councils = db.scalars(select(Council)).all()
    assert len(councils) == 9 and len({c.district for c in councils}) == 3
    assert db.scalar(select(func.count()).select_from(Member).where(Member.animator)) == 9
    assert db.scalar(select(func.count()).where(CouncilMeeting.council_id.is_not(None))) == 18
    walks = db.scalars(select(CouncilMeeting).where(CouncilMeeting.programme_id.is_not(None))).all()
    assert walks and all(w.kind == "walk" for w in walks)
    attended = db.scalars(select(CouncilMeeting).where(CouncilMeeting.present_count.is_not(None))).all()
    assert [(m.present_count, m.walk_in_count) for m in attended] == [(3, 2)] * 3
    assert {p.phase for p in db.scalars(select(Programme))} == set(Phase)
    # One council with colleges, its residents' college drawn by lot; one contribution with a photo.
    assert db.scalar(select(func.count()).select_from(CouncilCollege)) == 2
    assert db.scalar(select(func.count()).select_from(Member).where(Member.seat == Seat.SEATED)) == 5
    assert db.scalar(select(func.count()).select_from(Member).where(Member.seat == Seat.RESERVE)) == 1
    assert db.scalar(select(func.count()).select_from(Photo)) == 1


def test_every_page_of_the_demo_renders_in_every_language(db, site, client):
    demo = DemoContext(site=site, rng=random.Random(7), today=site.today())
    seed_core(db, demo)
    seed(db, demo)
    db.commit()
    council = db.scalars(select(Council)).first()
    programmes = db.scalars(select(Programme)).all()
    paths = [
        "/neighbourhood-councils",
        f"/neighbourhood-councils/{council.slug}",
        f"/neighbourhood-councils/{council.slug}/charter",
        "/beautify",
        *(f"/beautify/{p.slug}" for p in programmes),
        *(f"/neighbourhood-councils/meetings/{m.public_id}" for m in db.scalars(select(CouncilMeeting))),
    ]
    login(client, demo.accounts["district-official"], DEMO_PASSWORD)
    paths += ["/admin/neighbourhood-councils", f"/admin/neighbourhood-councils/{council.slug}"]
    paths += [f"/admin/beautify/{p.slug}" for p in programmes if p.district == council.district]
    paths += [
        f"/admin/neighbourhood-councils/{council.slug}/meetings/{m.public_id}/registrations"
        for m in db.scalars(select(CouncilMeeting).where(CouncilMeeting.council_id == council.id))
    ]
    for lang in ("fr", "en", "ja"):
        for path in paths:
            response = client.get(f"/{lang}{path}")
            assert response.status_code == 200, f"{lang}{path}: {response.status_code}"
    assert (
        client.get(f"/api/neighbourhood-councils/{council.slug}/meetings.ics").text.count("BEGIN:VEVENT") == 2
    )
