"""A cast waiting on a campaign's lock does not stall the other pages of the web worker.

An official's transaction holds the campaign's lock (PostgreSQL: ``FOR UPDATE``, as
``ensure_rules_editable`` takes it; SQLite: the write lock). A ballot cast meanwhile waits for it.
The server — one event loop — must still answer a page that needs no lock, and answer it while the
cast is still waiting: the lock is released only after that page has been served, so a worker
whose event loop waits on the lock could not answer at all (or only once SQLite's busy timeout
gave up on the cast). No timing threshold: the test waits on events.
"""

from __future__ import annotations

import threading

import httpx
from sqlalchemy import event, text

from parvis.db import make_engine, sqlite_write_intent
from parvis.testing import TEST_PASSWORD


def signed_in_client(base_url: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=60)
    client.get("/en/login")
    token = client.cookies["parvis_csrf"]
    response = client.post(
        "/en/login",
        data={"email": email, "password": TEST_PASSWORD},
        headers={"x-csrftoken": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]
    return client


def test_a_cast_waiting_on_the_campaign_lock_does_not_stall_other_pages(
    site, live_server, make_campaign, make_project, voter
):
    campaign = make_campaign("vote")
    projects = [make_project(campaign) for _ in range(2)]
    slug, campaign_id = campaign.slug, campaign.id
    account = voter()
    caster = signed_in_client(live_server, account.email)
    reader = httpx.Client(base_url=live_server, timeout=60)
    sqlite = site.engine.dialect.name == "sqlite"

    # The cast is about to wait once it sends the statement that needs the lock.
    waiting = threading.Event()
    main = threading.get_ident()

    def spot(_conn, _cursor, statement, *_args):
        if threading.get_ident() != main and (
            statement == "BEGIN IMMEDIATE" if sqlite else "FOR KEY SHARE" in statement
        ):
            waiting.set()

    # On SQLite the official works from another process's engine (the command line, a second
    # worker): writers of one engine queue in the process before they reach SQLite's lock.
    official_engine = make_engine(site.engine.url.render_as_string(False)) if sqlite else site.engine
    official = official_engine.connect()
    intent = sqlite_write_intent.set(True)  # SQLite: BEGIN IMMEDIATE, the write lock
    try:
        if sqlite:
            official.execute(
                text("UPDATE budget_campaign SET title = title WHERE id = :id"), {"id": campaign_id}
            )
        else:
            official.execute(
                text("SELECT id FROM budget_campaign WHERE id = :id FOR UPDATE"), {"id": campaign_id}
            )
    finally:
        sqlite_write_intent.reset(intent)
    event.listen(site.engine, "before_cursor_execute", spot)
    try:
        cast_done = threading.Event()
        cast_status: list[int] = []

        def cast() -> None:
            try:
                response = caster.post(
                    f"/en/budget/{slug}/vote/city/cast",
                    data={f"g-{p.public_id}": "2" for p in projects},
                    headers={"x-csrftoken": caster.cookies["parvis_csrf"]},
                )
                cast_status.append(response.status_code)
            finally:
                cast_done.set()

        thread = threading.Thread(target=cast)
        thread.start()
        assert waiting.wait(60), "the cast never asked for the lock"

        page = reader.get(f"/en/budget/{slug}")
        assert page.status_code == 200
        healthz = reader.get("/healthz")
        assert healthz.status_code == 200
        assert not cast_done.is_set(), "the page was answered only once the cast had finished"
    finally:
        event.remove(site.engine, "before_cursor_execute", spot)
        official.commit()  # the official's transaction ends: the cast goes on
        official.close()
        if sqlite:
            official_engine.dispose()
    thread.join(60)
    assert cast_status == [200]
    caster.close()
    reader.close()
