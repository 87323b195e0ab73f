"""Running a council's draw: when it may run, what it records and publishes, and who sits."""

import pytest
from sqlalchemy import select

from parvis.bodies.models import Membership, MembershipStatus
from parvis.councils import applications as apps
from parvis.councils import draws
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import ApplicationStatus

from .conftest import SAMPLE

LOTTERY = "2026-11-20 EuroMillions 5 17 23 38 44 * 3 11"


@pytest.fixture
def applied(db, site, call, applicant, today):
    """Five applications to the open call (the sample council has three seats)."""
    found = [apps.apply(db, site, SAMPLE, call, applicant().person, today=today) for _ in range(5)]
    db.commit()
    return found


def test_the_draw_waits_for_the_call_to_close(db, site, call, applied, official):
    with pytest.raises(CouncilRefused, match="once the call is closed"):
        draws.run_draw(db, site, SAMPLE, call, public_inputs=[LOTTERY], actor=official)


def test_the_draw_needs_public_values_and_applications(db, site, closed_call, official):
    with pytest.raises(CouncilRefused, match="public values") as refused:
        draws.run_draw(db, site, SAMPLE, closed_call, public_inputs=["  "], actor=official)
    assert refused.value.field == "public_inputs"
    with pytest.raises(CouncilRefused, match="No application"):
        draws.run_draw(db, site, SAMPLE, closed_call, public_inputs=[LOTTERY], actor=official)


def test_the_drawn_are_invited_and_the_draw_is_published(db, site, body, applied, closed_call, official):
    seated = draws.run_draw(db, site, SAMPLE, closed_call, public_inputs=[LOTTERY], actor=official)
    db.commit()
    assert len(seated) == 3
    assert {m.status for m in seated} == {MembershipStatus.INVITED}
    assert {m.college_id for m in seated} == {body.colleges[0].id}
    statuses = sorted(a.status for a in applied)
    assert statuses == [ApplicationStatus.DRAWN] * 3 + [ApplicationStatus.NOT_DRAWN] * 2
    record = draws.record_of(closed_call)
    drawn = {a.public_id for a in applied if a.status == ApplicationStatus.DRAWN}
    assert set(record.panel) == drawn
    assert record.public_inputs == [LOTTERY]
    assert record.algorithm == "parvis-sortition/1"
    assert set(record.inputs) == {"pool", "spec"}
    assert closed_call.draw_pool.splitlines()[0] == "id,everyone"
    assert draws.verification(closed_call).ok
    entry = draws.register_entry(db, closed_call)  # in core's register of draws
    assert (entry.kind, entry.seed, entry.body_key) == ("lot", record.seed, body.slug)
    assert entry.page_path == f"/bodies/{body.slug}/draws/{closed_call.public_id}"
    assert [f.role for f in entry.files] == ["record", "pool"]
    with pytest.raises(CouncilRefused, match="already taken place"):
        draws.run_draw(db, site, SAMPLE, closed_call, public_inputs=[LOTTERY], actor=official)


def test_the_same_inputs_give_the_same_draw(db, site, applied, closed_call, official):
    """The result depends only on the published inputs: re-running the lot reproduces it."""
    pool = apps.in_the_draw(db, site, SAMPLE, closed_call)
    first = draws.draw_by_group(
        closed_call,
        pool,
        column="everyone",
        group_of=lambda _a: "all",
        seats={"all": 3},
        public_inputs=[LOTTERY],
    )
    again = draws.draw_by_group(
        closed_call,
        pool,
        column="everyone",
        group_of=lambda _a: "all",
        seats={"all": 3},
        public_inputs=[LOTTERY],
    )
    other = draws.draw_by_group(
        closed_call,
        pool,
        column="everyone",
        group_of=lambda _a: "all",
        seats={"all": 3},
        public_inputs=["other"],
    )
    assert first.record.panel == again.record.panel
    assert first.record.seed != other.record.seed


def test_a_tampered_record_fails_verification(db, site, applied, closed_call, official):
    draws.run_draw(db, site, SAMPLE, closed_call, public_inputs=[LOTTERY], actor=official)
    closed_call.draw_pool = closed_call.draw_pool.replace(applied[0].public_id, "someone-else")
    assert not draws.verification(closed_call).ok


def test_withdrawn_and_rejected_applications_stay_out(db, site, applied, closed_call, official):
    apps.review(db, applied[0], official, admissible=False, note="Hors délai.")
    applied[1].status = ApplicationStatus.WITHDRAWN
    draws.run_draw(db, site, SAMPLE, closed_call, public_inputs=[LOTTERY], actor=official)
    assert applied[0].status == ApplicationStatus.REJECTED
    assert applied[1].status == ApplicationStatus.WITHDRAWN
    seated = db.scalars(select(Membership.person_id)).all()
    assert applied[0].person_id not in seated
    assert applied[1].person_id not in seated


def test_an_impossible_draw_is_refused_with_the_engines_reason(db, site, applied, closed_call):
    pool = apps.in_the_draw(db, site, SAMPLE, closed_call)
    with pytest.raises(CouncilRefused) as refused:
        draws.draw_by_group(
            closed_call,
            pool,
            column="everyone",
            group_of=lambda _a: "all",
            seats={"all": 9},
            public_inputs=["x"],
        )
    assert "9 seats but only 5 applicants" in refused.value.details[0]
