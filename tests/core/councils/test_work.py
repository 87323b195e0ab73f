"""The council's work: referrals, hearings, the annual report, and spaces open to all councils."""

from datetime import UTC, datetime, timedelta

import pytest

from parvis.bodies import services
from parvis.bodies.models import AttendanceStatus, MembershipStatus
from parvis.councils import hearings, referrals, report, shared
from parvis.councils.errors import CouncilRefused
from parvis.decisions import authoring, transitions
from parvis.testing import login


def test_referrals_register(db, body, today):
    mayor = referrals.add_referral(db, body, origin="mayor", title="Santé mentale", received_on=today)
    referrals.add_referral(
        db, body, origin="self", title="Logement", received_on=today.replace(year=today.year - 1)
    )
    assert [r.title for r in referrals.referrals(db, body, year=today.year)] == ["Santé mentale"]
    with pytest.raises(CouncilRefused):
        referrals.add_referral(db, body, origin="nobody", title="X", received_on=today)
    with pytest.raises(CouncilRefused):
        referrals.update_referral(db, mayor, status="lost")


def test_a_referral_is_answered_by_an_output_of_the_same_body(db, site, body, term, official, today):
    referral = referrals.add_referral(db, body, origin="mayor", title="Santé", received_on=today)
    opinion = authoring.create_decision(
        db, site, body=body, term=term, decision_type="opinion", title="Avis", actor=official
    )
    referrals.update_referral(db, referral, status="answered", decision=opinion)
    assert referral.decision_id == opinion.id
    other = services.create_body(db, site, "sample_council", "Autre conseil")
    other_term = services.add_term(db, other, "t", term.starts_on, term.ends_on)
    foreign = authoring.create_decision(
        db, site, body=other, term=other_term, decision_type="opinion", title="Ailleurs", actor=official
    )
    with pytest.raises(CouncilRefused):
        referrals.update_referral(db, referral, status="answered", decision=foreign)


def at(day, hour=18):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_hearings_keep_their_guests_in_order(db, site, body, today):
    meeting = hearings.add_hearing(
        db,
        site,
        body,
        title="Audition",
        starts_at=at(today),
        ends_at=at(today, 20),
        guests=[("A", "Org A", "Sujet A"), ("B", "", "")],
    )
    hearings.add_guest(db, meeting, name="C")
    with pytest.raises(CouncilRefused):
        hearings.add_guest(db, meeting, name=" ")
    guests = hearings.guests_of(db, [meeting])[meeting.id]
    assert [(g.name, g.position) for g in guests] == [("A", 1), ("B", 2), ("C", 3)]
    hearings.remove_guest(db, guests[1])
    hearings.record_minutes(db, meeting, "  Compte rendu.  ")
    assert meeting.minutes == "Compte rendu."
    assert meeting.kind == "hearing"
    assert hearings.hearings(db, body) == [meeting]


def test_the_annual_report_gathers_the_year(db, site, body, term, official, today):
    referrals.add_referral(db, body, origin="mayor", title="Cette année", received_on=today)
    referrals.add_referral(
        db, body, origin="mayor", title="L'an dernier", received_on=today - timedelta(days=400)
    )
    hearings.add_hearing(
        db, site, body, title="Audition", starts_at=at(today), ends_at=at(today, 20), guests=[("A", "B", "C")]
    )
    opinion = authoring.create_decision(
        db, site, body=body, term=term, decision_type="opinion", title="Avis", actor=official
    )
    draft = authoring.create_decision(
        db, site, body=body, term=term, decision_type="opinion", title="Brouillon", actor=official
    )
    voeu = authoring.create_decision(
        db, site, body=body, term=term, decision_type="voeu", title="Vœu", actor=official
    )
    for decision in (opinion, voeu):
        decision.state = "validated"
    db.flush()
    transitions.transition(db, site, opinion, "transmitted", official)
    transitions.transition(db, site, voeu, "submitted", official)
    found = report.build(db, site, body, today.year)
    assert [r.title for r in found.referrals] == ["Cette année"]
    assert [h.title for h in found.hearings] == ["Audition"]
    assert [g.name for g in found.guests[found.hearings[0].id]] == ["A"]
    assert [d.title for d in found.outputs] == ["Avis"]
    assert draft not in found.outputs
    assert [d.title for d in found.voeux] == ["Vœu"]
    last_year = report.build(db, site, body, today.year - 1)
    assert [r.title for r in last_year.referrals] == ["L'an dernier"]
    assert (last_year.hearings, last_year.outputs, last_year.voeux) == ([], [], [])


