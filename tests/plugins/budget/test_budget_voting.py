"""Online voting: the ballot journey without JavaScript, secrecy, one ballot per voter and scope."""

from __future__ import annotations

import re

from sqlalchemy import inspect, select

from parvis.plugins.budget.models import Ballot, Scope, VoterRecord
from parvis.plugins.budget.services import receipts
from parvis.testing import login


def grade_form(projects, grades):
    return {f"g-{p.public_id}": str(g) for p, g in zip(projects, grades, strict=True) if g is not None}


def test_a_resident_fills_reviews_and_casts_both_ballots(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    city = [make_project(campaign) for _ in range(3)]
    district = [make_project(campaign, "11") for _ in range(2)]
    login(client, voter())

    overview = client.get(f"/en/budget/{campaign.slug}/vote")
    assert overview.status_code == 200
    assert "Fill in the ballot for all of Paris" in overview.text

    form = client.get(f"/en/budget/{campaign.slug}/vote/city")
    assert form.status_code == 200
    assert form.text.count('type="radio"') == 3 * 4
    assert "counts as “Not convinced”" in form.text

    review = client.post(f"/en/budget/{campaign.slug}/vote/city/review", data=grade_form(city, [3, None, 1]))
    assert review.status_code == 200
    assert "Cast my ballot" in review.text
    assert "1 project has no grade" in review.text

    cast = client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form(city, [3, None, 1]))
    assert cast.status_code == 200, cast.text[:2000]
    code = re.search(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", cast.text).group(1)

    ballot = db.scalar(select(Ballot))
    assert ballot.grades == bytes([3, 0, 1])
    assert ballot.receipt_hash == receipts.digest(code)
    assert code not in repr(ballot.__dict__)

    # The district ballot, chosen without JavaScript through a GET form.
    chooser = client.get(f"/en/budget/{campaign.slug}/vote/district?district=11", follow_redirects=False)
    assert chooser.headers["location"].endswith(f"/budget/{campaign.slug}/vote/11")
    cast = client.post(f"/en/budget/{campaign.slug}/vote/11/cast", data=grade_form(district, [2, 2]))
    assert cast.status_code == 200
    assert {r.scope for r in db.scalars(select(VoterRecord))} == {Scope.CITY, Scope.DISTRICT}

    again = client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form(city, [0, 0, 0]))
    assert again.status_code == 409
    assert "You have already voted" in again.text
    assert client.get(f"/en/budget/{campaign.slug}/vote/city").status_code == 409
    assert db.scalar(select(Ballot).where(Ballot.level == "city")) is not None
    assert len(db.scalars(select(Ballot)).all()) == 2


def test_only_one_district_ballot_whatever_the_district(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    p11 = make_project(campaign, "11")
    p12 = make_project(campaign, "12")
    login(client, voter())
    assert (
        client.post(f"/en/budget/{campaign.slug}/vote/11/cast", data=grade_form([p11], [3])).status_code
        == 200
    )
    second = client.post(f"/en/budget/{campaign.slug}/vote/12/cast", data=grade_form([p12], [3]))
    assert second.status_code == 409
    assert len(db.scalars(select(Ballot)).all()) == 1


def test_ballot_and_voter_record_share_no_link(site):
    ballot = inspect(site.engine).get_columns("budget_ballot")
    names = {c["name"] for c in ballot}
    assert names == {"id", "campaign_id", "level", "grades", "receipt_hash", "cast_on"}
    fks = inspect(site.engine).get_foreign_keys("budget_ballot")
    assert [fk["referred_table"] for fk in fks] == ["budget_campaign"]
    record = {c["name"] for c in inspect(site.engine).get_columns("budget_voter_record")}
    assert record == {"campaign_id", "scope", "person_id"}


def test_ballot_ids_are_random_not_sequential(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    project = make_project(campaign)
    for _ in range(3):
        client.cookies.clear()
        login(client, voter())
        assert (
            client.post(
                f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form([project], [1])
            ).status_code
            == 200
        )
    ids = db.scalars(select(Ballot.id)).all()
    assert len(set(ids)) == 3
    assert all(len(i) == 32 for i in ids)
    assert all(not i.isdigit() for i in ids)


def test_no_vote_outside_the_vote_phase(client, db, make_campaign, make_project, voter):
    for phase in ("ideas", "closed"):
        campaign = make_campaign(phase)
        project = make_project(campaign)
        client.cookies.clear()
        login(client, voter())
        page = client.get(f"/en/budget/{campaign.slug}/vote/city")
        assert page.status_code == 400
        assert "The vote is not open." in page.text
        cast = client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form([project], [3]))
        assert cast.status_code == 400
    assert db.scalar(select(Ballot)) is None


def test_ineligible_people_cannot_vote(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    project = make_project(campaign)
    login(client, voter(resident=False))
    page = client.get(f"/en/budget/{campaign.slug}/vote/city")
    assert page.status_code == 403
    assert "You must live in the city." in page.text
    cast = client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form([project], [3]))
    assert cast.status_code == 400
    assert db.scalar(select(Ballot)) is None


def test_any_nationality_may_vote(client, db, make_campaign, make_project, voter):
    from parvis.identity import NationalityGroup

    campaign = make_campaign("vote")
    project = make_project(campaign)
    login(client, voter(nationality_group=NationalityGroup.NON_EU))
    assert (
        client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form([project], [2])).status_code
        == 200
    )


