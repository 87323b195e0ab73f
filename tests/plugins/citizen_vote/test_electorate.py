"""The consultative vote's electorate: the residents known to the site, aged 16 or over on the
vote day, whatever their nationality, frozen into the roll table with a published SHA-256; they
vote online once as themselves, and the poll book then shows them marked."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from parvis.api import NationalityGroup
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import RollEntry
from parvis.testing import login


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@pytest.fixture
def residents_vote(db, site, districts):
    def factory(*, opens_in: timedelta = timedelta(days=10), online: bool = True, slug: str = "youth"):
        opens = site.now() + opens_in
        vote = services.create_vote(
            db, site, slug=slug, title="Sunday streets", question="Pedestrian on Sundays?",
            options=["Yes", "No"], opens_at=opens, closes_at=opens + timedelta(hours=10),
            online=online, electorate="residents",
        )  # fmt: skip
        for code in districts:
            services.add_place(db, site, vote, name=f"Hall {code}", district=code, sections=[code])
        db.commit()
        return vote

    return factory


def test_freezing_takes_the_residents_old_enough_on_the_vote_day_whatever_their_nationality(
    db, site, clock, make_account, residents_vote, districts
):
    vote = residents_vote()
    day = services.vote_day(site, vote)
    sixteen = _years_before(day, 16)
    on = {
        "turns 16 on the vote day": make_account(birth_date=sixteen, district=districts[0]),
        "non-EU": make_account(nationality_group=NationalityGroup.NON_EU, district=districts[1]),
        "other EU": make_account(nationality_group=NationalityGroup.OTHER_EU, district=districts[0]),
    }
    off = {
        "16 the day after": make_account(birth_date=sixteen + timedelta(days=1), district=districts[0]),
        "not a resident": make_account(resident=False, district=districts[0]),
        "no district": make_account(district=None),
        "no birth date": make_account(birth_date=None, district=districts[0]),
    }
    db.commit()
    report = services.freeze_residents(db, site, vote)
    db.commit()
    entries = db.scalars(select(RollEntry).where(RollEntry.vote_id == vote.id)).all()
    assert {e.person_id for e in entries} == {a.person_id for a in on.values()}
    assert not {e.person_id for e in entries} & {a.person_id for a in off.values()}
    young = next(e for e in entries if e.person_id == on["turns 16 on the vote day"].person_id)
    assert (young.section, young.district, young.birth_date) == (districts[0], districts[0], sixteen)
    assert sorted(e.number for e in entries) == ["R0000001", "R0000002", "R0000003"]
    assert report.rows == vote.roll_count == 3
    assert vote.roll_cutoff == site.today()
    # The hash is the roll CSV's, and freezing the same people again gives the same one.
    rows = [
        {c: getattr(e, c) for c in (*services.ROLL_COLUMNS, "person_id")}
        for e in sorted(entries, key=lambda e: e.number)
    ]
    assert vote.roll_sha256 == hashlib.sha256(services.roll_bytes(rows)).hexdigest()
    first = vote.roll_sha256
    assert services.freeze_residents(db, site, vote).sha256 == first
    assert services.registered_by_district(db, vote) == {districts[0]: 2, districts[1]: 1}


def test_the_back_office_freezes_the_electorate_in_a_job_and_the_public_page_says_who_votes(
    client, db, site, login_as, make_account, residents_vote, run_jobs, districts
):
    vote = residents_vote()
    make_account(district=districts[0])
    login_as("official", district=districts[1])
    response = client.post(f"/en/admin/votes/{vote.slug}/electorate", follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    done = run_jobs.follow(client, response)
    assert "2 residents, frozen on" in done.text
    db.expire_all()
    assert vote.roll_sha256 in client.get(f"/en/admin/votes/{vote.slug}").text
    public = client.get(f"/en/votes/{vote.slug}")
    assert "residents aged 16 and over" in public.text and "whatever their nationality" in public.text
    assert "whoever became a resident afterwards is not on it" in public.text
    assert vote.roll_sha256 in public.text
    # A residents' vote takes no imported roll.
    upload = client.post(
        f"/en/admin/votes/{vote.slug}/roll",
        data={"cutoff": "2024-01-08"},
        files={"file": ("roll.csv", b"number\n", "text/csv")},
    )
    assert upload.status_code == 409 and "freeze it instead" in upload.text


def test_officials_choose_the_electorate_and_the_minimum_age(client, db, login_as):
    login_as("official")
    data = {
        "title": "Parks", "slug": "parks", "question": "Open at night?", "options": "Yes\nNo",
        "day": "2030-04-02", "opens": "09:00", "closes": "19:00", "electorate": "residents", "min_age": "14",
    }  # fmt: skip
    assert client.post("/en/admin/votes", data=data, follow_redirects=False).status_code == 303
    vote = services.vote_by_slug(db, "parks")
    assert (vote.electorate, vote.min_age) == ("residents", 14)
    page = client.get("/en/admin/votes/parks")
    assert "Freeze the electorate" in page.text and "Import the roll" not in page.text


def test_a_resident_votes_online_once_and_a_clerk_then_sees_them_marked(
    client, db, site, clock, make_account, residents_vote, districts
):
    vote = residents_vote(opens_in=timedelta(hours=1))
    services.add_question(
        db, site, vote, text="Rename the square?", options=["Yes", "No"], district=districts[0]
    )
    voter = make_account(given_name="Noor", family_name="Haddad", district=districts[1])
    clerk = make_account(given_name="Ada", family_name="Clerk")
    db.commit()
    services.freeze_residents(db, site, vote)
    place = services.place_of_section(db, vote, districts[1])
    services.add_clerk(db, place, clerk.id)
    db.commit()
    clock.advance(timedelta(hours=2))
    login(client, voter)
    form = client.get(f"/en/votes/{vote.slug}/ballot")
    assert form.status_code == 200 and "Roll number" not in form.text
    assert "Rename the square?" not in form.text  # another district's local question
    question = vote.questions[0]
    cast = client.post(f"/en/votes/{vote.slug}/ballot", data={f"q{question.id}": "0"})
    assert cast.status_code == 200, cast.text[:300]
    again = client.post(f"/en/votes/{vote.slug}/ballot", data={f"q{question.id}": "1"})
    assert again.status_code == 409 and "Already marked" in again.text

    client.cookies.clear()
    login(client, clerk)
    found = client.get(
        f"/en/votes/{vote.slug}/pollbook/{place.public_id}",
        params={"name": "haddad", "born": voter.person.birth_date.isoformat()},
    )
    assert "Noor" in found.text and "Already voted" in found.text


def test_a_resident_not_on_the_electorate_is_told_why(
    client, db, site, clock, make_account, residents_vote, districts
):
    vote = residents_vote(opens_in=timedelta(hours=1))
    day = services.vote_day(site, vote)
    young = make_account(birth_date=_years_before(day, 16) + timedelta(days=1), district=districts[0])
    make_account(district=districts[1])  # an adult: the electorate is not empty
    db.commit()
    services.freeze_residents(db, site, vote)
    db.commit()
    newcomer = make_account(district=districts[0])  # joined after the freeze
    db.commit()
    clock.advance(timedelta(hours=2))
    with pytest.raises(services.VoteRefused, match="Voting has started"):
        services.freeze_residents(db, site, vote)  # the vote is open: the electorate stays
    question = vote.questions[0]

    login(client, young)
    shown = client.get(f"/en/votes/{vote.slug}/ballot")
    assert "Only residents aged 16 or over on the vote day" in shown.text
    refused = client.post(f"/en/votes/{vote.slug}/ballot", data={f"q{question.id}": "0"})
    assert refused.status_code == 409 and "Only residents aged 16 or over on the vote day" in refused.text

    client.cookies.clear()
    login(client, newcomer)
    late = client.post(f"/en/votes/{vote.slug}/ballot", data={f"q{question.id}": "0"})
    assert late.status_code == 409 and "you were not among them" in late.text


def test_a_roll_vote_cannot_be_frozen_from_residents(db, site, make_vote):
    vote = make_vote()
    assert vote.electorate == "roll"
    with pytest.raises(services.VoteRefused, match="imported electoral roll"):
        services.freeze_residents(db, site, vote)


def test_erasing_a_resident_unlinks_their_entry_and_keeps_the_electorate(
    db, site, make_account, residents_vote, districts
):
    from parvis import privacy

    vote = residents_vote()
    resident = make_account(district=districts[0])
    db.commit()
    services.freeze_residents(db, site, vote)
    db.commit()
    exported = privacy.export(db, site, resident)
    assert "citizen_vote.electorate" in {s.code for s in exported.sections}
    erasure = privacy.erase(db, site, resident)
    db.commit()
    assert "Your entry on the electorate of a consultative vote" in [k.what for k in erasure.kept]
    entries = db.scalars(select(RollEntry).where(RollEntry.vote_id == vote.id)).all()
    assert len(entries) == vote.roll_count == 1 and entries[0].person_id is None
