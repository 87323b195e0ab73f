"""Core moderation through its service: reports and the threshold, pre-moderation, moderators'
scope, blocks and the audit log."""

import pytest
from sqlalchemy import literal, select

from parvis.api import Refused
from parvis.api.moderation import (
    Blocked,
    Status,
    block,
    decide,
    hidden_notice,
    is_hidden,
    report,
    state,
    submitted,
    unblock,
    visible,
)
from parvis.testing import audit_entries


def test_reports_past_the_threshold_hide_content_pending_review(lab, db, make_account, note):
    author, first, second = make_account(), make_account(), make_account()
    ref = note(author)
    report(db, lab, first, ref, reason="spam", note="Selling shoes")
    assert not is_hidden(db, ref)
    with pytest.raises(Refused, match="already reported"):
        report(db, lab, first, ref, reason="insulting")
    with pytest.raises(Refused, match="own contribution"):
        report(db, lab, author, ref, reason="spam")
    report(db, lab, second, ref, reason="insulting")
    assert is_hidden(db, ref)
    assert state(db, ref).status is Status.REPORTED
    # Lists filter it out in SQL, whatever the key column's type.
    assert db.scalar(select(literal(1)).where(visible("lab.note", literal(ref.key)))) is None
    assert db.scalar(select(literal(1)).where(visible("lab.note", literal("other")))) == 1


def test_a_report_needs_a_known_reason_and_content(lab, db, make_account, note):
    account = make_account()
    with pytest.raises(Refused) as refused:
        report(db, lab, account, note(), reason="boring")
    assert refused.value.status_code == 400
    from parvis.api.content import ContentRef

    with pytest.raises(Refused) as missing:
        report(db, lab, account, ContentRef("lab.note", "nope"), reason="spam")
    assert missing.value.status_code == 404


def test_reports_are_rate_limited_per_account(lab_with, db, make_account, note):
    limited = lab_with(reports_per_hour=2)
    account = make_account()
    with limited.activate():
        refs = [note() for _ in range(3)]
        report(db, limited, account, refs[0], reason="spam")
        report(db, limited, account, refs[1], reason="spam")
        with pytest.raises(Refused) as throttled:
            report(db, limited, account, refs[2], reason="spam")
    assert throttled.value.status_code == 429


def test_premoderation_hides_new_content_until_approved(premoderated_lab, db, make_account, note, actor_of):
    author, moderator = make_account(), make_account("moderator")
    ref = note(author)
    assert submitted(db, premoderated_lab, ref, author_account_id=author.id) is True
    assert is_hidden(db, ref)
    assert hidden_notice(db, premoderated_lab, actor_of(author), ref).status is Status.PENDING
    with pytest.raises(Exception) as others:
        hidden_notice(db, premoderated_lab, actor_of(make_account()), ref)
    assert getattr(others.value, "status_code", None) == 404
    decide(db, premoderated_lab, actor_of(moderator), ref, "approve", reason="Fine")
    assert not is_hidden(db, ref)
    with pytest.raises(Refused, match="not awaiting approval"):
        decide(db, premoderated_lab, actor_of(moderator), ref, "approve", reason="Again")


def test_content_of_a_kind_not_premoderated_is_visible_at_once(lab, db, make_account, note):
    author = make_account()
    ref = note(author)
    assert submitted(db, lab, ref, author_account_id=author.id) is False
    assert not is_hidden(db, ref)


def test_a_plugin_setting_may_premoderate_a_kind_the_site_does_not_list(lab, db, make_account, note):
    author = make_account()
    ref = note(author)
    assert submitted(db, lab, ref, author_account_id=author.id, premoderate=True) is True
    assert state(db, ref).status is Status.PENDING


