"""iCalendar export: RFC 5545 details, stable ids, the per-mission file and the private feed."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from parvis.plugins.volunteers import ical, signup
from parvis.plugins.volunteers.models import CalendarFeed, MissionKind


def test_escaping_folding_and_crlf():
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    text = ical.calendar(
        [
            ical.Event(
                "uid-1@example.org", start, start + timedelta(hours=2), "Repas; soupe, pain\nthé", "é" * 100
            )
        ],
        "Test",
        now=start,
    )
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Repas\\; soupe\\, pain\\nthé\r\n" in text
    assert "DTSTART:20260501T080000Z" in text
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION:" + "é" * 100 in unfolded


def test_mission_calendar_file_has_stable_uids(client, make_mission):
    mission = make_mission(kind=MissionKind.RECURRING, weeks=2)
    url = f"/en/volunteers/missions/{mission.public_id}/calendar.ics"
    first = client.get(url)
    assert first.headers["content-type"].startswith("text/calendar")
    uids = [line for line in first.text.split("\r\n") if line.startswith("UID:")]
    assert len(uids) == 3
    assert uids[0] == f"UID:mission-{mission.public_id}-slot-{mission.slots[0].id}@testserver.local"
    assert [line for line in client.get(url).text.split("\r\n") if line.startswith("UID:")] == uids


def test_private_feed_lists_my_missions_and_rotates(client, db, site, make_mission, login_as):
    mine = make_mission("Ma mission", capacity=1)
    full = make_mission("Complet", capacity=1)
    make_mission("Pas la mienne")
    account = login_as()
    other = signup.join(db, site, full.slots[0].id, account)  # confirmed, I took the only place
    db.commit()
    page = client.get("/en/volunteers/me")
    assert "Get my calendar address" in page.text
    client.post("/en/volunteers/me/calendar")
    token = db.scalar(select(CalendarFeed.token))
    assert token in client.get("/en/volunteers/me").text
    client.post(f"/en/volunteers/missions/{mine.public_id}/slots/{mine.slots[0].id}/join")
    client.post("/en/logout")  # the feed needs no session: the token is the credential
    feed = client.get(f"/api/volunteers/calendar/{token}/feed.ics")
    assert feed.status_code == 200
    assert "SUMMARY:Ma mission" in feed.text
    assert "SUMMARY:Complet" in feed.text
    assert "Pas la mienne" not in feed.text
    assert other is not None
    from parvis.testing import login

    login(client, account)
    client.post("/en/volunteers/me/calendar")
    assert client.get(f"/api/volunteers/calendar/{token}/feed.ics").status_code == 404
    assert client.get("/api/volunteers/calendar/not-a-token/feed.ics").status_code == 404
