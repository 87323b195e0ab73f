"""Colleges: a council's composition defines colleges with seats, filled by open registration, by
the officials' designation or by lot among volunteers (core's verifiable sortition, in the register
of draws, the others kept as a ranked reserve); open councils are unchanged."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from parvis.api import Person, Refused
from parvis.api.sortition import DrawEntry
from parvis.plugins.neighbourhood_councils import colleges, services
from parvis.plugins.neighbourhood_councils.models import (
    Composition,
    Council,
    CouncilCollege,
    Filling,
    Link,
    Member,
    Seat,
)
from parvis.sortition.cli import draw as draw_cli
from parvis.testing import audit_entries, login, run_concurrently


def _council_with_colleges(db, make_council, district):
    council = make_council(district, composition=Composition.LOT)
    drawn = colleges.add_college(db, council, name="Habitants tirés au sort", seats=2, filling=Filling.LOT)
    open_ = colleges.add_college(db, council, name="Associations", seats=1, filling=Filling.OPEN)
    named = colleges.add_college(
        db, council, name="Personnes qualifiées", seats=1, filling=Filling.DESIGNATION
    )
    db.commit()
    return council, drawn, open_, named


def test_residents_join_a_college_and_the_official_draws_its_seats(
    client, db, site, make_account, make_council, district_official, districts, tmp_path
):
    council, drawn, open_, _named = _council_with_colleges(db, make_council, districts[0])
    # The join form offers the colleges residents may choose (not the designated one).
    login(client, make_account(district=districts[0]))
    form = client.get(f"/en/neighbourhood-councils/{council.slug}/join").text
    assert "Associations" in form and "Habitants tirés au sort" in form and "Personnes qualifiées" not in form
    joined = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join",
        data={"link": "live", "college": str(drawn.id), "charter": "on"},
        follow_redirects=False,
    )
    assert joined.status_code == 303, joined.text[-2000:]
    first = db.scalar(select(Member))
    assert (first.college_id, first.seat) == (drawn.id, Seat.VOLUNTEER)
    for _n in range(4):
        services.join(
            db, site, council, db.merge(make_account(district=districts[0]).person), Link.LIVE, college=drawn
        )
    # The open college seats the first who join it, then is full.
    association = services.join(
        db, site, council, db.merge(make_account().person), Link.ASSOCIATION, college=open_
    )
    assert association.seat is Seat.SEATED
    db.commit()
    login(client, make_account(district=districts[0]))
    full = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join",
        data={"link": "association", "college": str(open_.id), "charter": "on"},
    )
    assert full.status_code == 400 and "Every seat of this college is taken" in full.text
    # The district's official draws the college's 2 seats among its 5 volunteers.
    client.cookies.clear()
    login(client, district_official(districts[0]))
    assert (
        "Draw the seats of Habitants tirés au sort by lot"
        in client.get(f"/en/admin/neighbourhood-councils/{council.slug}").text
    )
    done = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/colleges/{drawn.id}/draw",
        data={"public_input": "loto-2026-12-02"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text[-2000:]
    db.expire_all()
    volunteers = db.scalars(select(Member).where(Member.college_id == drawn.id).order_by(Member.id)).all()
    assert sorted(m.seat for m in volunteers) == [Seat.RESERVE] * 3 + [Seat.SEATED] * 2
    assert sorted(m.reserve_rank for m in volunteers if m.seat is Seat.RESERVE) == [1, 2, 3]
    # Recorded in the register of draws, with the pool: the record checks out.
    [entry] = db.scalars(select(DrawEntry).where(DrawEntry.plugin == "neighbourhood_councils")).all()
    [audit] = audit_entries(db, "neighbourhood_councils.college.draw")
    assert entry.seed == audit.details["seed"] and entry.body_key == council.slug
    assert "parvis draw verify" in entry.verify_command and "--pool" in entry.verify_command
    assert set(entry.record["panel"]) == {str(m.id) for m in volunteers if m.seat is Seat.SEATED}
    ranked = sorted((m for m in volunteers if m.reserve_rank), key=lambda m: m.reserve_rank)
    assert entry.record["reserve"] == [str(m.id) for m in ranked]
    assert "How to check this draw" in client.get(f"/en/draws/{entry.public_id}").text
    # The "how to check" command, run on the files the register publishes, says the draw matches.
    for published in entry.files:
        (tmp_path / published.name).write_bytes(
            client.get(f"/en/draws/{entry.public_id}/files/{published.name}").content
        )
    args = [str(tmp_path / a) if "." in a else a for a in entry.verify_command.split()[3:]]
    result = CliRunner().invoke(draw_cli, ["verify", *args])
    assert result.exit_code == 0 and "MATCHES" in result.output, result.output
    # The public page shows each college's seats filled out of its total, and the draw.
    client.cookies.clear()
    public = client.get(f"/en/neighbourhood-councils/{council.slug}").text
    assert (
        "2 of 2 seats filled" in public and "1 of 1 seat filled" in public and "0 of 1 seat filled" in public
    )
    assert f"/en/draws/{entry.public_id}" in public
    # A seated member leaves: the first of the reserve takes the seat.
    seated = next(m for m in volunteers if m.seat is Seat.SEATED)
    first_reserve = next(m for m in volunteers if m.reserve_rank == 1)
    services.leave(db, site, council, seated.person_id)
    db.commit()
    assert first_reserve.seat is Seat.SEATED and first_reserve.reserve_rank is None
    assert [line.seated for line in colleges.summary(db, council)] == [2, 1, 0]


def test_officials_designate_members_of_a_designated_college(
    client, db, site, make_account, make_council, district_official, districts
):
    council, _drawn, _open, named = _council_with_colleges(db, make_council, districts[0])
    member = services.join(db, site, council, db.merge(make_account().person), Link.WORK)
    db.commit()
    login(client, district_official(districts[0]))
    added = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/colleges",
        data={"college_name": "Jeunes", "college_seats": "3", "college_filling": "lot"},
        follow_redirects=False,
    )
    assert added.status_code == 303, added.text[-2000:]
    assert [c.name for c in colleges.colleges_of(db, council)][-1] == "Jeunes"
    assert audit_entries(db, "neighbourhood_councils.college.create")
    none = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/colleges",
        data={"college_name": "Vide", "college_seats": "0", "college_filling": "lot"},
    )
    assert none.status_code == 400 and 'id="f-college_seats-error"' in none.text
    done = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/colleges/{named.id}/designate",
        data={"member": str(member.id)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text[-2000:]
    db.expire_all()
    assert (member.college_id, member.seat) == (named.id, Seat.SEATED)
    # Another district's official may not.
    client.cookies.clear()
    login(client, district_official(districts[1]))
    other = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/colleges/{named.id}/designate",
        data={"member": str(member.id)},
    )
    assert other.status_code in (403, 404)


def test_open_councils_are_unchanged(client, db, site, make_account, make_council, districts):
    council = make_council(districts[0])
    login(client, make_account(district=districts[0]))
    form = client.get(f"/en/neighbourhood-councils/{council.slug}/join").text
    assert 'name="college"' not in form
    joined = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join",
        data={"link": "live", "charter": "on"},
        follow_redirects=False,
    )
    assert joined.status_code == 303
    member = db.scalar(select(Member))
    assert (member.college_id, member.seat) == (None, None)
    assert "Colleges" not in client.get(f"/en/neighbourhood-councils/{council.slug}").text
    with pytest.raises(Refused, match="open assembly has no colleges"):
        colleges.add_college(db, council, name="X", seats=1, filling=Filling.OPEN)


def test_residents_taking_the_last_seats_at_once_never_overfill_an_open_college(
    db, site, make_account, make_council, districts
):
    council = make_council(districts[0], composition=Composition.COLLEGES)
    college = colleges.add_college(db, council, name="Associations", seats=2, filling=Filling.OPEN)
    db.commit()
    council_id, college_id = council.id, college.id
    people = [make_account(district=districts[0]).person.id for _ in range(6)]

    def job_for(person_id):
        def job(session):
            found = session.get(Council, council_id)
            chosen = session.get(CouncilCollege, college_id)
            member = services.join(
                session, site, found, session.get(Person, person_id), Link.ASSOCIATION, college=chosen
            )
            return member.seat

        return job

    results, errors = run_concurrently(site, [job_for(p) for p in people])
    assert results == [Seat.SEATED, Seat.SEATED]
    assert len(errors) == 4 and all(isinstance(e, Refused) for e in errors)
    db.expire_all()
    assert colleges.summary(db, council)[0].seated == 2
