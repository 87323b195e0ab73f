"""Bodies pages: back office rights, forms that refuse bad input, public and members' views."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from parvis.bodies import services
from parvis.bodies.models import Attendance, AttendanceStatus, Body, Meeting, Membership, Term
from parvis.identity import NationalityGroup, Person
from parvis.testing import login


def count(db, model):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model))


def add_person(db, given="Ada", family="Martin", **facts):
    facts.setdefault("birth_date", date(1990, 1, 1))
    facts.setdefault("resident", True)
    facts.setdefault("nationality_group", NationalityGroup.FRENCH)
    p = Person(given_name=given, family_name=family, **facts)
    db.add(p)
    db.commit()
    return p


# -- who may open the back office ---------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/en/admin/bodies", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/en/login?next=/en/admin/bodies")


def test_citizens_get_403_everywhere_in_the_back_office(client, db, login_as, council):
    login_as()
    assert client.get("/en/admin/bodies").status_code == 403
    assert client.get(f"/en/admin/bodies/{council.slug}/members").status_code == 403
    response = client.post(
        f"/en/admin/bodies/{council.slug}/terms",
        data={"label": "X", "starts_on": "2027-01-01", "ends_on": "2027-12-31"},
    )
    assert response.status_code == 403
    assert count(db, Term) == 1


def test_members_of_a_body_do_not_manage_it(client, db, site, login_as, council):
    account = login_as()
    services.add_member(db, site, council, council.terms[0], account.person)
    db.commit()
    assert client.get(f"/en/admin/bodies/{council.slug}").status_code == 403


def test_a_body_official_manages_their_body_only(client, db, site, login_as, council):
    other = services.create_body(db, site, "sample_council", "Other council")
    db.commit()
    login_as(body_roles={council.id: "official"})
    listing = client.get("/en/admin/bodies")
    assert listing.status_code == 200
    assert council.name in listing.text
    assert "Other council" not in listing.text
    assert "Create a body" not in listing.text
    assert client.get(f"/en/admin/bodies/{council.slug}/terms").status_code == 200
    ok = client.post(
        f"/en/admin/bodies/{council.slug}/terms",
        data={"label": "2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    assert client.get(f"/en/admin/bodies/{other.slug}/terms").status_code == 403
    refused = client.post(
        f"/en/admin/bodies/{other.slug}/terms",
        data={"label": "2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31"},
    )
    assert refused.status_code == 403
    # Ids of another body's rows are not reachable through one's own body.
    other_term = services.add_term(db, other, "T", date(2026, 1, 1), date(2026, 12, 31))
    db.commit()
    assert client.get(f"/en/admin/bodies/{council.slug}/terms/{other_term.id}").status_code == 404
    assert client.get("/en/admin/bodies/new").status_code == 403
    assert [t.label for t in db.scalars(select(Term).where(Term.body_id == other.id))] == ["T"]


# -- creating and editing -------------------------------------------------------------------------


def test_an_official_creates_a_body_from_a_kind(client, db, login_as):
    login_as("official")
    form = client.get("/en/admin/bodies/new")
    assert form.status_code == 200
    assert "Sample council" in form.text
    bad = client.post("/en/admin/bodies/new", data={"kind": "nope", "name": ""})
    assert bad.status_code == 400
    assert "Choose among the options shown" in bad.text
    assert "This field is required" in bad.text
    assert count(db, Body) == 0
    response = client.post(
        "/en/admin/bodies/new",
        data={"kind": "sample_council", "name": "Conseil des Échantillons", "description": "Hello"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/en/admin/bodies/conseil-des-echantillons"
    body = db.scalar(select(Body))
    assert [c.code for c in body.colleges] == ["a", "b"]
    page = client.get(response.headers["location"])
    assert "is created" in page.text
    assert "Drawn residents" in page.text


def test_editing_a_body_keeps_its_address(client, db, login_as, council):
    login_as("official")
    response = client.post(
        f"/en/admin/bodies/{council.slug}",
        data={"name": "Renamed", "description": "New text", "eligibility": ""},
        follow_redirects=False,
    )
    assert response.status_code == 303
    db.expire_all()
    body = db.get(Body, council.id)
    assert (body.name, body.slug, body.active, body.eligibility) == ("Renamed", council.slug, False, None)
    bad = client.post(f"/en/admin/bodies/{council.slug}", data={"name": "", "eligibility": "unknown"})
    assert bad.status_code == 400
    db.expire_all()
    assert db.get(Body, council.id).name == "Renamed"


def test_term_dates_are_checked_and_messages_translated(client, db, login_as, council):
    login_as("official")
    path = f"/en/admin/bodies/{council.slug}/terms"
    bad = client.post(path, data={"label": "2027", "starts_on": "2027-06-01", "ends_on": "2027-01-01"})
    assert bad.status_code == 400
    assert "The end date must be after the start date." in bad.text
    assert 'value="2027"' in bad.text
    duplicate = client.post(path, data={"label": "2026", "starts_on": "2030-01-01", "ends_on": "2030-12-31"})
    assert duplicate.status_code == 400
    assert "already has a term with this label" in duplicate.text
    french = client.post(
        f"/fr/admin/bodies/{council.slug}/terms",
        data={"label": "2027", "starts_on": "2027-06-01", "ends_on": "2027-01-01"},
    )
    assert french.status_code == 400
    assert "La date de fin doit être postérieure à la date de début." in french.text
    assert count(db, Term) == 1


def test_colleges_are_edited_with_seats_shown_as_filled(client, db, site, login_as, council):
    login_as("official")
    services.add_member(db, site, council, council.terms[0], add_person(db), college=council.colleges[0])
    db.commit()
    page = client.get(f"/en/admin/bodies/{council.slug}/colleges")
    assert "1 / 3 filled" in page.text
    negative = client.post(
        f"/en/admin/bodies/{council.slug}/colleges",
        data={"code": "c", "name": "C", "seats": "-2", "fill_method": "lot"},
    )
    assert negative.status_code == 400
    assert "at least 0" in negative.text
    added = client.post(
        f"/en/admin/bodies/{council.slug}/colleges",
        data={"code": "c", "name": "Youth", "seats": "5", "fill_method": "lot", "eligibility": "resident_16"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    db.expire_all()
    assert [c.code for c in db.get(Body, council.id).colleges] == ["a", "b", "c"]


def _editable(db, site, body, what):
    """The edit page of one item of each kind, with a bad and a good submission for it."""
    if what == "terms":
        item = body.terms[0]
        good = {"label": "Renamed", "starts_on": "2026-01-01", "ends_on": "2027-06-30"}
        return f"terms/{item.id}", {**good, "ends_on": "2025-01-01"}, good, "Edit the term 2026"
    if what == "colleges":
        item = body.colleges[0]
        good = {"code": item.code, "name": "Renamed", "seats": "4", "fill_method": "lot"}
        return f"colleges/{item.id}", {**good, "seats": "-1"}, good, f"Edit the college {item.name}"
    if what == "groups":
        item = services.add_group(db, site, body, name="Atelier", kind="deliberation")
        db.commit()
        good = {"name": "Renamed", "kind": "deliberation"}
        return f"groups/{item.id}", {**good, "name": ""}, good, "Edit the group Atelier"
    item = services.add_meeting(
        db,
        site,
        body,
        title="Plénière",
        starts_at=datetime(2030, 6, 12, 16, tzinfo=UTC),
        ends_at=datetime(2030, 6, 12, 18, tzinfo=UTC),
    )
    db.commit()
    good = {
        "title": "Renamed",
        "kind": "meeting",
        "starts_at": "2030-06-12T18:00",
        "ends_at": "2030-06-12T20:00",
    }
    path = f"meetings/{item.public_id}"
    return path, {**good, "ends_at": "2030-06-12T17:00"}, good, "Edit the meeting Plénière"


@pytest.mark.parametrize("section", ["terms", "colleges", "groups", "meetings"])
def test_items_are_edited_and_bad_edits_shown_again(client, db, site, login_as, council, section):
    login_as("official")
    item_path, bad, good, heading = _editable(db, site, council, section)
    path = f"/en/admin/bodies/{council.slug}/{item_path}"
    form = client.get(path)
    assert form.status_code == 200
    assert heading in form.text
    refused = client.post(path, data=bad)
    assert refused.status_code == 400
    assert heading in refused.text, "the form comes back under its heading, not the new values"
    assert 'aria-invalid="true"' in refused.text
    saved = client.post(path, data=good, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/en/admin/bodies/{council.slug}/{section}"
    assert 'value="Renamed"' in client.get(path).text


# -- members --------------------------------------------------------------------------------------


def test_people_search_works_without_and_with_htmx(client, db, login_as, council):
    login_as("official")
    add_person(db, "Camille", "Moreau", email="camille.m@example.org")
    path = f"/en/admin/bodies/{council.slug}/members"
    plain = client.get(path, params={"q": "camil"})
    assert plain.status_code == 200
    assert "Camille Moreau" in plain.text
    assert "<html" in plain.text
    partial = client.get(path, params={"q": "moreau"}, headers={"hx-request": "true"})
    assert "Camille Moreau" in partial.text
    assert "<html" not in partial.text
    assert 'id="person-results"' in partial.text
    nobody = client.get(path, params={"q": "zzz"})
    assert "Nobody matches" in nobody.text


def test_adding_members_up_to_the_seats(client, db, login_as, council):
    login_as("official")
    ada, bea = add_person(db, "Ada"), add_person(db, "Bea")
    appointed = next(c for c in council.colleges if c.code == "b")
    term = council.terms[0]
    path = f"/en/admin/bodies/{council.slug}/members"
    data = {"term": str(term.id), "role": "member", "college": str(appointed.id), "status": "active"}
    missing = client.post(path, data=data)
    assert missing.status_code == 400
    assert "Choose a person among the search results" in missing.text
    ok = client.post(path, data={**data, "person": ada.public_id}, follow_redirects=False)
    assert ok.status_code == 303
    page = client.get(ok.headers["location"])
    assert "Ada Martin is added" in page.text
    assert "1 / 1 filled" in page.text
    full = client.post(path, data={**data, "person": bea.public_id, "q": "Bea"})
    assert full.status_code == 400
    assert "All 1 seats of Appointed are filled for the term 2026." in full.text
    assert count(db, Membership) == 1


def test_an_ineligible_person_is_refused_with_the_conditions(client, db, login_as, council):
    login_as("official")
    kid = add_person(db, "Kid", birth_date=date(2014, 1, 1), resident=False)
    response = client.post(
        f"/en/admin/bodies/{council.slug}/members",
        data={
            "person": kid.public_id,
            "term": str(council.terms[0].id),
            "role": "member",
            "status": "active",
        },
    )
    assert response.status_code == 400
    assert "does not meet the conditions" in response.text
    assert "You must be at least 16 years old." in response.text
    assert "You must live in the city." in response.text
    assert count(db, Membership) == 0


def test_a_membership_is_edited_and_removed(client, db, site, login_as, council):
    login_as("official")
    member = services.add_member(db, site, council, council.terms[0], add_person(db))
    db.commit()
    path = f"/en/admin/bodies/{council.slug}/members/{member.id}"
    assert client.get(path).status_code == 200
    reserved = client.post(path, data={"role": "official", "status": "active"})
    assert reserved.status_code == 400
    ok = client.post(path, data={"role": "spokesperson", "status": "left"}, follow_redirects=False)
    assert ok.status_code == 303
    db.expire_all()
    assert (db.get(Membership, member.id).role, db.get(Membership, member.id).status.value) == (
        "spokesperson",
        "left",
    )
    assert client.post(f"{path}/delete", follow_redirects=False).status_code == 303
    assert count(db, Membership) == 0


# -- groups, meetings, attendance -------------------------------------------------------------------


def test_groups_and_meetings_are_added(client, db, login_as, council):
    login_as("official")
    base = f"/en/admin/bodies/{council.slug}"
    group = client.post(
        f"{base}/groups",
        data={"name": "Atelier", "kind": "deliberation", "open_to_all_members": "1"},
        follow_redirects=False,
    )
    assert group.status_code == 303
    db.expire_all()
    group_id = db.get(Body, council.id).groups[0].id
    meeting = {
        "title": "Plénière",
        "kind": "plenary",
        "group": str(group_id),
        "starts_at": "2030-06-12T18:30",
        "ends_at": "2030-06-12T18:00",
        "place": "Hôtel de Ville",
        "public": "1",
    }
    bad = client.post(f"{base}/meetings", data=meeting)
    assert bad.status_code == 400
    assert "The end must be after the start." in bad.text
    assert count(db, Meeting) == 0
    ok = client.post(
        f"{base}/meetings", data={**meeting, "ends_at": "2030-06-12T21:00"}, follow_redirects=False
    )
    assert ok.status_code == 303
    saved = db.scalar(select(Meeting))
    # Entered in the site's time zone (Paris, summer time), stored in UTC.
    assert saved.starts_at == datetime(2030, 6, 12, 16, 30, tzinfo=UTC)
    assert saved.group_id == group_id


def test_attendance_is_saved_at_once(client, db, site, login_as, council):
    login_as("official")
    ada, bea = add_person(db, "Ada"), add_person(db, "Bea")
    for p in (ada, bea):
        services.add_member(db, site, council, council.terms[0], p)
    meeting = services.add_meeting(
        db,
        site,
        council,
        title="Plenary",
        kind="plenary",
        starts_at=datetime(2026, 3, 5, 17, 0, tzinfo=UTC),
        ends_at=datetime(2026, 3, 5, 20, 0, tzinfo=UTC),
    )
    db.commit()
    path = f"/en/admin/bodies/{council.slug}/meetings/{meeting.public_id}/attendance"
    page = client.get(path)
    assert page.status_code == 200
    assert "Ada Martin" in page.text
    assert "Bea Martin" in page.text
    bad = client.post(path, data={f"status-{ada.public_id}": "present", f"status-{bea.public_id}": "asleep"})
    assert bad.status_code == 400
    assert count(db, Attendance) == 0
    ok = client.post(
        path,
        data={f"status-{ada.public_id}": "present", f"status-{bea.public_id}": "excused"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    assert services.attendance_of(db, meeting) == {
        ada.id: AttendanceStatus.PRESENT,
        bea.id: AttendanceStatus.EXCUSED,
    }
    assert 'value="excused" id="a-2-' in client.get(path).text.replace(" checked", "")


# -- public pages -----------------------------------------------------------------------------------


def test_public_page_shows_composition_and_hides_members(client, db, site, make_account, council):
    member_account = make_account()
    services.add_member(
        db, site, council, council.terms[0], member_account.person, college=council.colleges[0]
    )
    db.commit()
    page = client.get(f"/en/bodies/{council.slug}")
    assert page.status_code == 200
    assert "Conseil des Échantillons" in page.text
    assert "Members sit for one year." in page.text
    assert "1 / 3 filled" in page.text
    assert member_account.person.full_name not in page.text

    login(client, member_account)
    inside = client.get(f"/en/bodies/{council.slug}")
    assert "Only the members of this body" in inside.text
    assert inside.text.count(member_account.person.full_name) >= 1


def test_meeting_times_are_shown_in_paris_time(client, db, site, council):
    services.add_meeting(
        db,
        site,
        council,
        title="Plénière publique",
        kind="plenary",
        starts_at=datetime(2030, 6, 12, 16, 30, tzinfo=UTC),
        ends_at=datetime(2030, 6, 12, 19, 0, tzinfo=UTC),
        place="Hôtel de Ville",
        public=True,
    )
    services.add_meeting(
        db,
        site,
        council,
        title="Réunion interne",
        starts_at=datetime(2030, 6, 13, 16, 30, tzinfo=UTC),
        ends_at=datetime(2030, 6, 13, 19, 0, tzinfo=UTC),
    )
    db.commit()
    french = client.get(f"/fr/bodies/{council.slug}")
    assert "Plénière publique" in french.text
    assert "mercredi 12 juin 2030" in french.text
    assert "18:30" in french.text
    assert "21:00" in french.text
    assert "Réunion interne" not in french.text
    english = client.get(f"/en/bodies/{council.slug}")
    assert "Wednesday, June 12, 2030" in english.text
    assert "6:30" in english.text


def test_members_see_private_meetings_and_their_attendance(client, db, site, make_account, council):
    account = make_account()
    services.add_member(db, site, council, council.terms[0], account.person)
    private = services.add_meeting(
        db,
        site,
        council,
        title="Réunion interne",
        starts_at=datetime(2026, 3, 5, 17, 0, tzinfo=UTC),
        ends_at=datetime(2026, 3, 5, 19, 0, tzinfo=UTC),
    )
    services.record_attendance(db, private, {account.person_id: "present"})
    db.commit()
    path = f"/en/bodies/{council.slug}/meetings"
    assert "Réunion interne" not in client.get(path).text
    assert client.get(f"{path}/{private.public_id}", follow_redirects=False).status_code == 303

    login(client, account)
    mine = client.get(path)
    assert "Réunion interne" in mine.text
    assert "Your attendance: Present" in mine.text
    assert client.get(f"{path}/{private.public_id}").status_code == 200


def test_inactive_or_unknown_bodies_are_not_found(client, db, council):
    council.active = False
    db.commit()
    assert client.get(f"/en/bodies/{council.slug}").status_code == 404
    assert client.get("/en/bodies/nothing-here").status_code == 404
