"""Councils' names and descriptions and Beautify programmes' titles in every site language: shown
translated, or the original marked with its language; translated by their district's officials only."""

from parvis.content_translations import service
from parvis.content_translations.registry import translatable_kinds


def translate(db, site, kind, obj, texts):
    service.save(db, site, translatable_kinds(site)[kind], obj, texts)
    db.commit()


def test_a_councils_name_and_description_show_translated_or_marked(client, db, site, districts, make_council):
    council = make_council(districts[0], name="Conseil de quartier Nord", description="Réunions mensuelles.")
    translate(
        db, site, "neighbourhood_councils.council", council, {("name", "en"): "North neighbourhood council"}
    )
    english = client.get(f"/en/neighbourhood-councils/{council.slug}").text
    assert "<h1>North neighbourhood council</h1>" in english
    assert '<span lang="fr">Réunions mensuelles.</span>' in english
    assert "North neighbourhood council" in client.get("/en/neighbourhood-councils").text
    japanese = client.get(f"/ja/neighbourhood-councils/{council.slug}").text
    assert '<h1><span lang="fr">Conseil de quartier Nord</span>' in japanese


def test_a_programmes_title_shows_translated(client, db, site, districts, make_programme):
    programme = make_programme(districts[0], title="Embellir la place du marché")
    translate(db, site, "neighbourhood_councils.programme", programme, {("title", "ja"): "市場広場を美しく"})
    assert "<h1>市場広場を美しく</h1>" in client.get(f"/ja/beautify/{programme.slug}").text
    assert '<span lang="fr">Embellir la place du marché</span>' in client.get("/en/beautify").text


def test_only_the_districts_officials_translate_its_council(
    client, db, site, districts, make_council, login_as
):
    council = make_council(districts[0])
    path = f"/en/admin/translations/neighbourhood_councils.council/{council.id}"
    login_as(district_roles={districts[1]: "official"})
    assert client.post(path, data={"name__en": "X"}).status_code == 403
    client.cookies.clear()
    login_as(district_roles={districts[0]: "official"})
    assert client.post(path, data={"name__en": "Test council"}, follow_redirects=False).status_code == 303
    assert "<h1>Test council</h1>" in client.get(f"/en/neighbourhood-councils/{council.slug}").text
