"""Beautify contributions under core moderation: a new contribution awaits approval and is not
public; an official of its district approves it in core's queue (another district's cannot);
residents' reports past the threshold hide it, and its author sees why once a moderator decides."""

from __future__ import annotations

from sqlalchemy import select

from parvis.api.content import load
from parvis.api.moderation import Status, state
from parvis.plugins.neighbourhood_councils import beautify
from parvis.plugins.neighbourhood_councils.models import Category, Contribution
from parvis.testing import login

PLACE = "Passage Piver"


def contribute(client, programme) -> None:
    sent = client.post(
        f"/en/beautify/{programme.slug}/contribute",
        data={"category": "cleanliness", "place": PLACE, "description": "Des dépôts sauvages"},
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text[-2000:]


def found_by_search(client, ref) -> bool:
    """The site search finds it (its result links to the contribution on its programme's page)."""
    return f"#c-{ref.key}" in client.get("/en/search", params={"q": "Piver"}).text


def decide(client, ref: str, decision: str, reason: str, expected: int = 303):
    done = client.post(
        "/en/admin/moderation/decide",
        data={"ref": ref, "decision": decision, "reason": reason},
        follow_redirects=False,
    )
    assert done.status_code == expected, done.text[-2000:]


def test_a_contribution_awaits_approval_then_reports_hide_it_and_its_author_sees_why(
    client, db, site, make_account, make_programme, district_official, districts
):
    programme = make_programme(districts[0])
    page = f"/en/beautify/{programme.slug}"
    author = make_account(district=districts[0])
    login(client, author)
    contribute(client, programme)
    contribution = db.scalar(select(Contribution))
    ref = beautify.ref(contribution)
    assert state(db, ref).status is Status.PENDING
    assert not load(db, site, ref).public
    client.cookies.clear()
    assert PLACE not in client.get(page).text and not found_by_search(client, ref)
    # Another district's official neither sees it in the queue nor may decide on it.
    login(client, district_official(districts[1]))
    assert PLACE not in client.get("/en/admin/moderation").text
    assert client.get("/en/admin/moderation/item", params={"ref": str(ref)}).status_code == 403
    decide(client, str(ref), "approve", "OK", expected=403)
    # The contribution's district official does, and publishes it.
    client.cookies.clear()
    login(client, district_official(districts[0]))
    assert PLACE in client.get("/en/admin/moderation").text
    decide(client, str(ref), "approve", "Lisible et utile")
    client.cookies.clear()
    assert PLACE in client.get(page).text and found_by_search(client, ref)
    # Three residents report it (the threshold): hidden pending review.
    for n in range(3):
        client.cookies.clear()
        login(client, make_account(email=f"reporter{n}@example.org"))
        assert "Report this content to the moderators" in client.get(page).text
        reported = client.post(
            "/en/moderation/report", data={"ref": str(ref), "reason": "off_topic"}, follow_redirects=False
        )
        assert reported.status_code == 303
    db.expire_all()
    assert state(db, ref).status is Status.REPORTED
    client.cookies.clear()
    assert PLACE not in client.get(page).text and not found_by_search(client, ref)
    # The district's official upholds the reports with a reason; the author sees it.
    login(client, district_official(districts[0]))
    decide(client, str(ref), "hide", "Ce lieu relève de la voirie, pas du programme.")
    client.cookies.clear()
    login(client, author)
    own = client.get(page).text
    assert "Hidden by moderation" in own and "Ce lieu relève de la voirie, pas du programme." in own
    client.cookies.clear()
    assert PLACE not in client.get(page).text


def test_without_premoderation_a_contribution_is_published_at_once(
    make_site, db, make_account, make_programme, districts
):
    chosen = make_site(
        ["neighbourhood_councils"], settings={"neighbourhood_councils": {"premoderate_contributions": False}}
    )
    with chosen.activate() as site:
        programme = make_programme(districts[0])
        contribution = beautify.contribute(
            db,
            site,
            programme,
            make_account().person,
            category=Category.PLAY,
            place=PLACE,
            description="Un toboggan",
            latitude=None,
            longitude=None,
        )
        db.commit()
        assert state(db, beautify.ref(contribution)) is None
        assert beautify.published_contributions(db, programme) == [contribution]