def test_a_moderator_hides_with_a_reason_the_author_is_told_and_it_is_audited(
    lab, db, make_account, note, actor_of, smtp_server
):
    author, moderator = make_account(email="author@example.org"), make_account("moderator")
    ref = note(author, title="Rude note")
    with pytest.raises(Refused) as no_reason:
        decide(db, lab, actor_of(moderator), ref, "hide", reason="  ")
    assert no_reason.value.field == "reason"
    decide(db, lab, actor_of(moderator), ref, "hide", reason="Insults a neighbour")
    db.commit()
    shown = hidden_notice(db, lab, actor_of(author), ref)
    assert (shown.status, shown.reason) == (Status.HIDDEN, "Insults a neighbour")
    [mail] = smtp_server.to("author@example.org")
    assert "Insults a neighbour" in str(mail)
    db.rollback()  # end the read: the mail's delivery wrote since (SQLite's snapshot)
    decide(db, lab, actor_of(moderator), ref, "restore", reason="On second thought")
    db.commit()
    assert not is_hidden(db, ref)
    events = audit_entries(db, "moderation.")
    assert [(e.action, e.target_type, e.target_id, e.details["reason"]) for e in events] == [
        ("moderation.hide", "lab.note", ref.key, "Insults a neighbour"),
        ("moderation.restore", "lab.note", ref.key, "On second thought"),
    ]
    assert events[0].actor_id == moderator.id


def test_dismissing_reports_shows_content_again(lab, db, make_account, note, actor_of):
    moderator = make_account("moderator")
    ref = note(make_account())
    report(db, lab, make_account(), ref, reason="spam")
    report(db, lab, make_account(), ref, reason="spam")
    assert is_hidden(db, ref)
    decide(db, lab, actor_of(moderator), ref, "dismiss", reason="Not spam")
    assert not is_hidden(db, ref)
    assert state(db, ref).queued_at is None
    with pytest.raises(Refused, match="no report"):
        decide(db, lab, actor_of(moderator), ref, "dismiss", reason="Again")


def test_a_district_moderator_decides_only_in_their_district(lab, db, make_account, note, actor_of):
    local = actor_of(make_account(district_roles={"11": "moderator"}))
    mine, elsewhere = note(make_account(), district="11"), note(make_account(), district="12")
    decide(db, lab, local, mine, "hide", reason="Spam")
    with pytest.raises(Refused) as refused:
        decide(db, lab, local, elsewhere, "hide", reason="Spam")
    assert refused.value.status_code == 403
    citizen = actor_of(make_account())
    with pytest.raises(Refused):
        decide(db, lab, citizen, mine, "restore", reason="Me")
    # A district's moderators cannot block: a block holds on the whole site.
    with pytest.raises(Refused):
        block(db, lab, local, make_account(), reason="Spammer")


def test_a_blocked_account_can_neither_post_nor_report_until_unblocked(lab, db, make_account, note, actor_of):
    moderator, person = actor_of(make_account("moderator")), make_account()
    block(db, lab, moderator, person, reason="Repeated insults")
    with pytest.raises(Blocked, match="Repeated insults") as refused:
        submitted(db, lab, note(person), author_account_id=person.id)
    assert refused.value.status_code == 403
    with pytest.raises(Blocked):
        report(db, lab, person, note(), reason="spam")
    with pytest.raises(Refused, match="already blocked"):
        block(db, lab, moderator, person, reason="Again")
    unblock(db, lab, moderator, person, reason="Apologised")
    report(db, lab, person, note(), reason="spam")
    db.commit()
    assert [e.action for e in audit_entries(db, "moderation.")] == ["moderation.block", "moderation.unblock"]


def test_a_district_moderator_sees_only_their_district_in_the_queue(lab, db, make_account, note):
    from parvis.moderation import queue

    mine, elsewhere = note(make_account(), district="11"), note(make_account(), district="12")
    for ref in (mine, elsewhere):
        report(db, lab, make_account(), ref, reason="off_topic")
    assert [e.state.content_key for e in queue.waiting(db, lab)] == [mine.key, elsewhere.key]
    [entry] = queue.waiting(db, lab, frozenset({"11"}))
    assert (entry.state.content_key, entry.reasons) == (mine.key, [("Off-topic", 1)])
