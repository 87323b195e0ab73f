"""Volunteers' e-mail through core's mailer and a local SMTP server: reminders the day before,
once; a promotion from the waiting list told as soon as the request commits (by the delivery job)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from parvis.formatting import site_timezone
from parvis.mail import OutboxMail
from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.reminders import send_reminders


def tomorrow_at(hour):
    zone = site_timezone()
    day = datetime.now(zone).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def test_reminders_go_once_the_day_before(db, site, smtp_server, make_mission, make_account):
    start = tomorrow_at(14)
    mission = make_mission("Collecte de printemps", starts_in=start - datetime.now(UTC))
    later = make_mission("Plus tard", starts_in=timedelta(days=5))
    volunteer = make_account(email="vol@example.org")
    volunteer.locale = "fr"  # the e-mail is written in the volunteer's language
    waiting = make_account(email="waiting@example.org")
    signup.join(db, site, mission.slots[0].id, volunteer)
    signup.join(db, site, later.slots[0].id, make_account(email="later@example.org"))
    db.commit()
    mission.slots[0].capacity = 1
    db.commit()
    signup.join(db, site, mission.slots[0].id, waiting)
    db.commit()
    today_evening = datetime.now(site_timezone()).replace(hour=18)
    early = today_evening.replace(hour=6)
    assert send_reminders(site, early) == (0, 0, 0)  # before the configured hour
    assert send_reminders(site, today_evening) == (1, 1, 0)
    assert send_reminders(site, today_evening) == (0, 0, 0)  # run twice: sent once
    [message] = smtp_server.messages
    assert message["To"] == "vol@example.org"
    assert message["Subject"] == "Demain\u202f: Collecte de printemps"
    assert "Collecte de printemps" in message.get_body(("plain",)).get_content()


def test_a_promotion_is_mailed_right_after_the_request(
    client, db, site, smtp_server, make_mission, make_account, login_as
):
    mission = make_mission(capacity=1)
    first = make_account(email="first@example.org")
    joined = signup.join(db, site, mission.slots[0].id, first)
    db.commit()
    login_as(email="second@example.org")
    client.post(f"/en/volunteers/missions/{mission.public_id}/slots/{mission.slots[0].id}/join")
    client.post("/en/logout")
    from parvis.testing import login

    login(client, first)
    client.post(f"/en/volunteers/participations/{joined.participation.id}/cancel")
    assert [m["To"] for m in smtp_server.messages] == ["second@example.org"]
    assert "Une place pour vous" in smtp_server.messages[0]["Subject"]
    assert db.scalar(select(OutboxMail.sent_at)) is not None


@pytest.mark.hooks("register_jobs")
def test_reminders_are_scheduled_by_the_queue_once_per_hour(
    db, site, smtp_server, make_mission, make_account, run_jobs, clock
):
    """No cron line: every worker's scheduler queues the hourly run; one worker runs each hour."""
    start = tomorrow_at(14)
    mission = make_mission("Collecte", starts_in=start - datetime.now(UTC))
    volunteer = make_account(email="vol@example.org")
    signup.join(db, site, mission.slots[0].id, volunteer)
    db.commit()
    evening = datetime.now(site_timezone()).replace(hour=18, minute=0, second=5, microsecond=0)
    clock.set(evening.astimezone(UTC))  # the job reminds from the configured hour on
    assert run_jobs.schedule(evening) >= 2  # the reminders and the outbox's delivery
    assert run_jobs.schedule(evening) >= 2  # a second worker's scheduler, the same minute
    run_jobs()
    assert [m["To"] for m in smtp_server.messages] == ["vol@example.org"]
    assert run_jobs.schedule(evening.replace(minute=1)) == 1  # at 18:01 only the outbox's delivery
