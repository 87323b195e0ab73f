"""Recording the City's follow-up: consistency, overdue flags, milestones, review meetings."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from parvis.bodies.models import Meeting
from parvis.decisions import followup, timeline
from parvis.decisions.followup import FollowUpRefused
from parvis.decisions.models import FollowUp, FollowUpEvent, FollowUpStatus, ReviewItem


def test_the_followup_starts_with_adoption(db, site, make_decision, official_actor):
    draft = make_decision("submitted")
    with pytest.raises(FollowUpRefused, match="starts once"):
        followup.update_followup(db, site, draft, official_actor, status="in_progress", progress=10)


def test_every_change_is_recorded_old_to_new(db, site, make_decision, official_actor):
    decision = make_decision("adopted")
    changes = followup.update_followup(
        db,
        site,
        decision,
        official_actor,
        note="Premier point d'étape",
        response="Accord de la Ville.",
        department="Direction des espaces verts",
        status="in_progress",
        progress=35,
        expected_on=date(2026, 12, 31),
    )
    assert changes["progress"] == [0, 35]
    assert changes["status"] == ["not_started", "in_progress"]
    assert changes["expected_on"] == [None, "2026-12-31"]
    assert followup.update_followup(db, site, decision, official_actor, progress=35) == {}
    db.commit()
    events = db.scalars(select(FollowUpEvent).where(FollowUpEvent.kind == "followup")).all()
    assert len(events) == 1
    assert events[0].note == "Premier point d'étape"
    entry = timeline.entries(db, site, decision)[-1]
    assert entry.title == "Follow-up updated"
    assert any(c.label == "Progress" and c.old == "0%" and c.new == "35%" for c in entry.changes)


@pytest.mark.parametrize(
    ("status", "progress", "message"),
    [("done", 80, "at 100 %"), ("not_started", 10, "at 0 %"), ("in_progress", 120, "between 0 and 100")],
)
def test_status_and_progress_must_agree(db, site, make_decision, official_actor, status, progress, message):
    decision = make_decision("adopted")
    with pytest.raises(FollowUpRefused, match=message) as refused:
        followup.update_followup(db, site, decision, official_actor, status=status, progress=progress)
    assert refused.value.field == "progress"


def test_overdue_is_past_the_expected_date_and_not_finished():
    item = FollowUp(status=FollowUpStatus.IN_PROGRESS, progress=40, expected_on=date(2025, 6, 30))
    assert item.is_overdue(date(2025, 7, 1))
    assert not item.is_overdue(date(2025, 6, 30))
    item.status, item.progress = FollowUpStatus.DONE, 100
    assert not item.is_overdue(date(2026, 1, 1))
    assert not FollowUp(status=FollowUpStatus.NOT_STARTED, expected_on=None).is_overdue(date(2030, 1, 1))


def test_overdue_uses_the_site_time_zone(site, clock):
    import parvis.formatting as formatting

    clock.set(datetime(2025, 6, 30, 22, 30, tzinfo=UTC))
    # 22:30 UTC on 30 June is already 1 July in Paris: a measure due on 30 June is overdue there.
    assert site.today() == date(2025, 7, 1)
    assert formatting.site_timezone().key == "Europe/Paris"


def test_milestones_are_added_and_reached(db, site, make_decision, official_actor):
    decision = make_decision("adopted")
    milestone = followup.add_milestone(
        db, site, decision, official_actor, title="35 rues jardins livrées", planned_on=date(2025, 10, 1)
    )
    followup.complete_milestone(db, site, milestone, official_actor, date(2025, 10, 17))
    db.commit()
    titles = [e.title for e in timeline.entries(db, site, decision)[-2:]]
    assert titles == [
        "Milestone added: 35 rues jardins livrées",
        "Milestone reached: 35 rues jardins livrées",
    ]


def test_a_review_meeting_lists_what_it_reviewed(db, site, assembly, make_decision, official_actor):
    first, second = make_decision("adopted", title="Une"), make_decision("in_implementation", title="Deux")
    meeting = followup.record_review_meeting(
        db,
        assembly,
        official_actor,
        title="Réunion de suivi",
        starts_at=datetime(2025, 11, 20, 17, tzinfo=UTC),
        ends_at=datetime(2025, 11, 20, 19, tzinfo=UTC),
        place="Hôtel de Ville",
        reviewed=[followup.Reviewed(second, "Point d'étape"), followup.Reviewed(first)],
    )
    db.commit()
    assert db.get(Meeting, meeting.id).kind == "follow_up"
    items = db.scalars(select(ReviewItem).order_by(ReviewItem.position)).all()
    assert [i.decision_id for i in items] == [second.id, first.id]
    entry = timeline.entries(db, site, second)[-1]
    assert entry.title == "Reviewed in the public follow-up meeting of November 20, 2025"
    assert entry.note == "Point d'étape"
