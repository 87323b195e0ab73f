"""Debates: an official opens one in a space, people comment while it is open, the closing
summary ends it; its page, its list, and its thread as a content kind."""

from datetime import timedelta

import pytest

from parvis.api import Refused, load_actor
from parvis.api.comments import DEBATE, close_debate, open_debate, post_comment
from parvis.api.content import ContentRef, load
from parvis.comments.registry import Space
from parvis.testing import audit_entries

pytestmark = pytest.mark.hooks("register_debate_spaces")
SPACE = Space("lab.space", "s1", "Space s1", "/spaces/s1")


def test_an_official_opens_a_debate_people_comment_then_it_closes(db, site, clock, make_account):
    official, resident = load_actor(db, make_account("official")), load_actor(db, make_account())
    now = clock.now
    with pytest.raises(Refused):
        open_debate(db, site, resident, SPACE, question="Q?", opening_text="", opens_at=now, closes_at=now)
    debate = open_debate(
        db,
        site,
        official,
        SPACE,
        question="Should the square be car-free?",
        opening_text="Tell us.",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=10),
    )
    ref = ContentRef(DEBATE, debate.public_id)
    assert not load(db, site, ref).public  # not opened yet
    clock.advance(timedelta(days=2))
    assert load(db, site, ref).public
    post_comment(db, site, resident, ref, "Yes, please.")
    close_debate(db, site, official, debate, "Most were for it.")
    assert debate.closes_at == clock.now and debate.closing_summary == "Most were for it."
    with pytest.raises(Refused, match="closed"):
        post_comment(db, site, resident, ref, "Too late.")
    assert len(audit_entries(db, "comments.debate")) == 2


def test_debate_pages_and_forms(client, db, site, clock, login_as):
    assert client.get("/en/debates/in/lab.space/s1").status_code == 200
    assert client.get("/en/debates/in/lab.space/missing-1").status_code == 404
    login_as()
    assert client.get("/en/debates/in/lab.space/s1/new").status_code == 403
    client.post("/en/logout")
    login_as("official")
    page = client.get("/en/debates/in/lab.space/s1/new")
    assert page.status_code == 200 and "Question put to debate" in page.text
    bad = client.post(
        "/en/debates/in/lab.space/s1/new",
        data={"question": "A question?", "opens_at": "2026-01-02T10:00", "closes_at": "2026-01-01T10:00"},
    )
    assert bad.status_code == 400
    start = (clock.now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    end = (clock.now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    made = client.post(
        "/en/debates/in/lab.space/s1/new",
        data={
            "question": "Which trees?",
            "opening_text": "Plane or oak?",
            "opens_at": start,
            "closes_at": end,
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    debate_page = client.get(made.headers["location"])
    assert "Which trees?" in debate_page.text and "Your comment" in debate_page.text
    assert "Which trees?" in client.get("/en/debates/in/lab.space/s1").text
    closed = client.post(
        made.headers["location"].split("?")[0] + "/close", data={"summary": "Oaks."}, follow_redirects=True
    )
    assert "Oaks." in closed.text
