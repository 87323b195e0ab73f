"""The vote's maps: results and live turnout coloured by district from the site's shapes (classes
from the counts given here), none without shapes; finding one's voting place from an address."""

from __future__ import annotations

import re

import pytest

from parvis.api import maps
from parvis.auth import load_actor
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.services.counts import CountInput


def fills(page: str, figure: str) -> dict[str, str]:
    """District code -> fill of the focusable shapes of one figure's SVG."""
    svg = re.search(rf'<svg [^>]*id="{figure}-map">(.*?)</svg>', page, re.DOTALL)
    assert svg, f"no map {figure}"
    return dict(
        re.findall(
            r'<a href="#[^"]*" class="shape" aria-label="[^"]*" data-code="([^"]+)">'
            r'<path [^>]*fill="([^"]+)"',
            svg.group(1),
        )
    )


@pytest.fixture
def published(db, site, make_vote, make_account, districts):
    """A closed vote: 3 electors per district; 2 ballots in the first (1 yes, 1 no), 1 in the
    second (yes): turnout 67 % and 33 %, "Yes" leads with shares 50 % and 100 %."""
    vote = make_vote("closed")
    officials = [load_actor(db, make_account("official")) for _ in range(2)]
    answers = {districts[0]: (2, [1, 1]), districts[1]: (1, [1, 0])}
    for place in vote.places:
        ballots, votes = answers[place.district]
        figures = {
            q.id: (votes if not q.district else [ballots, 0], 0, 0)
            for q in services.questions_for(vote, place.district)
        }
        for official in officials:
            services.enter_count(db, vote, place, official, CountInput(ballots, figures), now=site.now())
        place.mismatch_reason = "No poll book in this test"
    services.publish(db, vote, now=site.now())
    db.commit()
    return vote


def test_results_colour_districts_by_turnout_and_leading_share(client, published, districts):
    page = client.get(f"/en/votes/{published.slug}/results").text
    question = next(q for q in published.questions if not q.district)
    first, second = districts
    # Turnout 2/3 and 1/3: classes of 10 points from 30 % to 70 %, the palette spread over 4.
    assert fills(page, f"turnout-{question.id}") == {first: maps.SEQUENTIAL[4], second: maps.SEQUENTIAL[0]}
    assert "30% to 40%" in page and "60% to 70%" in page
    # "Yes" leads the city: 50 % and 100 % are classes of 20 points from 40 %, spread over 3.
    assert fills(page, f"share-{question.id}") == {first: maps.SEQUENTIAL[0], second: maps.SEQUENTIAL[4]}
    assert "“Yes” (the leading answer)" in page and "80% to 100%" in page
    # Each district's figures on hover and focus, linked to its row of the table below.
    assert 'aria-label="Paris Centre: turnout 66.7%, “Yes” 50.0%"' in page
    assert f'id="d{question.id}-{first}"' in page
    assert "Approximate shapes drawn for the demonstration" in page


def test_without_shapes_only_the_tables(client, site, published, monkeypatch):
    monkeypatch.setattr(site.config.map, "shapes", "")
    page = client.get(f"/en/votes/{published.slug}/results").text
    assert "shape-map" not in page and 'class="choropleth"' in page


def test_live_turnout_is_mapped(client, db, site, make_vote):
    from parvis.plugins.citizen_vote.services import turnout

    vote = make_vote()
    turnout.refresh(db, vote, site.now())
    db.commit()
    page = client.get(f"/en/votes/{vote.slug}").text
    assert 'id="live-turnout-map"' in page and 'href="#turnout-' in page


def test_an_elector_finds_their_voting_place_from_their_address(client, make_vote, geocoder, districts):
    vote = make_vote()
    geocoder.answers["4 place baudoyer"] = (48.8566, 2.3522)  # in the demo's Paris Centre
    assert 'id="address"' in client.get(f"/en/votes/{vote.slug}").text
    found = client.get(f"/en/votes/{vote.slug}", params={"address": "4 place baudoyer"})
    assert "Address found: 4 Place Baudoyer." in found.text
    assert f"Hall {districts[0]}" in found.text and f"Hall {districts[1]}" not in found.text
    missing = client.get(f"/en/votes/{vote.slug}", params={"address": "1 nowhere street"})
    assert "This address was not found" in missing.text
    geocoder.answers["far away"] = (45.0, 5.0)
    outside = client.get(f"/en/votes/{vote.slug}", params={"address": "far away"})
    assert "is in no district" in outside.text or "is in no arrondissement" in outside.text
    geocoder.down = True
    down = client.get(f"/en/votes/{vote.slug}", params={"address": "4 place baudoyer"})
    assert down.status_code == 200 and "address search is not available" in down.text


def test_without_a_geocoder_no_address_field(client, make_vote):
    vote = make_vote()
    page = client.get(f"/en/votes/{vote.slug}", params={"address": "4 place baudoyer"}).text
    assert 'id="address"' not in page and 'id="district"' in page


def test_address_searches_are_limited_per_client_address(client, site, make_vote, geocoder, monkeypatch):
    vote = make_vote()
    monkeypatch.setattr(site.config.geocoding, "searches_per_address_hour", 1)
    geocoder.answers["4 place baudoyer"] = (48.8566, 2.3522)
    assert (
        "Address found" in client.get(f"/en/votes/{vote.slug}", params={"address": "4 place baudoyer"}).text
    )
    again = client.get(f"/en/votes/{vote.slug}", params={"address": "4 place baudoyer"})
    assert again.status_code == 200 and "Please wait" in again.text
    assert geocoder.queries == ["4 place baudoyer"]  # the second search never reached the geocoder


def test_the_control_report_prints_the_maps_in_its_language(client, published, login_as, districts):
    login_as("official")
    page = client.get(f"/en/admin/votes/{published.slug}/report").text
    question = next(q for q in published.questions if not q.district)
    svg = re.search(rf'<svg [^>]*id="turnout-report-{question.position}-map">(.*?)</svg>', page, re.DOTALL)
    assert svg and "<a " not in svg.group(1)  # printed: no links
    assert 'aria-label="Paris Centre\u202f: participation 66,7' in svg.group(1)  # the report's French
