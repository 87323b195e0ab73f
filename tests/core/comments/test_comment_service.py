"""Comments through the service layer: two levels, the 15-minute edit window with its history,
deleting, agree/disagree counts, sorting, official answers, permissions per object."""

from datetime import timedelta

import pytest
from litestar.exceptions import NotFoundException

from parvis.api import Refused, load_actor
from parvis.api.comments import (
    delete_comment,
    edit_comment,
    post_comment,
    set_official,
    thread,
    vote,
)
from parvis.api.content import ContentRef, load
from parvis.testing import audit_entries

pytestmark = pytest.mark.hooks("register_commenting")


@pytest.fixture
def people(db, make_account):
    def factory(*roles):
        return load_actor(db, make_account(*roles))

    return factory


def test_a_reply_to_a_reply_attaches_to_the_top_level_comment(db, site, people, note):
    alice, bob = people(), people()
    top = post_comment(db, site, alice, note, "First!")
    reply = post_comment(db, site, bob, note, "A reply", reply_to=top)
    deeper = post_comment(db, site, alice, note, "A reply to the reply", reply_to=reply)
    assert reply.parent_id == top.id and deeper.parent_id == top.id
    [entry] = thread(db, note)
    assert [r.comment.body for r in entry.replies] == ["A reply", "A reply to the reply"]


def test_the_author_edits_within_fifteen_minutes_and_the_history_is_kept(db, site, clock, people, note):
    alice, bob = people(), people()
    comment = post_comment(db, site, alice, note, "Frist")
    with pytest.raises(Refused):
        edit_comment(db, site, bob, comment, "Not mine")
    clock.advance(timedelta(minutes=14))
    edit_comment(db, site, alice, comment, "First")
    assert comment.body == "First" and comment.edited_at == clock.now
    assert [r.body for r in comment.revisions] == ["Frist"]
    clock.advance(timedelta(minutes=1, seconds=1))
    with pytest.raises(Refused, match="15"):
        edit_comment(db, site, alice, comment, "Too late")
    assert comment.body == "First"


def test_deleting_keeps_the_replies_and_is_audited(db, site, people, note):
    alice, bob = people(), people()
    top = post_comment(db, site, alice, note, "To be deleted")
    post_comment(db, site, bob, note, "A reply", reply_to=top)
    with pytest.raises(Refused):
        delete_comment(db, site, bob, top)
    delete_comment(db, site, alice, top)
    [entry] = thread(db, note)
    assert entry.comment.deleted and entry.comment.body == "" and len(entry.replies) == 1
    assert audit_entries(db, "comments.delete")


def test_one_vote_per_account_changeable_and_counted(db, site, people, note):
    alice, bob, carol = people(), people(), people()
    comment = post_comment(db, site, alice, note, "Agree with me")
    with pytest.raises(Refused):
        vote(db, site, alice, comment, True)  # not on one's own comment
    vote(db, site, bob, comment, True)
    vote(db, site, carol, comment, True)
    vote(db, site, carol, comment, False)  # changed
    [entry] = thread(db, note, reader=carol)
    assert (entry.agree, entry.disagree, entry.mine) == (1, 1, False)
    vote(db, site, carol, comment, None)  # taken back
    [entry] = thread(db, note)
    assert (entry.agree, entry.disagree) == (1, 0)


def test_sorting_newest_or_most_agreed_with_official_answers_first(db, site, people, note):
    alice, bob, carol, official = people(), people(), people(), people("official")
    old = post_comment(db, site, alice, note, "Old and liked")
    new = post_comment(db, site, bob, note, "New")
    vote(db, site, carol, old, True)
    answer = post_comment(db, site, official, note, "The City answers", reply_to=old, official=True)
    post_comment(db, site, carol, note, "A reply", reply_to=old)
    assert [e.comment for e in thread(db, note)] == [new, old]
    assert [e.comment for e in thread(db, note, sort="agreed")] == [old, new]
    [_new, liked] = thread(db, note)
    assert liked.replies[0].comment == answer  # listed first among the replies
    assert audit_entries(db, "comments.official_answer")


def test_only_officials_give_an_official_answer(db, site, people, note):
    alice, official = people(), people("official")
    with pytest.raises(Refused):
        post_comment(db, site, alice, note, "I speak for the City", official=True)
    mine = post_comment(db, site, official, note, "Official, later")
    set_official(db, site, official, mine, True)
    assert mine.official


def test_who_may_comment_is_asked_per_object(db, site, people):
    alice = people()
    with pytest.raises(Refused, match="Closed for comments"):
        post_comment(db, site, alice, ContentRef("lab.note", "closed-1"), "Hello")
    with pytest.raises(Refused):  # anonymous visitors
        post_comment(db, site, load_actor(db, None), ContentRef("lab.note", "n1"), "Hello")
    with pytest.raises(NotFoundException):  # hidden
        post_comment(db, site, alice, ContentRef("lab.note", "hidden"), "Hello")
    with pytest.raises(Refused):
        post_comment(db, site, alice, ContentRef("lab.note", "n1"), "   ")


@pytest.mark.hooks("register_content_kinds")
def test_a_comment_is_a_content_kind_pointing_at_its_object(db, site, people, note):
    comment = post_comment(db, site, people(), note, "Seen by moderation")
    item = load(db, site, ContentRef("comments.comment", comment.public_id))
    assert item is not None and item.text == "Seen by moderation"
    assert item.path == f"/notes/n1#comment-{comment.public_id}" and item.public


@pytest.mark.hooks("export_personal_data", "erase_personal_data")
def test_personal_data_export_then_erasure_keeps_the_text_without_the_author(db, site, people, note):
    from parvis.api.comments import support, support_count
    from parvis.identity import Account
    from parvis.privacy import erase, export

    alice, bob = people(), people()
    comment = post_comment(db, site, alice, note, "Mine")
    edit_comment(db, site, alice, comment, "Mine, corrected")
    other = post_comment(db, site, bob, note, "Bob's")
    vote(db, site, alice, other, True)
    support(db, site, alice, note)
    db.commit()
    account = db.get(Account, alice.account.id)
    sections = {s.code: s for s in export(db, site, account).sections}
    assert sections["core.comments"].rows[0]["former"] == ["Mine"]
    assert {"core.comment_votes", "core.supports"} <= set(sections)
    erase(db, site, account)
    db.commit()
    db.expire_all()
    [entry, _bob] = sorted(thread(db, note), key=lambda e: e.comment.id)
    assert entry.comment.body == "Mine, corrected" and entry.comment.author_account_id is None
    assert entry.comment.author_name == "" and entry.comment.revisions == []
    assert _bob.agree == 0 and support_count(db, note) == 0


def test_a_plugin_deleting_its_object_deletes_its_conversation(db, site, people, note):
    from parvis.api.comments import comment_count, delete_all

    top = post_comment(db, site, people(), note, "Gone with the object")
    post_comment(db, site, people(), note, "Me too", reply_to=top)
    assert comment_count(db, note) == 2
    assert delete_all(db, note) >= 1 and comment_count(db, note) == 0
