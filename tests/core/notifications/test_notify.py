"""Follows, notifications and their mail: at once, daily or weekly, unsubscribe headers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from parvis.api.notifications import (
    CREATED,
    STATUS_CHANGED,
    follow,
    followers,
    notify,
    unfollow,
    unread_count,
)
from parvis.notifications import mailing, preferences, unsubscribe
from parvis.notifications.models import Frequency, Notification


def test_following_is_idempotent_and_unfollowing_stops_it(lab, db, site, make_account):
    someone = make_account()
    assert follow(db, someone, lab.note(), reason=CREATED) is True
    assert follow(db, someone, lab.note()) is False
    assert followers(db, lab.note()) == [someone.id]
    assert unfollow(db, someone, lab.note()) is True
    assert followers(db, lab.note()) == []


def test_followers_are_notified_except_the_actor(lab, db, site, make_account):
    actor, first, second, stranger = (make_account() for _ in range(4))
    for account in (actor, first, second):
        follow(db, account, lab.note())
    told = notify(db, site, lab.note(), STATUS_CHANGED, actor=actor, detail="Adopted")
    db.commit()
    assert told == 2
    assert unread_count(db, first) == unread_count(db, second) == 1
    assert unread_count(db, actor) == unread_count(db, stranger) == 0
    row = db.scalar(select(Notification).where(Notification.account_id == first.id))
    assert row.title == "Note n1" and row.detail == "Adopted" and row.path == "/bodies?note=n1"


def test_followers_are_told_when_an_object_leaves_public_view(lab, db, site, make_account):
    follower = make_account()
    follow(db, follower, lab.note("draft1"))  # followed while public; now withdrawn
    assert notify(db, site, lab.note("draft1"), STATUS_CHANGED, detail="Withdrawn") == 1


def test_immediate_mail_is_in_the_recipients_language_with_one_click_unsubscribe(
    lab, db, site, make_account, smtp_server
):
    reader = make_account(email="reader@example.org")
    reader.locale = "fr"
    follow(db, reader, lab.note())
    notify(db, site, lab.note(), STATUS_CHANGED, detail="Adopted")
    db.commit()
    [message] = smtp_server.to("reader@example.org")
    assert message["Content-Language"] == "fr"
    assert "Note n1" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = str(message["List-Unsubscribe"]).strip().strip("<>")
    assert url.startswith("http") and "/fr/unsubscribe/" in url
    assert unsubscribe.read(site, url.rsplit("/", 1)[1]) == (reader.id, preferences.NOTIFICATIONS)
    assert db.scalar(select(Notification.mailed_at).where(Notification.account_id == reader.id)) is not None


def test_digests_group_by_frequency(lab, db, site, make_account, clock):
    daily, weekly, never = make_account(), make_account(), make_account()
    preferences.choose(db, site, daily.id, frequency=Frequency.DAILY)
    preferences.choose(db, site, weekly.id, frequency=Frequency.WEEKLY)
    preferences.choose(db, site, never.id, frequency=Frequency.NEVER)
    for account in (daily, weekly, never):
        follow(db, account, lab.note("a"))
        follow(db, account, lab.note("b"))
    notify(db, site, lab.note("a"), STATUS_CHANGED, detail="Adopted")
    clock.advance(timedelta(hours=3))
    notify(db, site, lab.note("b"), STATUS_CHANGED, detail="Rejected")
    db.commit()

    assert mailing.send_pending(db, site, Frequency.IMMEDIATELY) == 0
    assert mailing.send_pending(db, site, Frequency.DAILY) == 1  # one message for both
    db.commit()
    assert mailing.send_pending(db, site, Frequency.DAILY) == 0  # mailed once
    assert mailing.send_pending(db, site, Frequency.WEEKLY) == 1
    db.commit()
    from parvis.mail.outbox import OutboxMail

    mails = db.scalars(select(OutboxMail).where(OutboxMail.kind == mailing.TEMPLATE)).all()
    assert sorted(m.account_id for m in mails) == sorted([daily.id, weekly.id])
    digest = next(m for m in mails if m.account_id == daily.id)
    assert "Note a" in digest.text_body and "Note b" in digest.text_body
    assert unread_count(db, never) == 2  # still on the site


def test_digest_jobs_are_scheduled_in_the_morning(site):
    from datetime import datetime

    jobs = {d.name: d for d in mailing.definitions()}
    monday = datetime(2026, 12, 7, 7, 0)
    assert jobs["core.notification_digest_daily"].schedule(monday)
    assert jobs["core.notification_digest_weekly"].schedule(monday)
    assert not jobs["core.notification_digest_weekly"].schedule(monday + timedelta(days=1))
    assert jobs["core.notification_mail"].schedule(monday + timedelta(minutes=22))


def test_an_account_told_once_in_a_transaction_is_not_told_again(lab, db, site, make_account):
    organiser = make_account()
    follow(db, organiser, lab.note())
    # A plugin's own notice (it mails it itself), then the workflow move that caused it.
    assert (
        notify(db, site, lab.note(), "notice", recipients=[organiser.id], detail="Published", mail=False) == 1
    )
    assert notify(db, site, lab.note(), STATUS_CHANGED, detail="Published") == 0
    db.commit()
    row = db.scalar(select(Notification).where(Notification.account_id == organiser.id))
    assert row.mailed_at is not None  # never mailed by core
    assert notify(db, site, lab.note(), STATUS_CHANGED, detail="Done") == 1  # a new transaction


def test_a_call_opening_in_a_district_tells_its_residents(lab, db, site, make_account):
    from parvis.api.notifications import notify_district

    here, there = make_account(district="11"), make_account(district="12")
    assert notify_district(db, site, lab.note(), "11") == 1
    db.commit()
    assert unread_count(db, here) == 1 and unread_count(db, there) == 0


def test_old_notifications_are_purged_and_an_account_s_are_erased(lab, db, site, make_account, clock):
    from parvis.notifications import privacy

    reader = make_account()
    follow(db, reader, lab.note())
    notify(db, site, lab.note(), STATUS_CHANGED, detail="Adopted")
    db.commit()
    exported = [s for s in privacy.export(db, site, reader) if s is not None]
    assert {s.code for s in exported} == {"notifications.follows", "notifications.notifications"}
    assert privacy.purge(db, site, site.now() + timedelta(days=364)) == {"notifications.notifications": 0}
    assert privacy.purge(db, site, site.now() + timedelta(days=366)) == {"notifications.notifications": 1}
    privacy.erase(db, reader)
    db.commit()
    assert followers(db, lab.note()) == []
