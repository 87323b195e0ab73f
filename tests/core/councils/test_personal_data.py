"""A council's applications as personal data: declared, exported and erased per council, the
published draw still verifiable afterwards, and deleted by the daily purge after their time."""

from datetime import timedelta

from sqlalchemy import func, select

from parvis import privacy
from parvis.councils import applications as apps
from parvis.councils import draws
from parvis.councils.models import Application, ApplicationStatus

from .conftest import SAMPLE

LOTTERY = "2026-11-20 EuroMillions 5 17 23 38 44 * 3 11"


def test_the_council_declares_exports_and_erases_its_applications(db, site, call, applicant, today, official):
    assert "sample_council.applications" in {d.code for d in privacy.declarations(site)}
    people = [applicant() for _ in range(4)]
    for account in people:
        apps.apply(db, site, SAMPLE, call, account.person, motivation="Pour ma ville.", today=today)
    call.opens_on, call.closes_on = today - timedelta(days=20), today - timedelta(days=1)
    draws.run_draw(db, site, SAMPLE, call, public_inputs=[LOTTERY], actor=official)
    db.commit()
    leaving = people[0]
    found = privacy.export(db, site, leaving)
    applications = next(s for s in found.sections if s.code == "sample_council.applications")
    assert applications.title == "Sample council: applications"
    assert (
        applications.rows[0]["motivation"] == "Pour ma ville."
        and applications.rows[0]["call"] == "Appel 2027"
    )
    kept = privacy.erase(db, site, leaving).kept
    db.commit()
    assert any("pseudonymous id" in k.what for k in kept)
    assert db.scalar(select(func.count()).select_from(Application)) == 3
    assert draws.verification(call).ok  # the published draw can still be re-run


def test_the_purge_deletes_applications_after_their_time(db, site, call, applicant, today, official, clock):
    for _ in range(5):
        apps.apply(db, site, SAMPLE, call, applicant().person, today=today)
    call.opens_on, call.closes_on = today - timedelta(days=20), today - timedelta(days=1)
    draws.run_draw(db, site, SAMPLE, call, public_inputs=[LOTTERY], actor=official)
    db.commit()

    def statuses():
        db.rollback()  # a fresh transaction sees what the purge committed
        return sorted(a.status for a in db.scalars(select(Application)))

    clock.advance(timedelta(days=150))  # five months after the draw: nothing is due
    assert privacy.purge_expired(site)["sample_council.applications"] == 0
    clock.advance(timedelta(days=40))  # six months have passed: the people not drawn go
    assert privacy.purge_expired(site)["sample_council.applications"] == 2
    assert statuses() == [ApplicationStatus.DRAWN] * 3
    clock.advance(timedelta(days=395))  # the term is over, and six months more
    assert privacy.purge_expired(site)["sample_council.applications"] == 3
    assert statuses() == []
