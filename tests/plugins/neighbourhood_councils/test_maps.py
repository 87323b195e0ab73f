"""Councils on maps: a council's perimeter (drawn on the server, and as GeoJSON for the map), the
districts' outlines on the index map, and "find my council" from an address (a stub geocoder)."""

from __future__ import annotations

from parvis.api import maps


def point_in(site, kind: str, code: str) -> tuple[float, float]:
    inside = maps.shapes_of(site).of(kind)[code].representative_point()
    return inside.y, inside.x


def test_a_councils_page_shows_its_perimeter(client, site, make_council, districts):
    council = make_council(districts[0], name="Conseil des Lilas")
    (hood,) = council.neighbourhoods
    page = client.get(f"/en/neighbourhood-councils/{council.slug}").text
    name = site.config.neighbourhood(hood).name
    assert 'aria-label="Perimeter of Conseil des Lilas"' in page
    assert f'<g class="shape" role="img" aria-label="{name}" data-code="{hood}">' in page
    assert f'data-shapes="/en/neighbourhood-councils/{council.slug}/perimeter.geojson"' in page
    assert 'data-shapes-attribution="Approximate shapes drawn for the demonstration' in page
    shapes = client.get(f"/en/neighbourhood-councils/{council.slug}/perimeter.geojson")
    assert shapes.status_code == 200 and shapes.headers["content-type"].startswith("application/geo+json")
    assert [f["properties"]["code"] for f in shapes.json()["features"]] == [hood]


def test_the_index_map_shows_the_districts(client, site):
    page = client.get("/en/neighbourhood-councils").text
    assert 'data-shapes="/en/neighbourhood-councils/districts.geojson"' in page
    found = client.get("/en/neighbourhood-councils/districts.geojson").json()
    assert len(found["features"]) == len(site.config.districts)
    assert found["features"][0]["properties"]["url"].startswith("/en/neighbourhood-councils?district=")


def test_find_my_council_from_an_address(client, site, make_council, districts, geocoder):
    council = make_council(districts[0], name="Conseil des Lilas")
    make_council(districts[0], name="Conseil voisin")  # same district, same first neighbourhood
    (hood,) = council.neighbourhoods
    geocoder.answers["3 rue des lilas"] = point_in(site, "neighbourhood", hood)
    form = client.get("/en/neighbourhood-councils").text
    assert 'id="nbhd-address"' in form
    found = client.get("/en/neighbourhood-councils", params={"address": "3 rue des lilas"}).text
    assert "Address found: 3 Rue Des Lilas." in found
    assert f"It is in the {site.config.neighbourhood(hood).name} neighbourhood" in found
    assert "Your councils:" in found and f'href="/en/neighbourhood-councils/{council.slug}"' in found
    assert "address search" not in found
    # A typed address wins over the district list (preselected with a resident's own district).
    both = client.get(
        "/en/neighbourhood-councils", params={"district": districts[1], "address": "3 rue des lilas"}
    )
    assert "Your councils:" in both.text and f'href="/en/neighbourhood-councils/{council.slug}"' in both.text
    missing = client.get("/en/neighbourhood-councils", params={"address": "nowhere"}).text
    assert "This address was not found" in missing
    geocoder.down = True
    down = client.get("/en/neighbourhood-councils", params={"address": "3 rue des lilas"})
    assert down.status_code == 200 and "address search is not available" in down.text
    # The list of districts still works.
    chosen = client.get("/en/neighbourhood-councils", params={"district": districts[0]}).text
    assert "Conseil des Lilas" in chosen


def test_without_a_geocoder_the_district_list_only(client, make_council, districts):
    make_council(districts[0], name="Conseil des Lilas")
    page = client.get("/en/neighbourhood-councils", params={"address": "3 rue des lilas"}).text
    assert 'id="nbhd-address"' not in page and 'id="nbhd-district"' in page
