"""A citizen vote in a real browser, in French, English and Japanese: an elector finds their
voting place; a clerk marks an elector and a second clerk is refused; two officials enter a
place's count and a mismatch is caught; the public sees the result and its maps. Each page passes the
accessibility check."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from parvis.api import pollbook
from parvis.auth import load_actor
from parvis.plugins.citizen_vote import services
from parvis.testing import TEST_PASSWORD, translated

LOCALES = ["fr", "en", "ja"]


@pytest.fixture
def parvis_plugins() -> list[str]:
    return ["citizen_vote"]


def t(locale: str, message: str, domain: str = "citizen_vote", **values: object) -> str:
    return translated(locale, message, domain, **values)


def make_vote(db, site, state: str):
    districts = [d.code for d in site.config.districts[:2]]
    now = site.now()
    opens, closes = (now - timedelta(hours=2), now + timedelta(hours=8))
    if state != "open":
        opens, closes = now - timedelta(hours=11), now - timedelta(hours=1)
    vote = services.create_vote(
        db, site, slug="tariff", title="Heavy cars", question="For a specific tariff?",
        options=["Yes", "No"], opens_at=opens, closes_at=closes,
    )  # fmt: skip
    for code in districts:
        services.add_place(db, site, vote, name=f"Hall {code}", district=code, sections=[f"{code}-A"])
    lines = ["number,family_name,given_name,birth_date,section,district"]
    lines += [
        f"{100 + n},Durand{n},Camille,1980-01-0{n + 1},{districts[n % 2]}-A,{districts[n % 2]}"
        for n in range(4)
    ]
    services.import_roll(db, site, vote, ("\n".join(lines) + "\n").encode(), cutoff=date(2024, 1, 8))
    db.commit()
    return vote


def sign_in(page, locale, account):
    page.goto(f"/{locale}/login")
    page.get_by_label(t(locale, "E-mail address", "parvis")).fill(account.email)
    page.get_by_label(t(locale, "Password", "parvis")).fill(TEST_PASSWORD)
    page.get_by_role("button", name=t(locale, "Sign in", "parvis")).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/(account|admin)"))  # officials land on their space


def sign_out(page, locale):
    page.get_by_role("button", name=t(locale, "Sign out", "parvis")).click()


@pytest.mark.parametrize("locale", LOCALES)
def test_an_elector_finds_their_voting_place(page, a11y, db, site, locale):
    vote = make_vote(db, site, "open")
    place = vote.places[1]
    page.goto(f"/{locale}/votes/{vote.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Heavy cars")
    page.get_by_label(t(locale, "Your roll section (on your elector's card)")).fill(f"{place.district}-A")
    page.get_by_role("button", name=t(locale, "Find my voting place")).click()
    expect(page.get_by_role("status")).to_contain_text(place.name)
    a11y(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_clerk_marks_an_elector_and_a_second_clerk_is_refused(page, a11y, db, site, make_account, locale):
    vote = make_vote(db, site, "open")
    place = vote.places[0]
    first = make_account(given_name="Ada", family_name="First", email=f"first-{locale}@example.org")
    second = make_account(given_name="Bea", family_name="Second", email=f"second-{locale}@example.org")
    for clerk in (first, second):
        services.add_clerk(db, place, clerk.id)
    db.commit()
    sign_in(page, locale, second)
    page.goto(f"/{locale}/votes/{vote.slug}/pollbook/{place.public_id}")
    page.get_by_label(t(locale, "Or roll number")).fill("100")
    page.locator("#main").get_by_role("button", name=t(locale, "Search")).click()
    mark = page.get_by_role("button", name=re.compile("Camille"))
    expect(mark).to_be_visible()
    a11y(page)
    # Meanwhile the first clerk marks the same elector at another desk.
    entry = services.find_electors(db, vote, number="100")[0]
    services.mark_elector(db, vote, place, entry, load_actor(db, first), now=site.now())
    db.commit()
    mark.click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Ada First")
    a11y(page)
    # The first clerk's own marking, through the page, of another elector.
    sign_out(page, locale)
    sign_in(page, locale, first)
    page.goto(f"/{locale}/votes/{vote.slug}/pollbook/{place.public_id}?number=102")
    page.get_by_role("button", name=re.compile("Camille")).click()
    expect(page.get_by_role("status").first).to_be_visible()
    expect(page.locator("body")).to_contain_text(
        t(locale, "{name} is marked as having voted.", name="Camille Durand2")
    )


def enter(page, locale, vote, place, ballots, yes, no):
    page.goto(f"/{locale}/admin/votes/{vote.slug}/places/{place.public_id}/count")
    page.get_by_label(t(locale, "Ballots in the box")).fill(str(ballots))
    page.get_by_label("Yes", exact=True).fill(str(yes))
    page.get_by_label("No", exact=True).fill(str(no))
    page.get_by_label(t(locale, "Blank"), exact=True).fill("0")
    page.get_by_label(t(locale, "Null"), exact=True).fill("0")
    page.get_by_role("button", name=t(locale, "Save my entry")).click()


@pytest.mark.parametrize("locale", LOCALES)
def test_two_officials_enter_a_count_and_a_mismatch_is_caught(page, a11y, db, site, make_account, locale):
    vote = make_vote(db, site, "closed")
    place = vote.places[0]
    a = make_account("official", email=f"a-{locale}@example.org")
    b = make_account("official", email=f"b-{locale}@example.org")
    sign_in(page, locale, a)
    enter(page, locale, vote, place, 3, 2, 1)
    expect(page.locator("body")).to_contain_text(
        t(locale, "Your entry is saved; a second official must enter the count too.")
    )
    sign_out(page, locale)
    sign_in(page, locale, b)
    enter(page, locale, vote, place, 3, 1, 2)
    expect(page.locator("body")).to_contain_text(
        t(locale, "Your entry differs from the other official's: count again and correct it.")
    )
    expect(page.locator("body")).to_contain_text(t(locale, "The two entries differ"))
    a11y(page)
    enter(page, locale, vote, place, 3, 2, 1)
    expect(page.locator("body")).to_contain_text(t(locale, "Both entries agree."))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_public_sees_the_result(page, a11y, db, site, make_account, locale):
    vote = make_vote(db, site, "closed")
    officials = [load_actor(db, make_account("official")) for _ in range(2)]
    for place, (yes, no) in zip(vote.places, ((30, 10), (5, 15)), strict=True):
        for n in range(yes + no):
            pollbook.mark(
                db,
                vote.poll,
                f"e{place.id}-{n}",
                channel="in_person",
                at=vote.opens_at,
                place=place.public_id,
            )
        question = vote.questions[0]
        data = services.CountInput(yes + no, {question.id: ([yes, no], 0, 0)})
        for official in officials:
            services.enter_count(db, vote, place, official, data, now=site.now())
    services.publish(db, vote, now=site.now())
    db.commit()
    page.goto(f"/{locale}/votes/{vote.slug}")
    page.get_by_role("link", name=t(locale, "See the results")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Heavy cars")
    table = page.get_by_role("table").first
    expect(table).to_contain_text("35")
    expect(page.locator("table.choropleth td.shade-3")).to_have_count(1)  # 75 % for in the first
    # The maps by district (turnout, the leading answer), drawn from the demo's approximate shapes:
    # each district reachable by keyboard says its figures under the map.
    expect(page.locator("figure.shape-figure")).to_have_count(2)
    district = page.locator("figure.shape-figure .shape-map a.shape").first
    district.focus()
    expect(page.locator("figure.shape-figure .shape-readout").first).to_contain_text("%")
    a11y(page)
