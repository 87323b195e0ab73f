"""The bodies pages in a real browser: WCAG 2.1 AA checks (axe-core), live search, attendance.

Uses the browser fixtures of parvis.testing (Chromium from the distribution; skipped without it).
"""

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from parvis.bodies import services
from parvis.identity import NationalityGroup, Person
from parvis.testing import TEST_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def setup(db, site, make_account, council):
    make_account("official", email="official@example.org")
    camille = Person(
        given_name="Camille",
        family_name="Moreau",
        email="camille@example.org",
        birth_date=date(1990, 1, 1),
        resident=True,
        nationality_group=NationalityGroup.FRENCH,
    )
    db.add(camille)
    db.flush()
    services.add_member(db, site, council, council.terms[0], camille, college=council.colleges[0])
    group = services.add_group(db, site, council, name="Atelier", kind="deliberation")
    meeting = services.add_meeting(
        db,
        site,
        council,
        title="Plénière",
        kind="plenary",
        group=group,
        place="Hôtel de Ville",
        agenda="1. Ouverture",
        starts_at=datetime(2026, 3, 5, 17, 0, tzinfo=UTC),
        ends_at=datetime(2026, 3, 5, 19, 0, tzinfo=UTC),
        public=True,
    )
    db.commit()
    return council, meeting


def sign_in(page, email="official@example.org"):
    page.goto("/en/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_back_office_and_public_pages_are_accessible(page, a11y, setup):
    body, meeting = setup
    sign_in(page)
    base = f"/admin/bodies/{body.slug}"
    admin_pages = ["/admin/bodies", "/admin/bodies/new", base, f"{base}/terms", f"{base}/colleges"]
    admin_pages += [f"{base}/members?q=moreau", f"{base}/groups", f"{base}/meetings"]
    admin_pages += [f"{base}/meetings/{meeting.public_id}", f"{base}/meetings/{meeting.public_id}/attendance"]
    public_pages = ["/bodies", f"/bodies/{body.slug}", f"/bodies/{body.slug}/meetings"]
    public_pages += [f"/bodies/{body.slug}/meetings/{meeting.public_id}"]
    for path in admin_pages + public_pages:
        page.goto(f"/en{path}")
        a11y(page)
    for lang in ("fr", "ja"):
        for path in (f"{base}/members?q=moreau", f"/bodies/{body.slug}"):
            page.goto(f"/{lang}{path}")
            a11y(page)
    page.goto(f"/en{base}/terms")
    page.get_by_label("Label").fill("2027")
    page.get_by_label("Start date").fill("2027-06-01")
    page.get_by_label("End date").fill("2027-01-01")
    page.get_by_role("button", name="Add the term").click()
    expect(page.locator(".error-summary").first).to_contain_text("The end date must be after the start date.")
    a11y(page)


def test_live_search_keeps_focus_and_attendance_is_saved(page, setup):
    body, meeting = setup
    sign_in(page)
    page.goto(f"/en/admin/bodies/{body.slug}/members")
    search = page.get_by_label("Search people by name or e-mail address")
    search.fill("camil")
    expect(page.locator("#person-results")).to_contain_text("Camille Moreau")
    expect(search).to_be_focused()
    page.goto(f"/en/admin/bodies/{body.slug}/meetings/{meeting.public_id}/attendance")
    page.get_by_label("Camille Moreau: Excused").check()
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_role("status")).to_contain_text("The attendance is saved.")
    expect(page.get_by_label("Camille Moreau: Excused")).to_be_checked()
