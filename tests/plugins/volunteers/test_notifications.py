"""Missions and core notifications: volunteers follow what they join; a move tells followers once."""

from __future__ import annotations

from sqlalchemy import select

from parvis.api.content import ContentRef
from parvis.api.notifications import follow, is_following
from parvis.mail.outbox import OutboxMail
from parvis.notifications.models import Notification
from parvis.plugins.volunteers import signup


def test_cancelling_tells_volunteers_once_and_followers_too(
    client, db, site, organisation, make_mission, make_account, login_as, add_member, run_jobs
):
    mission = make_mission()
    ref = ContentRef("volunteers.mission", mission.public_id)
    volunteer, onlooker = make_account(), make_account()
    signup.join(db, site, mission.slots[0].id, volunteer)
    follow(db, onlooker, ref)
    db.commit()
    assert is_following(db, volunteer, ref)
    add_member(organisation, login_as())
    client.post(f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "cancel"})
    run_jobs()
    told = {n.account_id: n for n in db.scalars(select(Notification))}
    assert set(told) == {volunteer.id, onlooker.id}
    assert told[volunteer.id].event == "notice" and told[onlooker.id].event == "status_changed"
    kinds = sorted((m.account_id == volunteer.id, m.kind) for m in db.scalars(select(OutboxMail)))
    assert kinds == [(False, "mail/notifications"), (True, "volunteers.notice")]
