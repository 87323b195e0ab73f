"""Comments and supports over HTTP: the thread on a page, htmx fragments, the no-JS redirect,
CSRF, refusals shown in place, never a 500 on bad input."""

import pytest

from parvis.api import load_actor
from parvis.api.comments import post_comment, support_count
from parvis.api.content import ContentRef
from parvis.moderation.decisions import Decision, decide
from parvis.testing import login

pytestmark = pytest.mark.hooks("register_commenting")
HTMX = {"HX-Request": "true"}


def test_the_thread_page_shows_comments_and_the_form(client, db, site, login_as, note):
    login_as()
    page = client.get("/en/comments/lab.note/n1")
    assert page.status_code == 200
    assert "Your comment" in page.text and "0 comments" in page.text


def test_posting_without_javascript_redirects_to_the_comment(client, db, login_as, note):
    login_as()
    answer = client.post(
        "/en/comments/lab.note/n1", data={"body": "Hello <b>all</b>"}, follow_redirects=False
    )
    assert answer.status_code == 303 and "/en/notes/n1#comment-" in answer.headers["location"]
    page = client.get("/en/comments/lab.note/n1")
    assert "Hello &lt;b&gt;all&lt;/b&gt;" in page.text and "1 comment" in page.text


def test_posting_with_htmx_answers_the_thread_with_focus_on_the_new_comment(client, db, login_as, note):
    login_as()
    answer = client.post("/en/comments/lab.note/n1", data={"body": "Quick one"}, headers=HTMX)
    assert answer.status_code == 200
    assert "data-focus-new" in answer.text and "Quick one" in answer.text and "<html" not in answer.text


def test_a_refused_comment_comes_back_in_place_with_its_text(client, db, login_as, note):
    login_as()
    answer = client.post("/en/comments/lab.note/closed-2", data={"body": "Kept text"}, headers=HTMX)
    assert answer.status_code == 403 and "Closed for comments." in answer.text
    empty = client.post("/en/comments/lab.note/n1", data={"body": ""}, headers=HTMX)
    assert empty.status_code == 400 and "Write your comment." in empty.text


def test_csrf_is_required(client, db, login_as, note):
    login_as()
    answer = client.post("/en/comments/lab.note/n1", data={"body": "x"}, csrf=False)
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/comments/lab.note/missing-1", {"body": "x"}),
        ("/en/comments/nowhere/x", {"body": "x"}),
        ("/en/comments/lab.note/n1", {"body": "x", "reply_to": "no-such-comment"}),
        ("/en/comments/lab.note/n1", {"body": "y" * 6000}),
        ("/en/comments/c/no-such-comment/vote", {"vote": "agree"}),
        ("/en/comments/c/no-such-comment/delete", {}),
        ("/en/supports/lab.note/missing-1", {}),
    ],
)
def test_bad_input_is_never_a_500(client, db, login_as, path, data):
    login_as()
    assert 400 <= client.post(path, data=data).status_code < 500


def test_voting_and_deleting_through_the_thread(client, db, site, make_account, login_as, note):
    from parvis.api import load_actor

    other = load_actor(db, make_account())
    comment = post_comment(db, site, other, note, "Vote on me")
    db.commit()
    login_as()
    answer = client.post(f"/en/comments/c/{comment.public_id}/vote", data={"vote": "agree"}, headers=HTMX)
    assert answer.status_code == 200 and 'aria-pressed="true"' in answer.text
    refused = client.post(f"/en/comments/c/{comment.public_id}/delete", headers=HTMX)
    assert refused.status_code == 403


@pytest.mark.hooks("register_supports")
def test_supporting_once_then_withdrawing(client, db, login_as, note):
    login_as()
    ref = ContentRef("lab.note", "n1")
    answer = client.post("/en/supports/lab.note/n1", data={}, headers=HTMX)
    assert answer.status_code == 200 and "1 support" in answer.text and "Withdraw my support" in answer.text
    again = client.post("/en/supports/lab.note/n1", data={}, headers=HTMX)
    assert again.status_code == 409 and "You already support this." in again.text
    assert support_count(db, ref) == 1
    client.post("/en/supports/lab.note/n1", data={"withdraw": "1"}, follow_redirects=False)
    assert support_count(db, ref) == 0
    closed = client.post("/en/supports/lab.note/nosupport-1", data={}, headers=HTMX)
    assert closed.status_code == 403 and "Supports are closed." in closed.text


def test_posting_is_rate_limited(client, db, login_as, note):
    from parvis.comments.web import POSTS_PER_WINDOW

    login_as()
    for n in range(POSTS_PER_WINDOW):
        posted = client.post("/en/comments/lab.note/n1", data={"body": f"Post {n}"}, headers=HTMX)
        assert posted.status_code == 200
    answer = client.post("/en/comments/lab.note/n1", data={"body": "One too many"}, headers=HTMX)
    assert answer.status_code == 429 and "please wait" in answer.text


def test_the_author_edits_on_the_edit_page_until_the_window_closes(client, db, site, clock, login_as, note):
    from datetime import timedelta

    from parvis.api import load_actor

    author = login_as()
    comment = post_comment(db, site, load_actor(db, author), note, "Typo heer")
    db.commit()
    path = f"/en/comments/c/{comment.public_id}/edit"
    assert "Typo heer" in client.get(path).text
    assert client.post(path, data={"body": ""}).status_code == 400
    answer = client.post(path, data={"body": "Typo here"}, follow_redirects=False)
    assert answer.status_code == 303 and f"#comment-{comment.public_id}" in answer.headers["location"]
    clock.advance(timedelta(minutes=16))
    assert "can no longer be changed" in client.get(path).text
    assert client.post(path, data={"body": "Later"}).status_code == 409


def test_others_comments_can_be_reported_and_a_hidden_ones_author_reads_why(
    client, db, site, login_as, make_account, note
):
    author = make_account()
    comment = post_comment(db, site, load_actor(db, author), note, "Buy my shoes")
    db.commit()
    login_as()
    page = client.get("/en/comments/lab.note/n1")
    report = f"/en/moderation/report?ref=comments.comment%3A{comment.public_id}"
    assert report in page.text
    assert client.get(report).status_code == 200
    moderator = load_actor(db, make_account("moderator"))
    reported = ContentRef("comments.comment", comment.public_id)
    decide(db, site, moderator, reported, Decision.HIDE, reason="Advertising")
    db.commit()
    assert "Buy my shoes" not in client.get("/en/comments/lab.note/n1").text
    login(client, author)
    page = client.get("/en/comments/lab.note/n1")
    assert "Buy my shoes" in page.text and "Hidden by moderation." in page.text and "Advertising" in page.text
    assert report not in page.text  # nobody reports their own comment
