"""The bodies services plugins call from Python: every rule refuses before changing anything."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from parvis.bodies import services
from parvis.bodies.models import AttendanceStatus, Body, College, Membership, MembershipStatus
from parvis.bodies.services import BodyError
from parvis.i18n import use_locale
from parvis.identity import NationalityGroup, Person


@pytest.fixture(autouse=True)
def english():
    with use_locale("en"):
        yield


def person(db, given="Ada", family="Martin", **facts):
    facts.setdefault("birth_date", date(1990, 1, 1))
    facts.setdefault("resident", True)
    facts.setdefault("nationality_group", NationalityGroup.FRENCH)
    p = Person(given_name=given, family_name=family, **facts)
    db.add(p)
    db.flush()
    return p


def test_slugs_are_ascii_and_unique(db, site):
    assert services.slugify("Conseil des Européens de Paris") == "conseil-des-europeens-de-paris"
    first = services.create_body(db, site, "sample_council", "Conseil parisien")
    second = services.create_body(db, site, "sample_council", "Conseil  parisien!")
    japanese = services.create_body(db, site, "sample_council", "市民会議")
    reserved = services.create_body(db, site, "sample_council", "New")
    assert (first.slug, second.slug) == ("conseil-parisien", "conseil-parisien-2")
    assert japanese.slug == "body"
    assert reserved.slug == "new-body"


def test_body_is_created_with_the_kinds_colleges_and_rule(db, site):
    body = services.create_body(db, site, "sample_council", "Sample", "About it")
    db.commit()
    assert body.eligibility == "resident_16"
    assert [(c.code, c.seats, c.fill_method.value, c.eligibility) for c in body.colleges] == [
        ("a", 3, "lot", None),
        ("b", 1, "appointment", "resident_16"),
    ]


def test_unknown_kind_is_refused(db, site):
    with pytest.raises(BodyError) as refused:
        services.create_body(db, site, "nope", "Nope")
    assert refused.value.field == "kind"
    assert db.scalar(select(func.count()).select_from(Body)) == 0


def test_terms_end_after_start_and_labels_are_unique(db, council):
    with pytest.raises(BodyError) as refused:
        services.add_term(db, council, "2027", date(2027, 6, 1), date(2027, 6, 1))
    assert refused.value.field == "ends_on"
    with pytest.raises(BodyError) as refused:
        services.add_term(db, council, "2026", date(2027, 1, 1), date(2027, 12, 31))
    assert refused.value.field == "label"
    later = services.add_term(db, council, "2027", date(2027, 1, 1), date(2027, 12, 31))
    with pytest.raises(BodyError):
        services.update_term(db, later, label="2026", starts_on=later.starts_on, ends_on=later.ends_on)
    assert [t.label for t in council.terms] == ["2026", "2027"]


def test_colleges_validate_code_seats_and_rule(db, site, council):
    with pytest.raises(BodyError) as refused:
        services.add_college(db, site, council, code="a", name="Again", seats=1, fill_method="lot")
    assert refused.value.field == "code"
    with pytest.raises(BodyError) as refused:
        services.add_college(db, site, council, code="c", name="C", seats=-1, fill_method="lot")
    assert refused.value.field == "seats"
    with pytest.raises(BodyError) as refused:
        services.add_college(
            db, site, council, code="c", name="C", seats=1, fill_method="lot", eligibility="unknown"
        )
    assert refused.value.field == "eligibility"
    college = services.add_college(
        db, site, council, code="c", name="Youth", seats=5, fill_method="parity_draw"
    )
    assert college.fill_method.value == "parity_draw"


def test_seat_limit_counts_active_and_invited_members(db, site, council):
    term = council.terms[0]
    appointed = next(c for c in council.colleges if c.code == "b")
    first = services.add_member(
        db, site, council, term, person(db, "Ada"), college=appointed, status="invited"
    )
    assert services.seats_taken(db, appointed, term) == 1
    with pytest.raises(BodyError) as refused:
        services.add_member(db, site, council, term, person(db, "Bea"), college=appointed)
    assert refused.value.field == "college"
    assert "All 1 seats of Appointed are filled" in refused.value.message
    services.update_member(
        db, site, first, role="member", college=appointed, status=MembershipStatus.DECLINED
    )
    services.add_member(db, site, council, term, person(db, "Cy"), college=appointed)
    assert services.seat_counts(db, council, term)[appointed.id] == 1


def test_lowering_seats_below_the_members_is_refused(db, site, council):
    term = council.terms[0]
    drawn = council.colleges[0]
    for name in ("A", "B"):
        services.add_member(db, site, council, term, person(db, name), college=drawn)
    with pytest.raises(BodyError) as refused:
        services.update_college(db, site, drawn, code="a", name=drawn.name, seats=1, fill_method="lot")
    assert refused.value.field == "seats"
    assert drawn.seats == 3


def test_ineligible_person_is_refused_with_the_failed_conditions(db, site, council):
    term = council.terms[0]
    child = person(db, "Kid", birth_date=date(2015, 3, 1), resident=False)
    with pytest.raises(BodyError) as refused:
        services.add_member(db, site, council, term, child)
    assert refused.value.field == "person"
    assert refused.value.details == ["You must be at least 16 years old.", "You must live in the city."]
    # Checked on the term's start date: 16 on 2026-01-01, not later in the year.
    almost = person(db, "Teen", birth_date=date(2010, 6, 1))
    with pytest.raises(BodyError):
        services.add_member(db, site, council, term, almost)
    assert db.scalar(select(func.count()).select_from(Membership)) == 0


def test_a_rule_missing_from_the_configuration_refuses_everyone(db, site):
    forum = services.create_body(db, site, "open_forum", "Forum")
    term = services.add_term(db, forum, "T1", date(2026, 1, 1), date(2026, 6, 30))
    with pytest.raises(BodyError) as refused:
        services.add_member(db, site, forum, term, person(db), college=forum.colleges[0])
    assert "no_such_rule" in refused.value.message


def test_roles_come_from_the_kind_and_never_grant_powers(db, site, council):
    term = council.terms[0]
    with pytest.raises(BodyError) as refused:
        services.add_member(db, site, council, term, person(db, "Eve"), role="official")
    assert refused.value.field == "role"
    member = services.add_member(db, site, council, term, person(db, "Sam"), role="spokesperson")
    assert member.role == "spokesperson"
    with pytest.raises(BodyError) as refused:
        services.add_member(db, site, council, term, member.person)
    assert refused.value.field == "person"


def test_colleges_of_another_body_are_refused(db, site, council):
    other = services.create_body(db, site, "sample_council", "Other")
    with pytest.raises(BodyError) as refused:
        services.add_member(db, site, council, council.terms[0], person(db), college=other.colleges[0])
    assert refused.value.field == "college"


def test_attendance_is_saved_for_the_members_active_that_day(db, site, council):
    term = council.terms[0]
    overlapping = services.add_term(db, council, "2026-27", date(2026, 9, 1), date(2027, 8, 31))
    ada, bea, cy, dan = (person(db, n) for n in ("Ada", "Bea", "Cy", "Dan"))
    services.add_member(db, site, council, term, ada)
    services.add_member(db, site, council, overlapping, ada)  # in both terms: one row
    services.add_member(db, site, council, overlapping, bea)
    services.add_member(db, site, council, term, cy, status="left")
    services.add_member(db, site, council, term, dan, ends_on=date(2026, 9, 30))
    meeting = services.add_meeting(
        db,
        site,
        council,
        title="Plenary",
        kind="plenary",
        starts_at=datetime(2026, 10, 2, 16, 30, tzinfo=UTC),
        ends_at=datetime(2026, 10, 2, 19, 0, tzinfo=UTC),
    )
    expected = services.expected_attendees(db, meeting)
    assert [m.person.given_name for m in expected] == ["Ada", "Bea"]
    services.record_attendance(db, meeting, {ada.id: "present", bea.id: AttendanceStatus.EXCUSED})
    db.commit()
    assert services.attendance_of(db, meeting) == {
        ada.id: AttendanceStatus.PRESENT,
        bea.id: AttendanceStatus.EXCUSED,
    }
    services.record_attendance(db, meeting, {ada.id: "absent", bea.id: None})
    assert services.attendance_of(db, meeting) == {ada.id: AttendanceStatus.ABSENT}
    with pytest.raises(BodyError):
        services.record_attendance(db, meeting, {cy.id: "present"})
    with pytest.raises(BodyError):
        services.record_attendance(db, meeting, {ada.id: "asleep"})


def test_meetings_end_after_start_and_use_the_bodys_groups(db, site, council):
    start = datetime(2026, 3, 5, 17, 0, tzinfo=UTC)
    with pytest.raises(BodyError) as refused:
        services.add_meeting(db, site, council, title="M", starts_at=start, ends_at=start)
    assert refused.value.field == "ends_at"
    other = services.create_body(db, site, "sample_council", "Other")
    foreign = services.add_group(db, site, other, name="Their workshop", kind="working_group")
    with pytest.raises(BodyError) as refused:
        services.add_meeting(
            db, site, council, title="M", starts_at=start, ends_at=start.replace(hour=19), group=foreign
        )
    assert refused.value.field == "group"
    with pytest.raises(BodyError) as refused:
        services.add_group(db, site, council, name="G", kind="unknown")
    assert refused.value.field == "kind"
    group = services.add_group(db, site, council, name="Deliberation", kind="deliberation")
    assert group.slug == "deliberation"


def test_search_people_matches_every_word(db):
    person(db, "Camille", "Moreau", email="camille@example.org")
    person(db, "Camille", "Diallo")
    person(db, "Hugo", "Moreau")
    assert [p.family_name for p in services.search_people(db, "camille")] == ["Diallo", "Moreau"]
    assert [p.given_name for p in services.search_people(db, "moreau CAM")] == ["Camille"]
    assert services.search_people(db, "100%") == []
    assert services.search_people(db, "   ") == []


def test_deleting_a_term_or_college_with_members_is_refused(db, site, council):
    term = council.terms[0]
    drawn = council.colleges[0]
    services.add_member(db, site, council, term, person(db), college=drawn)
    with pytest.raises(BodyError):
        services.delete_term(db, term)
    with pytest.raises(BodyError):
        services.delete_college(db, drawn)
    assert db.get(College, drawn.id) is not None
