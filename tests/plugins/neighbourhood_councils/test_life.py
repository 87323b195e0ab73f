"""The life of a council: public meetings (agenda, minutes, iCal feed), vœux through core's
decisions workflow to the district's answer and the follow-up tracker, and the budget."""

from datetime import timedelta

from sqlalchemy import select

from parvis.api.bodies import Body
from parvis.api.decisions import Decision
from parvis.draws.models import DrawEntry
from parvis.plugins.neighbourhood_councils import services
from parvis.plugins.neighbourhood_councils.models import CouncilMeeting, Member
from parvis.testing import audit_entries, login

from .conftest import post_meeting


def test_meetings_are_announced_with_minutes_and_an_ical_feed(
    client, db, site, make_council, district_official, districts
):
    council = make_council(districts[0])
    login(client, district_official(districts[0]))
    start = (site.now() + timedelta(days=7)).replace(microsecond=0)
    meetings = f"/en/admin/neighbourhood-councils/{council.slug}/meetings"
    response = post_meeting(
        client,
        meetings,
        start,
        title="Plénière de printemps",
        kind="plenary",
        place="Mairie, salle des fêtes",
        agenda="Budget; vœux",
    )
    assert response.status_code == 303, response.text[:3000]
    meeting = db.scalar(select(CouncilMeeting))
    bad = post_meeting(client, meetings, start, hours=0, title="x", kind="plenary", place="y")
    assert bad.status_code == 400 and "The end must come after the start." in bad.text
    minutes = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/meetings/{meeting.public_id}/minutes",
        data={"minutes": "Vingt habitants présents."},
        follow_redirects=False,
    )
    assert minutes.status_code == 303
    page = client.get(f"/en/neighbourhood-councils/{council.slug}")
    assert "Plénière de printemps" in page.text and "Budget; vœux" in page.text
    feed = client.get(f"/api/neighbourhood-councils/{council.slug}/meetings.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in feed.text and f"UID:nbhd-meeting-{meeting.public_id}@" in feed.text
    unfolded = feed.text.replace("\r\n ", "")
    assert f"/neighbourhood-councils/meetings/{meeting.public_id}\r\n" in unfolded  # where to register
    assert "SUMMARY:Plénière de printemps" in feed.text and "\r\n" in feed.text


def test_a_voeu_goes_to_the_district_and_into_the_follow_up(
    client, db, make_council, district_official, districts
):
    council = make_council(districts[0])
    login(client, district_official(districts[0]))
    created = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/voeux",
        data={"title": "Des bancs sur l'avenue", "text": "Le conseil demande des bancs."},
        follow_redirects=False,
    )
    assert created.status_code == 303, created.text[:3000]
    decision = db.scalar(select(Decision))
    assert (decision.state, decision.body_id) == ("draft", council.body_id)
    assert "Des bancs" not in client.get(f"/en/neighbourhood-councils/{council.slug}").text  # a draft
    for step in ("adopted", "submitted", "answered"):
        moved = client.post(
            f"/en/admin/neighbourhood-councils/{council.slug}/voeux/{decision.public_id}/move",
            data={"to": step, "note": "Réponse de la mairie" if step == "answered" else ""},
            follow_redirects=False,
        )
        assert moved.status_code == 303, moved.text[:3000]
    wrong = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/voeux/{decision.public_id}/move",
        data={"to": "draft"},
    )
    assert wrong.status_code == 400
    db.rollback()
    assert db.get(Decision, decision.id).state == "answered"
    page = client.get(f"/en/neighbourhood-councils/{council.slug}")
    assert "Des bancs" in page.text and "Answered by the arrondissement" in page.text
    tracker = client.get("/en/follow-up")
    assert tracker.status_code == 200 and council.name in tracker.text
    body = db.get(Body, council.body_id)
    assert "Des bancs" in client.get(f"/en/bodies/{body.slug}/follow-up").text
    assert len(audit_entries(db, "neighbourhood_councils.voeu.")) == 4


