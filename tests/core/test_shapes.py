"""District and neighbourhood shapes ([map] shapes): checked with the configuration, point lookup,
GeoJSON and SVG for pages, classes of a choropleth, and the geocoder (a local stub)."""

import json

import pytest

from parvis.api import maps
from parvis.config import BUNDLED_PROFILE, ConfigError, load_config
from parvis.geocoding import GeocoderUnavailable

SQUARE = [[[2.30, 48.84], [2.32, 48.84], [2.32, 48.86], [2.30, 48.86], [2.30, 48.84]]]
BOWTIE = [[[2.30, 48.84], [2.32, 48.86], [2.32, 48.84], [2.30, 48.86], [2.30, 48.84]]]


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def polygon(coordinates=SQUARE):
    return {"type": "Polygon", "coordinates": coordinates}


def site_with(tmp_path, features, *, shapes="shapes.geojson", geocoder=""):
    (tmp_path / "shapes.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    text = BUNDLED_PROFILE.read_text(encoding="utf-8").replace(
        'shapes = "paris/shapes.geojson"', f'shapes = "{shapes}"'
    )
    text = text.replace('[geocoding]\nurl = ""', f'[geocoding]\nurl = "{geocoder}"')
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def refusal(tmp_path, features, **kwargs):
    with pytest.raises(ConfigError) as caught:
        site_with(tmp_path, features, **kwargs)
    return str(caught.value)


def test_the_demo_profiles_ship_approximate_shapes_for_every_district():
    for config in (load_config(), load_config(BUNDLED_PROFILE.parent / "example.toml")):
        found = maps.shapes_of(config)
        assert set(found.districts) == {d.code for d in config.districts}
        assert set(found.neighbourhoods) == {n.code for n in config.neighbourhoods}
        assert "APPROXIMATE" in found.attribution
        # Neighbourhoods subdivide their district: a point of one is in that district.
        for hood in config.neighbourhoods:
            inside = found.neighbourhoods[hood.code].representative_point()
            assert maps.district_at(config, inside.y, inside.x) == hood.district
            assert maps.neighbourhood_at(config, inside.y, inside.x) == hood.code


def test_point_lookup_and_outside(tmp_path):
    config = site_with(tmp_path, [feature(polygon(), neighbourhood="marais")])
    assert maps.neighbourhood_at(config, 48.85, 2.31) == "marais"
    # No district feature: the district is the union of its neighbourhoods' shapes.
    assert maps.district_at(config, 48.85, 2.31) == "centre"
    assert maps.district_at(config, 48.85, 2.40) is None
    assert maps.has_shapes(config, "district") and not maps.has_shapes(
        load_config(tmp_path / "city.toml"), "x"
    )
    collection = maps.geojson(config, "neighbourhood", properties={"marais": {"members": 3}})
    (only,) = collection["features"]
    assert only["properties"] == {"code": "marais", "name": "Marais", "members": 3}
    assert only["geometry"]["type"] == "Polygon"


@pytest.mark.parametrize(
    ("features", "words"),
    [
        ([feature(polygon(), district="99")], "feature 0: unknown district '99'"),
        ([feature(polygon(), neighbourhood="atlantis")], "unknown neighbourhood 'atlantis'"),
        ([feature(polygon(), district="5"), feature(polygon(), district="5")], "feature 1: a second shape"),
        ([feature(polygon(BOWTIE), district="5")], "feature 0: invalid geometry: Self-intersection"),
        ([feature({"type": "Point", "coordinates": [2.3, 48.8]}, district="5")], "Polygon or a MultiPolygon"),
        ([feature(polygon([[[248.8, 2.3], [249, 2.3], [249, 2.4], [248.8, 2.3]]]), district="5")], "WGS 84"),
        ([feature(polygon())], "properties.district or properties.neighbourhood"),
    ],
)
def test_bad_shapes_are_refused_naming_the_file_and_the_feature(tmp_path, features, words):
    message = refusal(tmp_path, features)
    assert "city.toml, line" in message and "map.shapes" in message
    assert "shapes.geojson" in message and words in message


