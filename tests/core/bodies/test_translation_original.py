"""An object's original language (parvis.content_translations): a body whose texts an official
typed in English on a French site is shown marked lang="en" with "(in English)", translated into
French and Japanese, and its translations page offers those languages but English."""

from sqlalchemy import select

from parvis.content_translations import service
from parvis.content_translations.models import ContentOriginal, ContentTranslation
from parvis.content_translations.registry import translatable_kinds
from parvis.testing import audit_entries

FR_NOTE = '<small class="translation-note">(en anglais)</small>'


def kind_of(site):
    return translatable_kinds(site)["core.body"]


def make_english(db, site, body):
    body.name, body.description = "Council of Samples", "A council."
    dropped = service.set_original(db, site, kind_of(site), body, "en")
    db.commit()
    return dropped


def test_an_original_in_english_is_marked_english_on_french_and_japanese_pages(client, db, site, council):
    make_english(db, site, council)
    french = client.get(f"/fr/bodies/{council.slug}").text
    assert f'<h1><span lang="en">Council of Samples</span> {FR_NOTE}</h1>' in french
    assert 'lang="fr">Council' not in french
    japanese = client.get(f"/ja/bodies/{council.slug}").text
    assert '<span lang="en">Council of Samples</span>' in japanese and "英語" in japanese
    english = client.get(f"/en/bodies/{council.slug}").text
    assert (
        "<h1>Council of Samples</h1>" in english and "translation-note" not in english.split("<h1>")[1][:80]
    )


def test_its_french_and_japanese_translations_show_and_need_translation_when_missing(
    client, db, site, council
):
    make_english(db, site, council)
    kind = kind_of(site)
    assert sorted(language for _name, language in service.states(db, site, kind, council)) == [
        "fr",
        "fr",
        "ja",
        "ja",
    ]
    service.save(
        db, site, kind, council, {("name", "fr"): "Conseil des Échantillons", ("name", "en"): "ignored"}
    )
    db.commit()
    assert "<h1>Conseil des Échantillons</h1>" in client.get(f"/fr/bodies/{council.slug}").text
    rows = db.scalars(select(ContentTranslation)).all()
    assert [(r.field, r.language) for r in rows] == [("name", "fr")]  # not into the original's language
    [pending] = [p for p in service.pending(db, site, [kind]) if p.obj.id == council.id]
    assert (pending.language, pending.missing) == ("en", 3)  # description in fr and ja, name in ja


def test_a_translation_into_the_new_original_language_is_dropped_the_others_kept(db, site, council):
    kind = kind_of(site)
    service.save(
        db, site, kind, council, {("name", "en"): "Council of Samples", ("name", "ja"): "サンプル評議会"}
    )
    db.commit()
    assert make_english(db, site, council) == 1
    rows = db.scalars(select(ContentTranslation)).all()
    assert [(r.field, r.language, r.text) for r in rows] == [("name", "ja", "サンプル評議会")]
    # Back to the site's default language: no row is kept, the object follows the default.
    service.set_original(db, site, kind, council, "fr")
    db.commit()
    assert db.scalar(select(ContentOriginal.id)) is None
    assert service.original_of(db, site, kind, council) == "fr"


def test_an_official_changes_the_original_language_and_it_is_audited(client, db, site, login_as, council):
    login_as("official")
    path = f"/en/admin/translations/core.body/{council.id}"
    form = client.get(path).text
    assert 'name="language"' in form and 'name="name__en"' in form and 'name="name__fr"' not in form
    response = client.post(f"{path}/original", data={"language": "en"}, follow_redirects=False)
    assert response.status_code == 303
    form = client.get(path).text
    assert 'name="name__fr"' in form and 'name="name__en"' not in form
    assert '<blockquote lang="en">' in form
    [entry] = audit_entries(db, "core.translations.original")
    assert entry.details == {"kind": "core.body", "language": "en", "previous": "fr", "dropped": 0}


def test_a_language_the_site_lacks_is_refused_with_a_message(client, db, site, login_as, council):
    login_as("official")
    path = f"/en/admin/translations/core.body/{council.id}/original"
    response = client.post(path, data={"language": "de"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert db.scalar(select(ContentOriginal.id)) is None


def test_changing_the_original_language_is_refused_to_citizens_and_without_csrf(
    client, db, site, login_as, council
):
    path = f"/en/admin/translations/core.body/{council.id}/original"
    login_as()
    assert client.post(path, data={"language": "en"}).status_code == 403
    client.cookies.clear()
    login_as("official")
    assert client.post(path, data={"language": "en"}, csrf=False).status_code == 403
    assert db.scalar(select(ContentOriginal.id)) is None
    assert not audit_entries(db, "core.translations.original")