@pytest.fixture
def monitoring(db, site, body, today):
    """A group of the sample council, open to all councils, with a session tomorrow."""
    group = services.add_group(db, site, body, name="Espace de suivi et d'interpellation", kind="workshop")
    shared.open_to_all_councils(db, group)
    start = at(today + timedelta(days=1))
    session = services.add_meeting(
        db,
        site,
        body,
        title="Interpellation des élus",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        group=group,
    )
    db.commit()
    return session


@pytest.fixture
def other_member(db, site, make_account, today):
    """An active member of another body (a plain body), this year."""
    other = services.create_body(db, site, "plain_body", "Conseil de quartier")
    term = services.add_term(db, other, "now", today - timedelta(days=10), today + timedelta(days=300))
    account = make_account()
    services.add_member(db, site, other, term, account.person)
    db.commit()
    return account


def test_members_of_other_bodies_see_and_may_attend_open_sessions(
    db, site, monitoring, other_member, make_account, today
):
    assert shared.is_shared(db, monitoring.group_id)
    assert shared.sessions(db, other_member.person_id, after=at(today, 0), today=today) == [monitoring]
    assert shared.may_attend(db, other_member.person_id, monitoring)
    outsider = make_account()
    assert shared.sessions(db, outsider.person_id, after=at(today, 0), today=today) == []
    assert not shared.may_attend(db, outsider.person_id, monitoring)
    with pytest.raises(CouncilRefused):
        shared.record_guest_attendance(db, monitoring, outsider.person_id, AttendanceStatus.PRESENT)
    shared.record_guest_attendance(db, monitoring, other_member.person_id, AttendanceStatus.PRESENT)
    assert services.attendance_of(db, monitoring) == {other_member.person_id: AttendanceStatus.PRESENT}


def test_a_closed_space_or_an_invited_member_gives_no_access(db, site, monitoring, other_member, today):
    shared.close_to_councils(db, monitoring.group)
    assert not shared.may_attend(db, other_member.person_id, monitoring)
    shared.open_to_all_councils(db, monitoring.group)
    for m in services.members(db, services.body_by_slug(db, "conseil-de-quartier")):
        m.status = MembershipStatus.INVITED
    db.flush()
    assert not shared.may_attend(db, other_member.person_id, monitoring)


def test_open_session_pages(client, db, monitoring, other_member, make_account):
    login(client, other_member)
    listing = client.get("/en/councils/open-sessions")
    assert "Interpellation des élus" in listing.text
    detail = client.get(f"/en/councils/open-sessions/{monitoring.public_id}")
    assert detail.status_code == 200
    assert "no registration is needed" in detail.text
    early = client.post(f"/en/councils/open-sessions/{monitoring.public_id}/attend", follow_redirects=False)
    assert early.status_code == 303
    assert services.attendance_of(db, monitoring) == {}
    monitoring.starts_at = datetime.now(UTC) - timedelta(minutes=10)
    db.commit()
    client.post(f"/en/councils/open-sessions/{monitoring.public_id}/attend")
    db.expire_all()
    assert services.attendance_of(db, monitoring) == {other_member.person_id: AttendanceStatus.PRESENT}


def test_open_sessions_are_hidden_from_non_members(client, monitoring, login_as):
    login_as()
    assert "not a member" in client.get("/en/councils/open-sessions").text
    assert client.get(f"/en/councils/open-sessions/{monitoring.public_id}").status_code == 404
    assert client.post(f"/en/councils/open-sessions/{monitoring.public_id}/attend").status_code == 404
