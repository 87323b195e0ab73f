"""The pages: the header's counter, the list, settings, the follow button, unsubscribing,
and newsletters in the back office."""

from __future__ import annotations

from sqlalchemy import select

from parvis.api.notifications import STATUS_CHANGED, follow, is_following, notify
from parvis.notifications import preferences, unsubscribe
from parvis.notifications.models import Frequency, Newsletter, NewsletterStatus, NotificationSettings


def test_the_counter_the_list_and_mark_all_read(lab, client, db, site, login_as, make_account):
    reader = login_as()
    follow(db, reader, lab.note())
    notify(db, site, lab.note(), STATUS_CHANGED, actor=make_account(), detail="Adopted")
    db.commit()
    home = client.get("/en/bodies")
    assert 'class="counter" aria-hidden="true">1<' in home.text
    listing = client.get("/en/notifications")
    assert "“Note n1” is now at the step: Adopted" in listing.text
    assert 'href="/en/bodies?note=n1"' in listing.text
    done = client.post("/en/notifications/read", follow_redirects=False)
    assert done.status_code == 303
    assert 'class="counter"' not in client.get("/en/notifications").text


def test_the_follow_button_follows_and_unfollows(lab, client, db, login_as):
    reader = login_as()
    followed = client.post(
        "/en/follow", data={"ref": "lab.note:n1", "next": "/en/bodies"}, follow_redirects=False
    )
    assert followed.status_code == 303 and followed.headers["location"] == "/en/bodies"
    assert is_following(db, reader, lab.note())
    client.post("/en/follow", data={"ref": "lab.note:n1", "action": "unfollow"})
    assert not is_following(db, reader, lab.note())
    assert client.post("/en/follow", data={"ref": "lab.note:draft"}).status_code == 404
    assert client.post("/en/follow", data={"ref": "nonsense"}).status_code == 400


def test_settings_are_saved(client, db, login_as):
    reader = login_as()
    assert client.get("/en/notifications/settings").status_code == 200
    client.post("/en/notifications/settings", data={"frequency": "weekly", "newsletters": "1"})
    chosen = db.get(NotificationSettings, reader.id, populate_existing=True)
    assert chosen.frequency == Frequency.WEEKLY and chosen.newsletters is True


def test_one_click_unsubscribe_needs_no_session_nor_csrf(client, db, site, make_account):
    reader = make_account()
    preferences.choose(db, site, reader.id, newsletters=True)
    db.commit()
    token = unsubscribe.token(site, reader.id, preferences.NEWSLETTERS)
    page = client.get(f"/en/unsubscribe/{token}")
    assert page.status_code == 200 and reader.email in page.text
    answer = client.post(f"/en/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}, csrf=False)
    assert answer.status_code == 200
    chosen = db.get(NotificationSettings, reader.id, populate_existing=True)
    assert chosen.newsletters is False and chosen.newsletters_stopped_at is not None
    assert chosen.frequency == Frequency.IMMEDIATELY  # notifications are another list
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert (
        client.post(
            f"/en/unsubscribe/{forged}", data={"List-Unsubscribe": "One-Click"}, csrf=False
        ).status_code
        == 404
    )


def test_unsubscribing_from_notifications_keeps_transactional_mail(
    client, db, site, make_account, smtp_server
):
    reader = make_account(email="keep@example.org")
    token = unsubscribe.token(site, reader.id, preferences.NOTIFICATIONS)
    client.post(f"/en/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}, csrf=False)
    assert db.get(NotificationSettings, reader.id).frequency == Frequency.NEVER
    client.post("/en/password/forgot", data={"email": "keep@example.org"})
    assert smtp_server.to("keep@example.org")


def test_an_official_writes_previews_and_sends_a_newsletter(
    client, db, site, login_as, make_account, run_jobs, smtp_server
):
    fan, far, silent = make_account(district="11"), make_account(district="12"), make_account(district="11")
    fan.locale, far.locale = "en", "fr"
    for account in (fan, far):
        preferences.choose(db, site, account.id, newsletters=True)
    db.commit()
    login_as("official")
    created = client.post(
        "/en/admin/newsletters/new",
        data={
            "subject_fr": "Nouvelles",
            "body_fr": "Bonjour à tous",
            "subject_en": "News",
            "body_en": "Hello all",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303, created.text
    letter = db.scalar(select(Newsletter))
    preview = client.get(created.headers["location"])
    assert "Hello all" in preview.text and "Bonjour à tous" in preview.text
    assert "2 people will receive it." in preview.text
    sent = client.post(f"/en/admin/newsletters/{letter.public_id}/send", follow_redirects=False)
    run_jobs.follow(client, sent)
    assert [m["Subject"] for m in smtp_server.to(fan.email)] == ["News"]
    assert [m["Subject"] for m in smtp_server.to(far.email)] == ["Nouvelles"]
    assert smtp_server.to(silent.email) == []
    newsletter_mail = smtp_server.to(fan.email)[0]
    assert "/unsubscribe/" in newsletter_mail["List-Unsubscribe"]
    db.refresh(letter)
    assert letter.status == NewsletterStatus.SENT
    assert client.post(f"/en/admin/newsletters/{letter.public_id}/send").status_code == 409
    token = unsubscribe.token(site, fan.id, preferences.NEWSLETTERS)
    client.post(f"/en/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}, csrf=False)
    figures = client.get(f"/en/admin/newsletters/{letter.public_id}").text
    assert "Unsubscribed since" in figures


def test_a_citizen_cannot_send_newsletters(client, login_as):
    login_as()
    assert client.get("/en/admin/newsletters").status_code == 403


def test_newsletter_recipients_are_chosen_among_those_who_opted_in(db, site, make_account):
    from parvis.auth import load_actor
    from parvis.notifications import newsletters

    here, there, _silent = (
        make_account(district="11"),
        make_account(district="12"),
        make_account(district="11"),
    )
    for account in (here, there):
        preferences.choose(db, site, account.id, newsletters=True)
    official = load_actor(db, make_account("official"))
    letter = newsletters.save(
        db, site, None, official, texts={"fr": ("Objet", "Texte")}, districts=["11", "nowhere"], body_id=None
    )
    db.commit()
    assert letter.districts == "11"
    assert list(db.scalars(newsletters.recipients_query(letter))) == [here.id]