def test_bad_grades_rerender_the_ballot(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    project = make_project(campaign)
    login(client, voter())
    for bad in ("7", "-1", "x", "1e3"):
        response = client.post(
            f"/en/budget/{campaign.slug}/vote/city/review", data={f"g-{project.public_id}": bad}
        )
        assert response.status_code == 400
        assert "Choose among the options shown." in response.text
        response = client.post(
            f"/en/budget/{campaign.slug}/vote/city/cast", data={f"g-{project.public_id}": bad}
        )
        assert response.status_code == 400
    assert client.get(f"/en/budget/{campaign.slug}/vote/nowhere").status_code == 404
    assert db.scalar(select(Ballot)) is None


def test_voting_needs_an_account(client, make_campaign, make_project):
    campaign = make_campaign("vote")
    make_project(campaign)
    response = client.get(f"/en/budget/{campaign.slug}/vote/city", follow_redirects=False)
    assert response.status_code == 303
    assert "/en/login" in response.headers["location"]
    assert client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data={}).status_code == 401


def test_receipt_check_never_shows_the_grades(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    project = make_project(campaign, title="Jardin partagé")
    login(client, voter())
    cast = client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form([project], [3]))
    code = re.search(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", cast.text).group(1)
    client.cookies.clear()
    check = client.post("/en/budget/receipt", data={"code": code.lower().replace("-", " ")})
    assert check.status_code == 200
    assert "is stored" in check.text
    assert "will be counted when the vote closes" in check.text
    assert "Jardin partagé" not in check.text
    assert "Love it" not in check.text
    wrong = client.post("/en/budget/receipt", data={"code": "0000-0000-0000"})
    assert wrong.status_code == 404
    assert client.post("/en/budget/receipt", data={"code": "x" * 500}).status_code == 404


def test_official_verification_mode(make_site, make_account, db):
    """With verification = "official", a resident votes only after an official confirms them."""
    from parvis.auth import load_actor
    from parvis.plugins.budget.errors import BudgetRefused
    from parvis.plugins.budget.services import participants

    site = make_site(settings={"budget": {"verification": "official"}})
    account = make_account(birth_date=__import__("datetime").date(1980, 1, 1), resident=True, district="11")
    person = account.person
    today = site.today()
    assert participants.vote_refusals(db, site, person, today) == [
        "An official must first confirm that you live in the city."
    ]
    participants.request_verification(db, person)
    official = make_account("official")
    participants.decide_verification(db, person.id, load_actor(db, official), verified=True)
    db.commit()
    assert participants.vote_refusals(db, site, person, today) == []
    participants.decide_verification(db, person.id, load_actor(db, official), verified=False)
    assert participants.vote_refusals(db, site, person, today) != []
    try:
        participants.decide_verification(db, official.person.id, load_actor(db, official), verified=True)
    except BudgetRefused:
        pass
    else:
        raise AssertionError("a person who never asked cannot be verified")


def test_voting_needs_a_confirmed_address(client, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    city = [make_project(campaign)]
    login(client, voter(verified=False))
    for response in (
        client.get(f"/en/budget/{campaign.slug}/vote/city"),
        client.post(f"/en/budget/{campaign.slug}/vote/city/cast", data=grade_form(city, [3])),
    ):
        assert response.status_code == 403
        assert "Please confirm your e-mail address first" in response.text
        assert 'href="/en/account/email"' in response.text
    assert db.scalar(select(Ballot)) is None