def test_missing_or_unreadable_shapes_file(tmp_path):
    assert "no such shapes file" in refusal(tmp_path, [], shapes="nowhere.geojson")
    (tmp_path / "bad.geojson").write_text("{not json")
    assert "not valid GeoJSON" in refusal(tmp_path, [], shapes="bad.geojson")


def test_geocoding_url_is_checked(tmp_path):
    message = refusal(tmp_path, [], geocoder="ftp://example.org/?q=x")
    assert "geocoding.url" in message and "{query}" in message


def test_class_breaks_round_outwards_and_classes():
    breaks = maps.class_breaks([0.057, 0.081, 0.118])
    assert breaks == [0.04, 0.06, 0.08, 0.1, 0.12]
    assert [maps.class_of(v, breaks) for v in (0.04, 0.057, 0.06, 0.081, 0.118, 0.12)] == [0, 0, 1, 2, 3, 3]
    assert maps.class_breaks([0.45, 0.89]) == [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    assert maps.class_breaks([0.0, 1.0]) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert maps.class_breaks([]) == []
    assert maps.class_breaks([0.5, 0.5]) == [0.5, 0.51]
    # Fewer classes than colours: the palette spreads from lightest to darkest.
    assert [c for c, _, _ in maps.legend(breaks)] == [maps.SEQUENTIAL[i] for i in (0, 1, 3, 4)]


def test_svg_map_draws_labelled_focusable_regions(tmp_path):
    config = site_with(tmp_path, [feature(polygon(), district="5"), feature(polygon(SQUARE), district="6")])
    svg = maps.svg_map(
        config,
        [
            maps.Region("district", "5", maps.SEQUENTIAL[2], "5e: 12 %", "#row-5"),
            maps.Region("district", "6", maps.CONTEXT),
            maps.Region("district", "7", maps.SEQUENTIAL[0], "not drawn"),
        ],
        label="Turnout <by> district",
    )
    assert 'aria-label="Turnout &lt;by&gt; district"' in svg
    assert '<a href="#row-5" class="shape" aria-label="5e: 12 %"' in svg and "<title>5e: 12 %</title>" in svg
    assert f'fill="{maps.SEQUENTIAL[2]}"' in svg and 'aria-hidden="true"' in svg
    assert "not drawn" not in svg
    assert maps.svg_map(config, [maps.Region("district", "7")], label="x") == ""


def test_geocoder_success_no_match_and_down(site, geocoder):
    geocoder.answers["12 rue des lilas"] = (48.8566, 2.3522)
    found = maps.locate(site, "  12 rue   des lilas ")
    assert (found.found.latitude, found.found.longitude) == (48.8566, 2.3522)
    assert found.found.label == "12 Rue Des Lilas"
    assert found.district == "centre" and found.neighbourhood == "marais"
    assert maps.locate(site, "nowhere street") is None
    geocoder.down = True
    with pytest.raises(GeocoderUnavailable):
        maps.geocode(site, "12 rue des lilas")
    assert geocoder.queries == ["12 rue des lilas", "nowhere street", "12 rue des lilas"]


def test_no_geocoder_configured_means_no_lookup(site):
    assert not maps.geocoding_enabled(site)
    assert maps.geocode(site, "12 rue des lilas") is None


def test_config_check_refuses_bad_shapes_with_status_2(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from parvis.cli import cli

    monkeypatch.setenv("PARVIS_LANG", "en")
    site_with(tmp_path, [])  # writes city.toml and an empty, valid collection
    (tmp_path / "shapes.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature(polygon(BOWTIE), district="5")]})
    )
    result = CliRunner().invoke(cli, ["config", "check", str(tmp_path / "city.toml")])
    assert result.exit_code == 2
    assert "shapes.geojson, feature 0: invalid geometry" in result.output
