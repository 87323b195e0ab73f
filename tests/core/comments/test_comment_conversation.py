"""A comment in core's other services: the answered author and the object's followers are told,
a moderator's hiding takes the comment (and its replies) out of the thread, a blocked account
cannot post."""

import pytest

from parvis.api import Refused, load_actor
from parvis.api.comments import post_comment, thread
from parvis.api.content import ContentRef
from parvis.moderation.decisions import Decision, block, decide
from parvis.notifications import unread_count

pytestmark = pytest.mark.hooks("register_commenting")


def test_the_answered_author_and_the_followers_are_told_once(db, site, make_account, note):
    alice, bob, carol = (load_actor(db, make_account()) for _ in range(3))
    first = post_comment(db, site, alice, note, "Where will it be?")
    post_comment(db, site, carol, note, "I wonder too.")  # carol now follows the note
    post_comment(db, site, bob, note, "In the square.", reply_to=first)
    assert unread_count(db, alice.account) == 2  # carol's comment, then bob's reply (not twice)
    assert unread_count(db, carol.account) == 1  # bob's reply, as a follower
    assert unread_count(db, bob.account) == 0  # never told of their own comment


def test_a_hidden_comment_leaves_the_thread_with_its_replies(db, site, make_account, note):
    alice, bob = (load_actor(db, make_account()) for _ in range(2))
    moderator = load_actor(db, make_account("moderator"))
    rude = post_comment(db, site, alice, note, "Rude words")
    post_comment(db, site, bob, note, "Please stay polite.", reply_to=rude)
    kept = post_comment(db, site, bob, note, "On topic")
    rude_ref = ContentRef("comments.comment", rude.public_id)
    decide(db, site, moderator, rude_ref, Decision.HIDE, reason="Insults")
    assert [entry.comment.id for entry in thread(db, note)] == [kept.id]


def test_a_blocked_account_cannot_comment(db, site, make_account, note):
    alice = load_actor(db, make_account())
    moderator = load_actor(db, make_account("moderator"))
    block(db, site, moderator, alice.account, "Spam")
    with pytest.raises(Refused):
        post_comment(db, site, alice, note, "Buy now!")


def test_the_author_of_a_hidden_comment_still_sees_it_with_the_reason(db, site, make_account, note):
    alice, bob = (load_actor(db, make_account()) for _ in range(2))
    moderator = load_actor(db, make_account("moderator"))
    rude = post_comment(db, site, alice, note, "Rude words")
    post_comment(db, site, bob, note, "Please stay polite.", reply_to=rude)
    rude_ref = ContentRef("comments.comment", rude.public_id)
    decide(db, site, moderator, rude_ref, Decision.HIDE, reason="Insults")
    [own] = thread(db, note, reader=alice)
    assert own.comment.id == rude.id
    assert own.moderation is not None and own.moderation.reason == "Insults"
    assert own.replies == []  # the conversation under it is gone for everyone
    assert thread(db, note, reader=bob) == []
    rude.author_account_id = None  # its author erased their account: nobody sees it any more
    assert thread(db, note) == []
