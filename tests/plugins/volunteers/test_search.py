"""Search: keywords (accents, case, stems, prefixes) combined with filters, list and map, htmx."""

from datetime import timedelta

import pytest

from parvis.api.content import ContentRef
from parvis.api.moderation import decide
from parvis.auth import load_actor
from parvis.plugins.volunteers.models import Category, MissionKind, MissionStatus
from parvis.plugins.volunteers.search import MissionFilters, search_missions


def titles(db, **filters):
    return sorted(row.title for row in search_missions(db, MissionFilters(**filters)).rows)


def test_keywords_ignore_case_and_accents_and_match_stems_and_prefixes(db, make_mission):
    make_mission("Nettoyage des berges", description="Ramasser les déchets avec les bénévoles du quartier.")
    make_mission("Aide aux devoirs", description="Soutien scolaire pour collégiens.", theme="education")
    assert titles(db, q="BENEVOLE") == ["Nettoyage des berges"]
    assert titles(db, q="déchet") == ["Nettoyage des berges"]
    assert titles(db, q="colleg") == ["Aide aux devoirs"]  # a partial word
    assert titles(db, q="devoirs scolaires") == ["Aide aux devoirs"]  # every word must match
    assert titles(db, q="devoirs berges") == []
    assert titles(db, q="éducation") == ["Aide aux devoirs"]  # the theme's name, in every language
    assert titles(db, q="Les Amis") == ["Aide aux devoirs", "Nettoyage des berges"]  # the organisation


def test_prefixes_do_not_stretch_short_stems(db, make_mission):
    make_mission("Repas partagé", description="Un repas chaud.")
    make_mission("Repair café", description="Réparer plutôt que jeter.", theme="environment")
    assert titles(db, q="repas") == ["Repas partagé"]
    assert titles(db, q="répar") == ["Repair café"]
    assert titles(db, q="partagés") == ["Repas partagé"]


def test_hostile_keywords_are_harmless(db, make_mission):
    make_mission("Repas")
    for query in ['"', "NEAR(", "a* OR b", "'; DROP TABLE x; --", "(", "^", "\\", "日本語"]:
        search_missions(db, MissionFilters(q=query))


def test_filters_combine(db, make_mission):
    make_mission("A", theme="culture", district="11")
    make_mission("B", theme="culture", district="12", kind=MissionKind.REMOTE)
    make_mission("C", theme="sport", district="11", kind=MissionKind.RECURRING, weeks=3)
    make_mission("D", theme="culture", district="11", capacity=1)
    assert titles(db, theme="culture") == ["A", "B", "D"]
    assert titles(db, theme="culture", district="11") == ["A", "D"]
    assert titles(db, kinds=(MissionKind.REMOTE, MissionKind.RECURRING)) == ["B", "C"]
    assert titles(db, q="culture", district="12") == ["B"]


def test_places_left_and_dates(db, site, make_mission, make_account):
    from parvis.plugins.volunteers import signup

    full = make_mission("Full", capacity=1, starts_in=timedelta(days=2))
    make_mission("Later", starts_in=timedelta(days=20))
    signup.join(db, site, full.slots[0].id, make_account())
    db.commit()
    assert titles(db, places_left=True) == ["Later"]
    today = full.slots[0].starts_at.date()
    assert titles(db, date_from=today, date_to=today + timedelta(days=5)) == ["Full"]
    assert titles(db, date_from=today + timedelta(days=10)) == ["Later"]


def test_only_published_visible_current_missions(db, site, make_mission, make_account):
    make_mission("Draft", status=MissionStatus.DRAFT)
    make_mission("Pending", status=MissionStatus.PENDING)
    hidden = make_mission("Hidden")
    db.flush()
    moderator = load_actor(db, make_account("moderator"))
    decide(db, site, moderator, ContentRef("volunteers.mission", hidden.public_id), "hide", reason="Spam")
    make_mission("Past", starts_in=timedelta(days=-3))
    make_mission("Event", category=Category.EVENT)
    make_mission("Shown")
    db.commit()
    assert titles(db) == ["Shown"]
    assert titles(db, category=Category.EVENT) == ["Event"]


def test_pagination_and_count(db, make_mission):
    for n in range(25):
        make_mission(f"Mission {n:02}", starts_in=timedelta(days=1, hours=n))
    page = search_missions(db, MissionFilters(page=2), page_size=20)
    assert page.total == 25
    assert page.pages == 2
    assert len(page.rows) == 5
    assert page.rows[0].title == "Mission 20"
    beyond = search_missions(db, MissionFilters(page=9), page_size=20)
    assert beyond.page == 2  # a page past the end shows the last one


