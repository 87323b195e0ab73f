"""Councils and membership: officials create councils with their perimeter, charter and
composition; residents find their council by district, join it (signing the current charter,
16+, with their link to the district) and leave it."""

from datetime import date

from sqlalchemy import select

from parvis.plugins.neighbourhood_councils.models import Council, Member
from parvis.testing import audit_entries, login

COUNCIL_FORM = {
    "name": "Conseil Nouveau",
    "composition": "open",
    "charter": "Article 1. Nous nous respectons.",
}


def test_an_official_creates_a_council_with_its_perimeter_and_charter(client, db, site, login_as, districts):
    login_as("official")
    district = districts[0]
    hood = next(n.code for n in site.config.neighbourhoods if n.district == district)
    response = client.post(
        "/en/admin/neighbourhood-councils/new",
        data={**COUNCIL_FORM, "district": district, "neighbourhoods": [hood]},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:2000]
    council = db.scalar(select(Council))
    assert (council.district, council.neighbourhoods, council.charters[0].version) == (district, [hood], 1)
    [entry] = audit_entries(db, "neighbourhood_councils.council.")
    assert entry.action == "neighbourhood_councils.council.create"
    page = client.get(f"/en/neighbourhood-councils/{council.slug}")
    assert page.status_code == 200 and "Conseil Nouveau" in page.text


def test_a_neighbourhood_of_another_district_is_refused_beside_its_field(
    client, db, site, login_as, districts
):
    login_as("official")
    other = next(n.code for n in site.config.neighbourhoods if n.district == districts[1])
    response = client.post(
        "/en/admin/neighbourhood-councils/new",
        data={**COUNCIL_FORM, "district": districts[0], "neighbourhoods": [other]},
    )
    assert response.status_code == 400 and "are not in the chosen arrondissement" in response.text
    assert db.scalar(select(Council)) is None


def test_residents_find_councils_by_district(client, make_council, districts):
    make_council(districts[0], name="Conseil Alpha")
    make_council(districts[1], name="Conseil Beta")
    page = client.get(f"/en/neighbourhood-councils?district={districts[0]}")
    assert "Conseil Alpha" in page.text and "Conseil Beta" not in page.text
    pins = client.get(f"/en/neighbourhood-councils/pins.json?district={districts[1]}").json()["pins"]
    assert [p["title"] for p in pins] == ["Conseil Beta"]


def test_a_resident_joins_with_the_charter_and_leaves(client, db, make_account, make_council, districts):
    council = make_council(districts[0])
    account = make_account(district=districts[0])
    login(client, account)
    refused = client.post(f"/en/neighbourhood-councils/{council.slug}/join", data={"link": "live"})
    assert refused.status_code == 400 and "This box must be ticked" in refused.text
    joined = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join",
        data={"link": "live", "charter": "on"},
        follow_redirects=False,
    )
    assert joined.status_code == 303
    member = db.scalar(select(Member))
    assert (member.person_id, member.charter.version, member.left_at) == (account.person_id, 1, None)
    page = client.get(f"/en/neighbourhood-councils/{council.slug}")
    assert "1 member" in page.text and "Leave the council" in page.text
    again = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join", data={"link": "live", "charter": "on"}
    )
    assert again.status_code == 409 and "already a member" in again.text
    left = client.post(f"/en/neighbourhood-councils/{council.slug}/leave", follow_redirects=False)
    assert left.status_code == 303
    db.rollback()
    assert db.scalar(select(Member)).left_at is not None
    actions = [e.action for e in audit_entries(db, "neighbourhood_councils.member.")]
    assert actions == ["neighbourhood_councils.member.join", "neighbourhood_councils.member.leave"]


def test_under_16_and_residents_of_another_district_are_refused(
    client, db, site, make_account, make_council, districts
):
    council = make_council(districts[0])
    today = site.today()
    login(client, make_account(birth_date=date(today.year - 15, 1, 1), district=districts[0]))
    young = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join", data={"link": "live", "charter": "on"}
    )
    assert young.status_code == 409 and "at least 16 years old" in young.text
    client.cookies.clear()
    login(client, make_account(district=districts[1]))
    elsewhere = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join", data={"link": "live", "charter": "on"}
    )
    assert elsewhere.status_code == 409 and "outside this arrondissement" in elsewhere.text
    works = client.post(
        f"/en/neighbourhood-councils/{council.slug}/join", data={"link": "work", "charter": "on"}
    )
    assert works.status_code == 303 or works.status_code == 200
    assert db.scalar(select(Member)) is not None


def test_members_sign_the_current_charter_version(
    client, db, login_as, make_account, make_council, districts
):
    council = make_council(districts[0])
    login_as("official")
    edited = client.post(
        f"/en/admin/neighbourhood-councils/{council.slug}/edit",
        data={**COUNCIL_FORM, "name": council.name, "district": districts[0], "charter": "Article 1 (new)."},
        follow_redirects=False,
    )
    assert edited.status_code == 303, edited.text[:2000]
    client.cookies.clear()
    login(client, make_account(district=districts[0]))
    client.post(f"/en/neighbourhood-councils/{council.slug}/join", data={"link": "study", "charter": "on"})
    db.rollback()
    assert db.scalar(select(Member)).charter.version == 2
    assert "Article 1 (new)." in client.get(f"/en/neighbourhood-councils/{council.slug}/charter").text


def test_a_signed_in_resident_sees_the_councils_of_their_district_first(
    client, make_account, make_council, districts
):
    make_council(districts[0], name="Conseil Alpha")
    make_council(districts[1], name="Conseil Beta")
    login(client, make_account(district=districts[1]))
    page = client.get("/en/neighbourhood-councils")
    assert "Conseil Beta" in page.text and "Conseil Alpha" not in page.text
    everywhere = client.get("/en/neighbourhood-councils?district=")
    assert "Conseil Alpha" in everywhere.text and "Conseil Beta" in everywhere.text
