"""Compensation: the rate in force on the meeting's day, half-days by kind of meeting, statements
per member and period, exports for the finance department that never pay twice."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from parvis.bodies import services as bodies
from parvis.bodies.models import AttendanceStatus, MembershipStatus
from parvis.identity import Person
from parvis.plugins.assembly.services import compensation
from parvis.plugins.assembly.services.common import AssemblyError


def test_the_rate_in_force_on_the_day_applies(db, site, promotion, official):
    table = compensation.rate_table(db, site, promotion.body)
    assert [(r.effective_from, r.half_day_cents) for r in table] == [
        (date(2021, 9, 1), 4400),
        (date(2024, 9, 1), 5000),
    ]
    assert compensation.rate_on(table, date(2023, 6, 1)) == 4400
    assert compensation.rate_on(table, date(2024, 9, 1)) == 5000
    assert compensation.rate_on(table, date(2020, 1, 1)) is None
    compensation.add_rate(
        db,
        site,
        promotion.body,
        effective_from=date(2026, 1, 1),
        half_day_cents=5200,
        note="",
        actor=official,
    )
    table = compensation.rate_table(db, site, promotion.body)
    assert [r.half_day_cents for r in table] == [4400, 5000, 5200]  # the settings' history was copied
    with pytest.raises(AssemblyError, match="already starts"):
        compensation.add_rate(
            db,
            site,
            promotion.body,
            effective_from=date(2026, 1, 1),
            half_day_cents=1,
            note="",
            actor=official,
        )


def test_periods():
    assert compensation.period_of(date(2026, 11, 27), "month") == (date(2026, 11, 1), date(2026, 11, 30))
    assert compensation.period_of(date(2026, 12, 3), "quarter") == (date(2026, 10, 1), date(2026, 12, 31))
    assert compensation.period_label(date(2026, 10, 1), "quarter") == "2026-T4"
    assert compensation.euros(5000, comma=True) == "50,00"
    assert compensation.euros(123456, comma=False) == "1234.56"


@pytest.fixture
def past_promotion(make_promotion):
    return make_promotion("2025-26", starts_in=-120, days=300)


def _meeting(db, site, promotion, kind, day, title):
    start = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=17)
    return bodies.add_meeting(
        db, site, promotion.body, title=title, kind=kind, starts_at=start, ends_at=start + timedelta(hours=3)
    )


def test_statement_and_exports(db, site, past_promotion, official):
    promotion = past_promotion
    ada = Person(given_name="Ada", family_name="=Lovelace", resident=True, birth_date=date(1980, 1, 1))
    bob = Person(given_name="Bob", family_name="Martin", resident=True, birth_date=date(1980, 1, 1))
    db.add_all([ada, bob])
    db.flush()
    for person in (ada, bob):
        bodies.add_member(db, site, promotion.body, promotion.term, person, status=MembershipStatus.ACTIVE)
    first = promotion.term.starts_on + timedelta(days=3)
    month = compensation.period_of(first, "month")[0]
    evening = _meeting(db, site, promotion, "workshop", first, "Atelier (vendredi)")
    saturday = _meeting(db, site, promotion, "workshop_day", first + timedelta(days=1), "Atelier (samedi)")
    space = _meeting(db, site, promotion, "monitoring_session", first + timedelta(days=2), "Suivi")
    bodies.record_attendance(
        db, evening, {ada.id: AttendanceStatus.PRESENT, bob.id: AttendanceStatus.EXCUSED}
    )
    bodies.record_attendance(
        db, saturday, {ada.id: AttendanceStatus.PRESENT, bob.id: AttendanceStatus.PRESENT}
    )
    bodies.record_attendance(db, space, {ada.id: AttendanceStatus.PRESENT})
    db.commit()
    periods = compensation.statement(db, site, promotion, ada.id)
    assert len(periods) == 1
    assert periods[0].half_days == 3  # the evening 1 + the Saturday 2; the Monitoring space is not paid
    assert periods[0].cents == 3 * 5000
    batch = compensation.export(db, site, promotion, month, actor=official)
    db.commit()
    assert batch.total_cents == 3 * 5000 + 2 * 5000
    rows = list(
        csv.reader(
            io.StringIO(compensation.batch_csv(site, promotion, batch).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][0] == "Lot"  # French headers for the finance department
    by_name = {row[5]: row for row in rows[1:]}
    assert by_name["Ada"][6:] == ["3", "150,00"]
    assert by_name["Ada"][4] == "'=Lovelace"  # no formula injection
    assert by_name["Bob"][6:] == ["2", "100,00"]
    with pytest.raises(AssemblyError, match="Nothing new"):
        compensation.export(db, site, promotion, month, actor=official)
    # a late correction: Bob was in fact present on Friday evening -> a supplementary line only
    bodies.record_attendance(db, evening, {bob.id: AttendanceStatus.PRESENT})
    extra = compensation.export(db, site, promotion, month, actor=official)
    assert [(line.person_id, line.half_days, line.cents) for line in extra.lines] == [(bob.id, 1, 5000)]
    statement = compensation.statement(db, site, promotion, bob.id)[0]
    assert statement.exported_cents == statement.cents == 15000
    assert statement.due_cents == 0


def test_no_export_before_the_period_starts(db, site, promotion, official):
    with pytest.raises(AssemblyError, match="not started"):
        compensation.export(db, site, promotion, site.today() + timedelta(days=62), actor=official)
