"""Calls and applications: who may apply, with every reason when not, withdrawal and review."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from parvis.bodies import services
from parvis.bodies.models import Membership, MembershipStatus, Term
from parvis.councils import applications as apps
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import Application, ApplicationStatus

from .conftest import SAMPLE


def apply(db, site, call, account, today, **details):
    return apps.apply(
        db, site, SAMPLE, call, account.person, motivation="Envie d'agir", details=details, today=today
    )


def test_an_eligible_person_applies_once(db, site, call, applicant, today):
    account = applicant(age=20)
    application = apply(db, site, call, account, today)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.motivation == "Envie d'agir"
    with pytest.raises(CouncilRefused, match="already applied"):
        apply(db, site, call, account, today)


def test_every_reason_is_given_at_once(db, site, call, make_account, today):
    account = make_account(birth_date=None)
    with pytest.raises(CouncilRefused) as refused:
        apply(db, site, call, account, today)
    assert refused.value.details == ["Your date of birth is needed to check your age."]
    too_old = make_account(birth_date=today.replace(year=today.year - 31) - timedelta(days=1))
    with pytest.raises(CouncilRefused) as refused:
        apply(db, site, call, too_old, today)
    assert "You must be at most 30 years old." in refused.value.details
    assert db.scalar(select(Application)) is None


def test_the_bodys_own_rule_also_applies(db, site, call, body, applicant, today):
    body.eligibility = "resident_16"
    account = applicant(age=20, resident=False)
    with pytest.raises(CouncilRefused) as refused:
        apply(db, site, call, account, today)
    assert "You must live in the city." in refused.value.details


def test_a_closed_call_refuses_applications(db, site, closed_call, applicant, today):
    with pytest.raises(CouncilRefused, match="closed"):
        apply(db, site, closed_call, applicant(), today)


def term_before(db, body, last):
    """A term of ``body`` that ended 40 days before ``last`` began (a break, shorter than a year)."""
    earlier = Term(
        body_id=body.id,
        label="earlier",
        starts_on=last.starts_on - timedelta(days=400),
        ends_on=last.starts_on - timedelta(days=40),
    )
    db.add(earlier)
    db.flush()
    return earlier


def test_a_sitting_member_of_the_term_cannot_apply(db, site, body, term, call, applicant, today):
    account = applicant()
    services.add_member(db, site, body, term, account.person)
    with pytest.raises(CouncilRefused) as refused:
        apply(db, site, call, account, today)
    assert refused.value.details == ["You already sit on this council for the term next."]


def test_members_sit_at_most_the_years_in_a_row_the_settings_allow(db, site, body, call, applicant, today):
    """max_consecutive_years = 2: after two terms in a row, a member waits a year."""
    account = applicant()
    last = body.terms[0]
    earlier = term_before(db, body, last)
    db.add(Membership(body_id=body.id, term_id=last.id, person_id=account.person_id))
    db.flush()
    assert apps.consecutive_years(db, body, account.person, call.term) == 1
    assert apps.failures(db, site, SAMPLE, call, account.person, details={}, today=today) == []
    db.add(
        Membership(
            body_id=body.id, term_id=earlier.id, person_id=account.person_id, status=MembershipStatus.LEFT
        )
    )
    db.flush()
    assert apps.consecutive_years(db, body, account.person, call.term) == 2
    with pytest.raises(CouncilRefused) as refused:
        apply(db, site, call, account, today)
    assert refused.value.details == ["Members may sit 2 years in a row; you may apply again after a break."]


def test_a_break_resets_the_count(db, site, body, call, applicant):
    account = applicant()
    last = body.terms[0]
    earlier = term_before(db, body, last)
    db.add(Membership(body_id=body.id, term_id=earlier.id, person_id=account.person_id))
    db.flush()
    assert apps.consecutive_years(db, body, account.person, call.term) == 0


def test_withdrawing_then_applying_again(db, site, call, applicant, today):
    account = applicant()
    application = apply(db, site, call, account, today)
    apps.withdraw(db, application)
    assert application.status == ApplicationStatus.WITHDRAWN
    again = apply(db, site, call, account, today, note="back")
    assert again.id == application.id
    assert again.status == ApplicationStatus.SUBMITTED
    assert again.details == {"note": "back"}


def test_an_official_reviews_applications(db, site, call, applicant, official, today, monkeypatch):
    first, second = apply(db, site, call, applicant(), today), apply(db, site, call, applicant(), today)
    with pytest.raises(CouncilRefused, match="Say why"):
        apps.review(db, first, official, admissible=False)
    apps.review(db, first, official, admissible=False, note="Pas de lien avec la ville.")
    apps.review(db, second, official, admissible=True)
    assert (first.status, second.status) == (ApplicationStatus.REJECTED, ApplicationStatus.VERIFIED)
    assert first.reviewed_by_id == official.account.id
    # Without a review requirement, received applications enter the draw too.
    assert apps.in_the_draw(db, site, SAMPLE, call) == [second]
    monkeypatch.setattr(SAMPLE.settings(site), "review_applications", True)
    third = apply(db, site, call, applicant(), today)
    assert third not in apps.in_the_draw(db, site, SAMPLE, call)


def test_calls_check_their_dates_and_term(db, site, body, term, today):
    with pytest.raises(CouncilRefused, match="not be before"):
        apps.create_call(db, body, term, title="X", opens_on=today, closes_on=today - timedelta(days=1))
    with pytest.raises(CouncilRefused, match="required"):
        apps.create_call(db, body, term, title=" ", opens_on=today, closes_on=today)
    other = services.create_body(db, site, "sample_council", "Autre")
    with pytest.raises(CouncilRefused):
        apps.create_call(db, other, term, title="X", opens_on=today, closes_on=today)
    assert apps.current_call(db, body, today) is None
