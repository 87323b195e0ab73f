"""Sign-up, waiting list and automatic promotion, cancellation and the organiser's decisions."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from parvis.mail import OutboxMail
from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import (
    Mission,
    NoticeKind,
    Participation,
    ParticipationStatus,
    Slot,
)


def statuses(db, slot_id):
    db.expire_all()
    return [
        (p.account_id, p.status.value)
        for p in db.scalars(
            select(Participation).where(Participation.slot_id == slot_id).order_by(Participation.id)
        )
    ]


def test_full_slot_waitlists_then_promotes_in_order(db, site, make_mission, make_account, notice_kinds):
    mission = make_mission(capacity=2)
    slot_id = mission.slots[0].id
    a, b, c, d = (make_account() for _ in range(4))
    assert signup.join(db, site, slot_id, a).position is None
    assert signup.join(db, site, slot_id, b).position is None
    assert signup.join(db, site, slot_id, c).position == 1
    joined_d = signup.join(db, site, slot_id, d)
    assert joined_d.position == 2
    db.commit()
    slot = db.get(Slot, slot_id, populate_existing=True)
    assert slot.taken == 2
    a_part = db.scalar(select(Participation).where(Participation.account_id == a.id))
    promoted = signup.cancel(db, site, a_part.id)
    db.commit()
    assert promoted is not None
    assert promoted.account_id == c.id
    assert statuses(db, slot_id) == [
        (a.id, "cancelled"),
        (b.id, "confirmed"),
        (c.id, "confirmed"),
        (d.id, "waitlisted"),
    ]
    assert signup.waiting_position(db, joined_d.participation) == 1
    assert notice_kinds(c.id) == {NoticeKind.PROMOTED}
    mail = db.scalar(select(OutboxMail).where(OutboxMail.to_address == c.email))
    assert "Une place pour vous" in mail.subject  # the recipient's language, else the site's
    assert mission.title in mail.text_body
    db.refresh(slot)
    assert slot.taken == 2
    assert db.get(Mission, mission.id, populate_existing=True).taken_total == 2


def test_cancel_without_waiting_list_frees_the_place(db, site, make_mission, make_account):
    mission = make_mission(capacity=3)
    joined = signup.join(db, site, mission.slots[0].id, make_account())
    db.commit()
    assert signup.cancel(db, site, joined.participation.id) is None
    db.commit()
    assert db.get(Slot, mission.slots[0].id, populate_existing=True).taken == 0
    assert db.get(Mission, mission.id, populate_existing=True).taken_total == 0
    with pytest.raises(signup.SignupError, match="already cancelled"):
        signup.cancel(db, site, joined.participation.id)


def test_leaving_the_waiting_list_promotes_no_one(db, site, make_mission, make_account):
    mission = make_mission(capacity=1)
    slot_id = mission.slots[0].id
    signup.join(db, site, slot_id, make_account())
    waiting = signup.join(db, site, slot_id, make_account())
    db.commit()
    assert signup.cancel(db, site, waiting.participation.id) is None
    assert db.get(Slot, slot_id, populate_existing=True).taken == 1


def test_decline_and_validate(db, site, make_mission, make_account, notice_kinds):
    mission = make_mission(capacity=1)
    slot_id = mission.slots[0].id
    first, second = make_account(), make_account()
    a = signup.join(db, site, slot_id, first)
    signup.join(db, site, slot_id, second)
    db.commit()
    promoted = signup.decline(db, site, a.participation.id)
    db.commit()
    assert promoted.account_id == second.id
    signup.validate(db, site, promoted.id)
    db.commit()
    assert notice_kinds(first.id) | notice_kinds(second.id) == {
        NoticeKind.DECLINED,
        NoticeKind.PROMOTED,
        NoticeKind.VALIDATED,
    }
    with pytest.raises(signup.SignupError):
        signup.validate(db, site, a.participation.id)


def test_twice_is_refused(db, site, make_mission, make_account):
    mission = make_mission()
    account = make_account()
    signup.join(db, site, mission.slots[0].id, account)
    with pytest.raises(signup.SignupError, match="already signed up"):
        signup.join(db, site, mission.slots[0].id, account)


def test_minimum_age_past_dates_and_unpublished(db, site, make_mission, make_account):
    from parvis.plugins.volunteers.models import MissionStatus

    adults = make_mission(min_age=18)
    young = make_account(birth_date=site.today() - timedelta(days=365 * 15))
    unknown = make_account(birth_date=None)
    with pytest.raises(signup.SignupError, match="from the age of 18"):
        signup.join(db, site, adults.slots[0].id, young)
    with pytest.raises(signup.SignupError, match="date of birth"):
        signup.join(db, site, adults.slots[0].id, unknown)
    past = make_mission(starts_in=timedelta(days=-2))
    with pytest.raises(signup.SignupError, match="passed"):
        signup.join(db, site, past.slots[0].id, young)
    draft = make_mission(status=MissionStatus.DRAFT)
    with pytest.raises(signup.SignupError, match="not open"):
        signup.join(db, site, draft.slots[0].id, young)


def test_capacity_alerts_go_once_to_organisers(
    db, site, organisation, make_mission, make_account, add_member
):
    organiser = make_account(email="orga@example.org")
    add_member(organisation, organiser)
    mission = make_mission(capacity=5)
    for _ in range(5):
        signup.join(db, site, mission.slots[0].id, make_account())
    db.commit()
    subjects = list(db.scalars(select(OutboxMail.subject).where(OutboxMail.to_address == "orga@example.org")))
    assert subjects == [f"Presque complet\u202f: {mission.title}", f"Complet\u202f: {mission.title}"]


def test_http_sign_up_waitlist_and_cancel(client, db, make_mission, make_account, login_as):
    mission = make_mission(capacity=1, prerequisites="Savoir nager.")
    slot_id = mission.slots[0].id
    from parvis.plugins.volunteers import signup as service

    service.join(db, client.app.state.site, slot_id, make_account())
    db.commit()
    login_as()
    join_url = f"/en/volunteers/missions/{mission.public_id}/slots/{slot_id}/join"
    refused = client.post(join_url, data={})
    assert "meet the prerequisites" in refused.text
    page = client.post(join_url, data={"prerequisites": "1"})
    assert page.status_code == 200
    assert "you are on the waiting list, in position 1" in page.text
    assert "You are on the waiting list (position 1)" in page.text
    again = client.post(join_url, data={"prerequisites": "1"})
    assert "already signed up" in again.text
    mine = client.get("/en/volunteers/me")
    assert "Waiting list, position 1" in mine.text
    participation_id = db.scalar(select(func.max(Participation.id)))
    cancelled = client.post(f"/en/volunteers/participations/{participation_id}/cancel")
    assert "Your sign-up is cancelled" in cancelled.text


def test_cannot_cancel_someone_else(client, db, site, make_mission, make_account, login_as):
    mission = make_mission()
    other = signup.join(db, site, mission.slots[0].id, make_account())
    db.commit()
    login_as()
    response = client.post(f"/en/volunteers/participations/{other.participation.id}/cancel")
    assert response.status_code == 404
    assert (
        db.get(Participation, other.participation.id, populate_existing=True).status
        == ParticipationStatus.CONFIRMED
    )


def test_sign_up_needs_an_account(client, make_mission):
    mission = make_mission()
    response = client.post(
        f"/en/volunteers/missions/{mission.public_id}/slots/{mission.slots[0].id}/join",
        follow_redirects=False,
    )
    assert response.status_code == 401
    page = client.get(f"/en/volunteers/missions/{mission.public_id}")
    assert "Sign in to take part" in page.text