def test_the_budget_statement(client, db, site, make_council, district_official, districts):
    council = make_council(districts[0])
    year = site.today().year
    assert services.allocation_for(db, site, council, year) == 330_000
    login(client, district_official(districts[0]))
    base = f"/en/admin/neighbourhood-councils/{council.slug}"
    decided = client.post(
        base + "/spending",
        data={
            "title": "Fête de quartier",
            "credit": "operating",
            "amount": "1200.00",
            "decided_on": f"{year}-03-01",
        },
        follow_redirects=False,
    )
    assert decided.status_code == 303, decided.text[:3000]
    too_much = client.post(
        base + "/spending",
        data={"title": "Trop", "credit": "operating", "amount": "2100.01", "decided_on": f"{year}-03-02"},
    )
    assert too_much.status_code == 409 and "more than what remains" in too_much.text
    # Investment credits are a second envelope: a bench is paid from them, not from the allocation.
    bench = {"title": "Banc", "credit": "investment", "amount": "5000.00", "decided_on": f"{year}-04-01"}
    assert client.post(base + "/spending", data=bench, follow_redirects=False).status_code == 303
    beyond = client.post(base + "/spending", data={**bench, "amount": "3000.01"})
    assert beyond.status_code == 409 and "more than what remains" in beyond.text
    spending = services.statement(db, site, council, year).lines[0].spending
    spent = client.post(
        base + f"/spending/{spending.id}/expenses",
        data={"label": "Location de tables", "amount": "950.00", "paid_on": f"{year}-03-10"},
        follow_redirects=False,
    )
    assert spent.status_code == 303
    over = client.post(
        base + f"/spending/{spending.id}/expenses",
        data={"label": "Encore", "amount": "250.01", "paid_on": f"{year}-03-11"},
    )
    assert over.status_code == 409
    raised = client.post(
        base + "/allocation",
        data={"year": str(year), "credit": "operating", "amount": "4000"},
        follow_redirects=False,
    )
    assert raised.status_code == 303
    db.rollback()
    statement = services.statement(db, site, council, year)
    assert (statement.allocation, statement.decided, statement.spent) == (400_000, 120_000, 95_000)
    investment = services.statement(db, site, council, year, services.Credit.INVESTMENT)
    assert (investment.allocation, investment.decided, investment.spent) == (800_000, 500_000, 0)
    page = client.get(f"/en/neighbourhood-councils/{council.slug}")
    assert "Fête de quartier" in page.text and "€4,000.00" in page.text
    assert "Investment credits" in page.text and "Banc" in page.text


def test_the_animation_group_is_drawn_by_lot(
    client, db, site, make_council, make_account, district_official, districts
):
    council = make_council(districts[0])
    people = [make_account(district=districts[0]).person for _ in range(5)]
    for person in people:
        services.join(db, site, council, db.merge(person), services.Link.WORK)
    db.commit()
    login(client, district_official(districts[0]))
    drawn = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/animation-group/draw",
        data={"seats": "3", "public_input": "loto-2026-03-01"},
        follow_redirects=False,
    )
    assert drawn.status_code == 303, drawn.text[:3000]
    db.rollback()
    assert sum(m.animator for m in db.scalars(select(Member))) == 3
    [entry] = audit_entries(db, "neighbourhood_councils.animation.")
    assert entry.details["seed"] and entry.details["public_inputs"] == ["loto-2026-03-01"]
    [published] = db.scalars(select(DrawEntry).where(DrawEntry.plugin == "neighbourhood_councils")).all()
    assert (published.seed, published.body_key) == (entry.details["seed"], council.slug)
    # The register keeps the site's language (French here), marked as such on an English page.
    assert "groupe d&#39;animation" in client.get(f"/en/draws/{published.public_id}").text
    too_many = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/animation-group/draw",
        data={"seats": "6", "public_input": "x"},
    )
    assert too_many.status_code == 400
