"""Open data: JSON documented in the OpenAPI schema, CSV, the search's filters, 400 on bad input."""

import csv
import io

from parvis.plugins.volunteers.models import MissionKind


def test_json_with_filters(client, make_mission):
    make_mission("Repas", theme="solidarity")
    make_mission("Concert", theme="culture", kind=MissionKind.REMOTE, description="Jouer de la musique.")
    data = client.get("/api/volunteers/missions.json?theme=culture").json()
    assert data["count"] == 1
    assert data["pages"] == 1
    [mission] = data["missions"]
    assert mission["title"] == "Concert"
    assert mission["type"] == "remote"
    assert mission["places_left"] == 10
    assert mission["url"].endswith(f"/fr/volunteers/missions/{mission['id']}")
    assert client.get("/api/volunteers/missions.json?q=repas").json()["count"] == 1


def test_bad_filters_answer_400(client):
    response = client.get("/api/volunteers/missions.json?theme=nope", headers={"accept-language": "en"})
    assert response.status_code == 400
    assert response.json()["status"] == 400
    assert "no theme" in response.json()["detail"]
    french = client.get("/api/volunteers/missions.json?theme=nope", headers={"accept-language": "fr"})
    assert "pas de thématique" in french.json()["detail"]
    assert client.get("/api/volunteers/missions.csv?from=someday").status_code == 400
    assert client.get("/api/volunteers/missions.json?category=party").status_code == 400


def test_csv(client, make_mission):
    make_mission('=HYPERLINK("x")')
    response = client.get("/api/volunteers/missions.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1
    assert rows[0]["title"].startswith("'=")
    assert rows[0]["places"] == "10"


def test_documented_in_openapi(client):
    schema = client.get("/api/schema/openapi.json").json()
    assert "/api/volunteers/missions.json" in schema["paths"]
    components = schema["components"]["schemas"]
    assert any(name.endswith("MissionList") for name in components)
    assert any(name.endswith("MissionOut") for name in components)
    assert not any("calendar" in path for path in schema["paths"])  # private feeds are not advertised
    operation = schema["paths"]["/api/volunteers/missions.json"]["get"]
    documented = {p["name"] for p in operation["parameters"]}
    assert {"q", "theme", "district", "type", "from", "to", "places", "category", "page"} <= documented
    assert "filters" in operation["description"]  # the handler's docstring explains them
