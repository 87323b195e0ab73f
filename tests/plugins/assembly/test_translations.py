"""A promotion's title (its term's label) in every site language, shown translated on the
Assembly's pages, and translated by whoever runs the Assembly."""

from parvis.content_translations import service
from parvis.content_translations.registry import translatable_kinds


def test_a_promotions_title_shows_translated(client, db, site, promotion):
    kind = translatable_kinds(site)["assembly.promotion"]
    service.save(db, site, kind, promotion, {("label", "en"): "Class of the tests"})
    db.commit()
    assert "Class of the tests" in client.get("/en/assembly").text
    assert "Class of the tests" not in client.get("/fr/assembly").text


def test_a_promotions_translations_page_is_refused_to_citizens(client, db, promotion, login_as):
    path = f"/en/admin/translations/assembly.promotion/{promotion.id}"
    login_as()
    assert client.get(path).status_code == 403
    client.cookies.clear()
    login_as("official")
    assert client.get(path).status_code == 200
