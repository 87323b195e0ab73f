"""E-mail through SMTP (a local aiosmtpd server): reminders the day before, once; the outbox."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from parvis.formatting import site_timezone
from parvis.plugins.volunteers import mail, signup
from parvis.plugins.volunteers.models import OutboxMail
from parvis.plugins.volunteers.reminders import send_reminders

aiosmtpd = pytest.importorskip("aiosmtpd.controller")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(site, monkeypatch):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings = site.settings("volunteers").smtp
    monkeypatch.setattr(settings, "enabled", True)
    monkeypatch.setattr(settings, "host", "127.0.0.1")
    monkeypatch.setattr(settings, "port", port)
    yield inbox
    controller.stop()


def tomorrow_at(hour):
    zone = site_timezone()
    day = datetime.now(zone).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def test_reminders_go_once_the_day_before(db, site, smtp, make_mission, make_account):
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
    [message] = smtp.messages
    assert message["To"] == "vol@example.org"
    assert message["Subject"] == "Demain : Collecte de printemps"
    assert "Collecte de printemps" in message.get_content()


def test_outbox_is_sent_after_the_request_and_retried(
    client, db, site, smtp, make_mission, make_account, login_as
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
    assert [m["To"] for m in smtp.messages] == ["second@example.org"]
    assert "Une place pour vous" in smtp.messages[0]["Subject"]
    assert db.scalar(select(OutboxMail.sent_at)) is not None


def test_subjects_stay_on_one_line(db, site, smtp):
    mail.queue(db, "x@example.org", "Repas\r\nBcc: victim@example.org", "Corps")
    db.commit()
    assert mail.send_pending(site) == (1, 0)
    assert smtp.messages[0]["Subject"] == "Repas Bcc: victim@example.org"
    assert smtp.messages[0]["Bcc"] is None


def test_unreachable_server_keeps_mail_for_later(db, site, monkeypatch):
    settings = site.settings("volunteers").smtp
    monkeypatch.setattr(settings, "enabled", True)
    monkeypatch.setattr(settings, "host", "127.0.0.1")
    monkeypatch.setattr(settings, "port", 9)  # discard port: nothing listens
    mail.queue(db, "x@example.org", "Sujet", "Corps")
    db.commit()
    assert mail.send_pending(site) == (0, 1)
    row = db.scalar(select(OutboxMail))
    db.refresh(row)
    assert row.sent_at is None
    assert row.attempts == 1
    assert row.last_error


def mails_counted(state):
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value("parvis_mails_total", {"source": "volunteers", "state": state}) or 0.0


def test_mail_is_counted_for_metrics(db, site, smtp, monkeypatch):
    before = {state: mails_counted(state) for state in ("queued", "sent", "failed")}
    mail.queue(db, "x@example.org", "Sujet", "Corps")
    mail.queue(db, "y@example.org", "Sujet", "Corps")
    db.commit()
    assert mail.send_pending(site) == (2, 0)
    mail.queue(db, "z@example.org", "Sujet", "Corps")
    db.commit()
    monkeypatch.setattr(site.settings("volunteers").smtp, "port", 9)  # nothing listens
    assert mail.send_pending(site) == (0, 1)
    after = {state: mails_counted(state) for state in ("queued", "sent", "failed")}
    assert {k: after[k] - before[k] for k in after} == {"queued": 3, "sent": 2, "failed": 1}