def test_search_page_lists_cards_with_places(client, make_mission):
    make_mission("Maraude solidaire", capacity=40)
    response = client.get("/en/volunteers?q=maraude")
    assert response.status_code == 200
    assert "1 mission found" in response.text
    assert "Be the first to act!" in response.text
    assert "Proposed by Les Amis du Quartier" in response.text
    fr = client.get("/fr/volunteers?q=maraude")
    assert "Soyez le premier à agir\u202f!" in fr.text
    ja = client.get("/ja/volunteers?q=maraude")
    assert ja.status_code == 200


def test_card_shows_already_taken(db, site, client, make_mission, make_account):
    from parvis.plugins.volunteers import signup

    mission = make_mission("Collecte", capacity=40)
    for _ in range(11):
        signup.join(db, site, mission.slots[0].id, make_account())
    db.commit()
    assert "Already 11 / 40 participants!" in client.get("/en/volunteers").text
    assert "Déjà 11 / 40 participants\u202f!" in client.get("/fr/volunteers").text


def test_bad_filters_are_ignored_with_a_notice(client, make_mission):
    make_mission("Repas")
    response = client.get(
        "/en/volunteers?theme=nope&district=99&type=odd&from=2026-13-45&to=yesterday&page=-3&view=globe&places=maybe"
    )
    assert response.status_code == 200
    text = response.text
    assert "There is no theme" in text
    assert "There is no arrondissement" in text
    assert "There is no mission type" in text
    assert "is not a date like" in text
    assert "is not a page number" in text
    assert "There is no view" in text
    assert "1 mission found" in text
    long = client.get("/en/volunteers?q=" + "x" * 500)
    assert long.status_code == 200
    assert "shortened" in long.text


def test_htmx_gets_only_results_and_a_clean_shareable_url(client, make_mission):
    make_mission("Repas", theme="solidarity")
    response = client.get(
        "/fr/volunteers?q=repas&theme=solidarity&district=&from=&to=",
        headers={"hx-request": "true", "hx-target": "results"},
    )
    assert response.status_code == 200
    assert "<form" not in response.text
    assert "site-header" not in response.text
    assert 'id="results-announce" hx-swap-oob="innerHTML"' in response.text
    assert response.headers["hx-push-url"] == "/fr/volunteers?q=repas&theme=solidarity"


def test_history_restore_gets_the_whole_page(client):
    response = client.get(
        "/en/volunteers", headers={"hx-request": "true", "hx-history-restore-request": "true"}
    )
    assert "site-header" in response.text


@pytest.mark.hooks("content_security_sources")
def test_map_view_lists_too_and_allows_the_tile_server(client, site, make_mission):
    make_mission("Repas")
    response = client.get("/en/volunteers?view=map&q=repas")
    assert response.status_code == 200
    assert 'id="vol-map"' in response.text
    assert "leaflet.js" in response.text
    assert "Repas" in response.text  # the list stays below the map
    # The policy is computed when an app is built (a cached app may come from a test without tiles).
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    with ParvisClient(create_app(site), base_url="http://testserver.local") as fresh:
        csp = fresh.get("/en/volunteers?view=map").headers["content-security-policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org" in csp
    assert "script-src 'self';" in csp  # tiles are images only


def test_pins_follow_the_filters(client, make_mission):
    make_mission("Repas", theme="solidarity")
    make_mission("Concert", theme="culture")
    make_mission("Sans lieu", theme="culture", latitude=None, longitude=None)
    data = client.get("/en/volunteers/pins.json?theme=culture").json()
    assert [p["title"] for p in data["pins"]] == ["Concert"]
    assert data["pins"][0]["url"].startswith("/en/volunteers/missions/")


@pytest.mark.parametrize("lang", ["fr", "en", "ja"])
def test_events_programme(client, make_mission, lang):
    from parvis.plugins.volunteers.models import EventType

    make_mission("Balade du canal", category=Category.EVENT, event_type=EventType.WALK)
    response = client.get(f"/{lang}/volunteers/events")
    assert response.status_code == 200
    assert "Balade du canal" in response.text
    assert client.get(f"/{lang}/volunteers/events?event=visit").text.count("Balade du canal") == 0
