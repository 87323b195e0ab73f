"""The citizen vote: roll import (all or nothing, with line numbers), the poll book pages (a clerk
marks, a second clerk is refused with who marked and when), double-entry counts, results, open
data and ``parvis vote tally``."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from parvis.auth import load_actor
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import RollEntry
from parvis.testing import login

from .conftest import roll_csv


def test_a_good_roll_is_imported_with_its_sha256(db, make_vote):
    vote = make_vote()
    assert vote.roll_count == 6
    assert len(vote.roll_sha256) == 64
    assert set(services.registered_by_district(db, vote).values()) == {3}


def test_a_bad_roll_is_refused_whole_with_line_numbers(db, site, make_vote, districts):
    vote = make_vote()
    bad = (
        roll_csv(districts)
        + b"1000,Twice,Ann,1980-01-01,x,%s\n9,,Bob,not-a-date,x,nowhere\n" % districts[0].encode()
    )
    with pytest.raises(services.VoteRefused) as refused:
        services.import_roll(db, site, vote, bad, cutoff=date(2024, 1, 8))
    details = "\n".join(refused.value.details)
    assert "Line 8: the roll number 1000 appears twice" in details
    assert "Line 9: empty family name" in details
    assert "Line 9: the birth date is not a date" in details
    db.rollback()
    assert db.scalar(select(func.count()).select_from(RollEntry)) == 6  # the old roll stays


def test_the_roll_upload_is_a_job(client, db, site, make_vote, districts, login_as, run_jobs):
    vote = make_vote(slug="other")
    login_as("official")
    content = roll_csv(districts, count=10)
    response = client.post(
        f"/en/admin/votes/{vote.slug}/roll",
        data={"cutoff": "2024-01-08"},
        files={"file": ("roll.csv", content, "text/csv")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]
    page = run_jobs.follow(client, response)
    assert "10 electors" in page.text
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(RollEntry).where(RollEntry.vote_id == vote.id)) == 10


def test_a_clerk_marks_an_elector_and_a_second_clerk_is_refused(
    client, db, site, make_vote, make_account, districts
):
    vote = make_vote()
    place = vote.places[0]
    first = make_account(given_name="Ada", family_name="First")
    second = make_account(given_name="Bea", family_name="Second")
    outsider = make_account()
    for clerk in (first, second):
        services.add_clerk(db, place, clerk.id)
    db.commit()
    entry = db.scalar(select(RollEntry).where(RollEntry.section == f"{place.district}-A").limit(1))
    base = f"/en/votes/{vote.slug}/pollbook/{place.public_id}"

    login(client, first)
    found = client.get(base, params={"name": entry.family_name, "born": entry.birth_date.isoformat()})
    assert entry.given_name in found.text and "mark" in found.text
    done = client.post(f"{base}/mark", data={"elector": str(entry.id)}, follow_redirects=False)
    assert done.status_code == 303, done.text[:300]

    client.cookies.clear()
    login(client, second)
    again = client.post(f"{base}/mark", data={"elector": str(entry.id)})
    assert again.status_code == 409
    assert "Already marked" in again.text and "Ada First" in again.text

    client.cookies.clear()
    login(client, outsider)
    assert client.get(base).status_code == 403


def test_an_elector_of_another_place_is_sent_there(db, site, make_vote, make_account):
    vote = make_vote()
    here, there = vote.places
    entry = db.scalar(select(RollEntry).where(RollEntry.section == f"{there.district}-A").limit(1))
    clerk = load_actor(db, make_account("official"))
    with pytest.raises(services.VoteRefused, match=there.name):
        services.mark_elector(db, vote, here, entry, clerk, now=site.now())


def test_the_public_finds_their_voting_place_and_sees_turnout(client, make_vote, districts):
    vote = make_vote()
    page = client.get(f"/en/votes/{vote.slug}", params={"section": f"{districts[1]}-A"})
    assert page.status_code == 200
    assert f"Hall {districts[1]}" in page.text
    assert "Less pollution." in page.text and "Turnout" in page.text
    missing = client.get(f"/en/votes/{vote.slug}", params={"section": "nowhere"})
    assert "No voting place found" in missing.text


def _post_count(client, vote, place, ballots, answers):
    data = {"ballots": str(ballots)}
    for question in services.questions_for(vote, place.district):
        yes, no, blank = answers
        data.update({f"q{question.id}-o0": str(yes), f"q{question.id}-o1": str(no)})
        data.update({f"q{question.id}-blank": str(blank), f"q{question.id}-null": "0"})
    return client.post(
        f"/en/admin/votes/{vote.slug}/places/{place.public_id}/count", data=data, follow_redirects=False
    )


def test_two_officials_count_a_mismatch_is_caught_then_results_publish(
    client, db, site, make_vote, make_account, parvis_cli, tmp_path
):
    vote = make_vote("closed")
    a, b = make_account("official"), make_account("official")
    # The poll book marked one elector at the first place.
    from parvis.api import pollbook

    pollbook.mark(db, vote.poll, "x", channel="in_person", at=vote.opens_at, place=vote.places[0].public_id)
    db.commit()
    first, second = vote.places
    login(client, a)
    assert _post_count(client, vote, first, 2, (1, 1, 0)).status_code == 303
    assert _post_count(client, vote, second, 3, (2, 1, 0)).status_code == 303
    client.cookies.clear()
    login(client, b)
    wrong = _post_count(client, vote, first, 2, (2, 0, 0))
    assert "differs" in client.get(wrong.headers["location"]).text
    bad_sum = _post_count(client, vote, first, 5, (1, 1, 0))
    assert bad_sum.status_code == 400 and "add up to" in bad_sum.text
    refused = client.post(f"/en/admin/votes/{vote.slug}/publish")
    assert refused.status_code == 409 and "not agreed" in refused.text
    _post_count(client, vote, first, 2, (1, 1, 0))
    _post_count(client, vote, second, 3, (2, 1, 0))
    # Two ballots, one mark at the first place (three and none at the second): a reason is needed.
    assert "say why first" in client.post(f"/en/admin/votes/{vote.slug}/publish").text
    for place in (first, second):
        client.post(f"/en/admin/votes/{vote.slug}/places/{place.public_id}/reason", data={"reason": "Test"})
    assert client.post(f"/en/admin/votes/{vote.slug}/publish", follow_redirects=False).status_code == 303

    results = client.get(f"/en/votes/{vote.slug}/results")
    assert results.status_code == 200 and "60" in results.text  # 3 yes of 5
    exported = client.get(f"/api/votes/{vote.slug}/results.json")
    assert exported.status_code == 200
    path = tmp_path / "results.json"
    path.write_bytes(exported.content)
    data = json.loads(exported.content)
    assert {row["place"] for row in data["places"]} == {first.name, second.name}
    assert client.get(f"/api/votes/{vote.slug}/results.csv").status_code == 200
    out = parvis_cli("vote", "tally", str(path))
    assert out.exit_code == 0, out.output
    assert "Yes: 3 (60.00%)" in out.output


def test_results_stay_hidden_until_published(client, make_vote):
    vote = make_vote("closed")
    assert client.get(f"/en/votes/{vote.slug}/results").status_code == 404
    assert client.get(f"/api/votes/{vote.slug}/results.json").status_code == 404


def test_officials_set_up_a_vote(client, db, login_as, districts):
    login_as("official")
    data = {
        "title": "Scooters", "slug": "scooters", "question": "Keep them?", "options": "For\nAgainst",
        "day": "2030-04-02", "opens": "09:00", "closes": "19:00",
    }  # fmt: skip
    assert client.post("/en/admin/votes", data=data, follow_redirects=False).status_code == 303
    again = client.post("/en/admin/votes", data=data)
    assert again.status_code == 409 and "Another vote has this address" in again.text
    place = {"name": "Town hall", "district": districts[0], "sections": "A1 A2"}
    assert (
        client.post("/en/admin/votes/scooters/places", data=place, follow_redirects=False).status_code == 303
    )
    taken = client.post("/en/admin/votes/scooters/places", data={**place, "sections": "A2"})
    assert taken.status_code == 409 and "already votes at Town hall" in taken.text


def test_online_ballots_are_secret_and_count_once_whatever_the_channel(
    client, db, site, make_vote, login_as, make_account, districts
):
    from parvis.api import pollbook
    from parvis.plugins.citizen_vote.models import OnlineBallot as Ballot

    vote = make_vote()
    vote.online = True
    db.commit()
    login_as()
    entry = db.scalar(select(RollEntry).where(RollEntry.district == districts[1]).limit(1))
    city, local = vote.questions
    data = {
        "number": entry.number, "family_name": entry.family_name.upper(),
        "birth_date": entry.birth_date.isoformat(), f"q{city.id}": "1", f"q{local.id}": "",
    }  # fmt: skip
    wrong = client.post(f"/en/votes/{vote.slug}/ballot", data={**data, "family_name": "Nobody"})
    assert wrong.status_code == 409 and "No elector on the roll matches" in wrong.text
    cast = client.post(f"/en/votes/{vote.slug}/ballot", data=data)
    assert cast.status_code == 200, cast.text[:300]
    assert "Your vote is recorded" in cast.text
    again = client.post(f"/en/votes/{vote.slug}/ballot", data=data)
    assert again.status_code == 409 and "Already marked" in again.text
    db.expire_all()
    ballots = db.execute(select(Ballot.question_id, Ballot.choice)).all()
    assert sorted(ballots, key=lambda b: b.question_id) == [(city.id, 1), (local.id, None)]
    assert {c.name for c in Ballot.__table__.columns} == {"id", "question_id", "choice"}  # no voter, no time
    # The clerk cannot mark them in person any more.
    place = services.place_of_section(db, vote, entry.section)
    with pytest.raises(pollbook.AlreadyMarked, match="Online"):
        services.mark_elector(
            db, vote, place, entry, load_actor(db, make_account("official")), now=site.now()
        )
    rows = services.online_rows(db, vote)
    assert [(r["question"], r["option_2"], r["blank"]) for r in rows] == [(1, 1, 0), (2, 0, 1)]


def test_an_in_person_vote_has_no_online_ballot(client, make_vote, login_as):
    vote = make_vote()
    login_as()
    assert client.get(f"/en/votes/{vote.slug}/ballot").status_code == 404


def test_guessing_roll_details_online_is_slowed_down(client, db, make_vote, login_as):
    vote = make_vote()
    vote.online = True
    db.commit()
    login_as()
    wrong = {"number": "1000", "family_name": "Nobody", "birth_date": "1980-01-01"}
    statuses = [client.post(f"/en/votes/{vote.slug}/ballot", data=wrong).status_code for _ in range(6)]
    assert statuses == [409] * 5 + [429]
