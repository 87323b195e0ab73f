"""Registration and attendance for council meetings and Beautify walks (one mechanism): register,
full refused, double refused, cancel, a confirmation mail, the resident's own list, officials'
list and CSV export, attendance shown publicly as counts only, district scope, and the
registrations as personal data (export, erasure, purge)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from parvis.api import Account
from parvis.mail.outbox import OutboxMail
from parvis.plugins.neighbourhood_councils import personal_data, registrations
from parvis.plugins.neighbourhood_councils.models import CouncilMeeting, MeetingKind, Registration
from parvis.refusals import Refused
from parvis.testing import audit_entries, login

from .conftest import post_meeting


@pytest.fixture
def make_meeting(db, site):
    def factory(owner, *, capacity=None, days=7, kind=None, **extra):
        start = (site.now() + timedelta(days=days)).replace(microsecond=0)
        is_council = type(owner).__name__ == "Council"
        meeting = CouncilMeeting(
            council_id=owner.id if is_council else None,
            programme_id=None if is_council else owner.id,
            kind=kind or (MeetingKind.PLENARY if is_council else MeetingKind.WALK),
            title=extra.pop("title", "Plénière de l’automne"),
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="Mairie",
            capacity=capacity,
            **extra,
        )
        db.add(meeting)
        db.commit()
        return meeting

    return factory


def meeting_url(meeting, lang="en"):
    return f"/{lang}/neighbourhood-councils/meetings/{meeting.public_id}"


def test_residents_register_cancel_and_a_full_meeting_refuses(
    client, db, site, make_council, make_meeting, make_account, districts
):
    council = make_council(districts[0])
    meeting = make_meeting(council, capacity=1)
    page = client.get(meeting_url(meeting))
    assert page.status_code == 200 and "1 place left" in page.text and "Sign in to register" in page.text
    first = make_account(email="first@example.org")
    login(client, first)
    done = client.post(meeting_url(meeting) + "/register")
    assert done.status_code == 200 and "You are registered." in done.text and "0 places left" in done.text
    twice = client.post(meeting_url(meeting) + "/register")
    assert twice.status_code == 409 and "You are already registered for this meeting." in twice.text
    mail = db.scalar(select(OutboxMail).where(OutboxMail.to_address == "first@example.org"))
    assert mail is not None and "Plénière de l’automne" in mail.subject
    assert meeting.public_id in mail.text_body
    mine = client.get("/en/neighbourhood-councils/my-registrations")
    assert mine.status_code == 200 and "Plénière de l’automne" in mine.text
    council_page = client.get(f"/en/neighbourhood-councils/{council.slug}")
    assert "0 places left" in council_page.text
    client.cookies.clear()
    login(client, make_account())
    full = client.post(meeting_url(meeting) + "/register")
    assert full.status_code == 409 and "This meeting is full: every place is taken." in full.text
    client.cookies.clear()
    login(client, first)
    cancelled = client.post(meeting_url(meeting) + "/cancel")
    assert cancelled.status_code == 200 and "Your registration is cancelled." in cancelled.text
    assert "1 place left" in cancelled.text
    again = client.post(meeting_url(meeting) + "/cancel")
    assert again.status_code == 409 and "You are not registered for this meeting." in again.text
    actions = [e.action for e in audit_entries(db, "neighbourhood_councils.registration.")]
    assert actions == [
        "neighbourhood_councils.registration.create",
        "neighbourhood_councils.registration.cancel",
    ]


def test_the_capacity_holds_in_the_service_and_started_meetings_close(
    db, site, clock, make_council, make_meeting, make_account, districts
):
    meeting = make_meeting(make_council(districts[0]), capacity=2)
    people = [make_account().person for _ in range(3)]
    registrations.register(db, site, meeting, people[0])
    registrations.register(db, site, meeting, people[1])
    db.commit()
    with pytest.raises(registrations.MeetingFull):
        registrations.register(db, site, meeting, people[2])
    db.rollback()
    assert registrations.places_left(db, meeting) == 0
    clock.advance(timedelta(days=8))
    with pytest.raises(Refused, match="already started"):
        registrations.cancel(db, site, meeting, people[0].id)


def test_officials_list_export_and_record_attendance_shown_as_counts(
    client, db, site, clock, make_council, make_meeting, make_account, district_official, districts
):
    council = make_council(districts[0])
    meeting = make_meeting(council, capacity=10)
    came = make_account(given_name="Camille", family_name="Présente")
    stayed = make_account(given_name="Sacha", family_name="Absente")
    for account in (came, stayed):
        registrations.register(db, site, meeting, account.person)
    db.commit()
    login(client, district_official(districts[0]))
    base = f"/en/admin/neighbourhood-councils/{council.slug}/meetings/{meeting.public_id}"
    listing = client.get(base + "/registrations")
    assert (
        listing.status_code == 200 and "Camille Présente" in listing.text and "Sacha Absente" in listing.text
    )
    export = client.get(base + "/registrations.csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert "Camille Présente" in export.text and "registrations-" in export.headers["content-disposition"]
    early = client.post(base + "/attendance", data={"walk_ins": "Jo"})
    assert early.status_code == 409 and "once the meeting has begun" in early.text
    clock.advance(timedelta(days=7, hours=3))
    present = registrations.registration_of(db, meeting, came.person_id)
    recorded = client.post(
        base + "/attendance",
        data={"present": [str(present.id)], "walk_ins": "Jo Passant\nAli Voisin\n\nJo Passant"},
    )
    assert recorded.status_code == 200 and "The attendance is recorded." in recorded.text
    db.expire_all()
    assert (meeting.present_count, meeting.walk_in_count) == (1, 2)
    assert {
        r.person_id: r.present
        for r in db.scalars(select(Registration).where(Registration.person_id.is_not(None)))
    } == {
        came.person_id: True,
        stayed.person_id: False,
    }
    client.cookies.clear()
    public = client.get(meeting_url(meeting))
    assert "3 people attended." in public.text and "2 of them came without registering." in public.text
    assert "Camille" not in public.text and "Jo Passant" not in public.text
    council_page = client.get(f"/en/neighbourhood-councils/{council.slug}")
    assert "3 people attended" in council_page.text
    [entry] = audit_entries(db, "neighbourhood_councils.attendance.")
    assert entry.details == {"present": 1, "walk_ins": 2}
    assert audit_entries(db, "neighbourhood_councils.registrations.export")[0].records == 2


def test_another_districts_official_cannot_see_registrants_nor_record_attendance(
    client, db, site, make_council, make_programme, make_meeting, make_account, district_official, districts
):
    mine, theirs = districts
    council = make_council(theirs)
    meeting = make_meeting(council)
    walk = make_meeting(make_programme(theirs))
    registrations.register(db, site, meeting, make_account(given_name="Secret").person)
    db.commit()
    login(client, district_official(mine))
    for base in (
        f"/en/admin/neighbourhood-councils/{council.slug}/meetings/{meeting.public_id}",
        f"/en/admin/beautify/{walk.programme_id and walk_programme_slug(db, walk)}/meetings/{walk.public_id}",
    ):
        assert client.get(base + "/registrations").status_code == 403
        assert client.get(base + "/registrations.csv").status_code == 403
        assert client.post(base + "/attendance", data={"walk_ins": "x"}).status_code == 403
    # A meeting of their district under another council's address: not found, never shown.
    own = make_council(mine, name="Conseil Mien")
    wrong = f"/en/admin/neighbourhood-councils/{own.slug}/meetings/{meeting.public_id}/registrations"
    assert client.get(wrong).status_code == 404
    assert not audit_entries(db, "neighbourhood_councils.registrations.export")


def walk_programme_slug(db, walk):
    from parvis.plugins.neighbourhood_councils.models import Programme

    return db.get(Programme, walk.programme_id).slug


def test_walks_are_announced_on_a_programme_and_take_registrations(
    client, db, site, make_programme, make_account, district_official, districts
):
    programme = make_programme(districts[0])
    login(client, district_official(districts[0]))
    start = (site.now() + timedelta(days=3)).replace(microsecond=0)
    meetings = f"/en/admin/beautify/{programme.slug}/meetings"
    announced = post_meeting(
        client,
        meetings,
        start,
        title="Marche exploratoire",
        kind="walk",
        place="Devant l'école",
        capacity="12",
    )
    assert announced.status_code == 303, announced.text[:2000]
    plenary = post_meeting(client, meetings, start, hours=0, title="x", kind="plenary")
    assert plenary.status_code == 400  # a programme's kinds are walks and workshops
    walk = db.scalar(select(CouncilMeeting).where(CouncilMeeting.programme_id == programme.id))
    assert walk.kind == MeetingKind.WALK and walk.capacity == 12 and walk.council_id is None
    client.cookies.clear()
    login(client, make_account())
    programme_page = client.get(f"/en/beautify/{programme.slug}")
    assert "Marche exploratoire" in programme_page.text and "12 places left" in programme_page.text
    assert client.post(meeting_url(walk) + "/register").status_code == 200
    assert registrations.places_left(db, walk) == 11
    french = client.get(meeting_url(walk, "fr"))
    assert french.status_code == 200 and "Marche exploratoire" in french.text


def test_registrations_are_personal_data(
    db, site, clock, make_council, make_meeting, make_account, districts
):
    meeting = make_meeting(make_council(districts[0]))
    account = make_account()
    person = account.person
    registrations.register(db, site, meeting, person)
    db.commit()
    [section] = [
        s for s in personal_data.export(db, person) if s and s.code == "neighbourhood_councils.registrations"
    ]
    assert [row["meeting"] for row in section.rows] == ["Plénière de l’automne"]
    clock.advance(timedelta(days=8))
    registrations.record_attendance(
        db, site, meeting, {registrations.registration_of(db, meeting, person.id).id}, ["Jo"]
    )
    personal_data.erase(db, person)
    db.commit()
    assert registrations.registration_of(db, meeting, person.id) is None
    assert registrations.attendance(meeting).total == 2  # the counts stay
    assert personal_data.purge(db, site.now())["neighbourhood_councils.registrations"] == 0
    gone = personal_data.purge(db, site.now() + timedelta(days=400))
    assert gone["neighbourhood_councils.registrations"] == 1  # the walk-in's name
    assert db.scalar(select(func.count()).select_from(Registration)) == 0
    assert db.get(Account, account.id) is not None


def test_the_last_place_goes_to_one_resident_when_several_register_at_once(
    db, site, make_council, make_meeting, make_account, districts
):
    from parvis.api import Person
    from parvis.testing import run_concurrently

    meeting_id = make_meeting(make_council(districts[0]), capacity=1).id
    people = [make_account().person_id for _ in range(4)]

    def job_for(person_id):
        def job(session):
            meeting = session.get(CouncilMeeting, meeting_id)
            return registrations.register(session, site, meeting, session.get(Person, person_id)).id

        return job

    results, errors = run_concurrently(site, [job_for(p) for p in people])
    assert len(results) == 1, errors[:3]
    others = {repr(e) for e in errors if not isinstance(e, registrations.MeetingFull)}
    assert not others, others
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Registration)) == 1
