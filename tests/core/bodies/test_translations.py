"""Officials' texts in every site language (parvis.content_translations), on participatory bodies:
the public pages, the back office's translations page, its rights, and one query per list."""

import pytest
from sqlalchemy import event, select

from parvis.bodies import services
from parvis.content_translations import service
from parvis.content_translations.models import ContentTranslation
from parvis.content_translations.registry import translatable_kinds
from parvis.testing import audit_entries


def translate(db, site, body, **texts):
    """``translate(db, site, body, name__en="...", name__ja="...")``."""
    kind = translatable_kinds(site)["core.body"]
    pairs = {tuple(key.split("__")): text for key, text in texts.items()}
    service.save(db, site, kind, body, pairs)
    db.commit()


def test_a_translated_name_and_description_show_in_english_and_japanese(client, db, site, council):
    translate(db, site, council, name__en="Council of Samples", description__en="A council.\nSecond line.")
    translate(db, site, council, name__ja="サンプル評議会")
    english = client.get(f"/en/bodies/{council.slug}").text
    assert "<h1>Council of Samples</h1>" in english
    assert "A council.<br>\nSecond line." in english
    assert "<title>Council of Samples" in english
    japanese = client.get(f"/ja/bodies/{council.slug}").text
    assert "<h1>サンプル評議会</h1>" in japanese
    assert "サンプル評議会" in client.get("/ja/bodies").text


def test_a_missing_translation_shows_the_original_marked_french_with_a_note(client, db, site, council):
    english = client.get(f"/en/bodies/{council.slug}").text
    note = '<small class="translation-note">(in French)</small>'
    assert f'<h1><span lang="fr">Conseil des Échantillons</span> {note}</h1>' in english
    japanese = client.get(f"/ja/bodies/{council.slug}").text
    assert '<span lang="fr">Conseil des Échantillons</span>' in japanese
    assert "フランス語" in japanese
    french = client.get(f"/fr/bodies/{council.slug}").text
    assert "<h1>Conseil des Échantillons</h1>" in french and 'lang="fr">Conseil' not in french


def test_translations_are_escaped(client, db, site, council):
    translate(db, site, council, name__en="<script>alert(1)</script> & co", description__en="<b>bold</b>")
    page = client.get(f"/en/bodies/{council.slug}").text
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    council.name = "<i>Conseil</i>"
    db.commit()
    translate(db, site, council, name__en="")
    assert "&lt;i&gt;Conseil&lt;/i&gt;" in client.get(f"/en/bodies/{council.slug}").text


def test_editing_the_original_marks_its_translations_as_needing_translation(db, site, council):
    kind = translatable_kinds(site)["core.body"]
    translate(db, site, council, name__en="Council of Samples", name__ja="サンプル評議会")
    assert not any(state.outdated for state in service.states(db, site, kind, council).values())
    services.update_body(
        db,
        site,
        council,
        name="Conseil des Exemples",
        description=council.description,
        eligibility=council.eligibility,
    )
    db.commit()
    states = service.states(db, site, kind, council)
    assert states[("name", "en")].outdated and states[("name", "ja")].outdated
    assert not states[("description", "en")].outdated
    [pending] = [p for p in service.pending(db, site, [kind]) if p.obj.id == council.id]
    assert pending.outdated == 2
    # Saving the translation again says it still holds.
    translate(db, site, council, name__en="Council of Examples", name__ja="サンプル評議会")
    assert not service.states(db, site, kind, council)[("name", "ja")].outdated


@pytest.mark.hooks("register_translatable_kinds")
def test_an_official_translates_side_by_side_and_the_change_is_audited(client, db, site, login_as, council):
    login_as("official")
    edit = client.get(f"/en/admin/bodies/{council.slug}").text
    path = f"/admin/translations/core.body/{council.id}"
    assert f'href="/en{path}"' in edit
    form = client.get(f"/en{path}").text
    assert (
        "Conseil des Échantillons" in form and 'name="name__en"' in form and 'name="description__ja"' in form
    )
    response = client.post(
        f"/en{path}",
        data={"name__en": "Council of Samples", "name__ja": "サンプル評議会"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    rows = db.scalars(select(ContentTranslation).order_by(ContentTranslation.language)).all()
    assert [(r.field, r.language, r.text) for r in rows] == [
        ("name", "en", "Council of Samples"),
        ("name", "ja", "サンプル評議会"),
    ]
    assert rows[0].translated_by_id is not None
    [entry] = audit_entries(db, "core.translations")
    assert entry.target_type == "core_body"
    listing = client.get("/en/admin/translations/").text
    assert f"/en{path}" in listing  # the description is still untranslated


def test_the_translations_page_is_refused_to_citizens_and_other_bodies_officials(
    client, db, site, login_as, council
):
    other = services.create_body(db, site, "sample_council", "Autre conseil")
    db.commit()
    path = f"/en/admin/translations/core.body/{council.id}"
    login_as()
    assert client.get(path).status_code == 403
    assert client.post(path, data={"name__en": "X"}).status_code == 403
    client.cookies.clear()
    login_as(body_roles={other.id: "official"})
    assert client.get(path).status_code == 403
    assert client.post(path, data={"name__en": "X"}).status_code == 403
    assert client.get(f"/en/admin/translations/core.body/{other.id}").status_code == 200
    listing = client.get("/en/admin/translations/").text
    assert f"core.body/{other.id}" in listing and f"core.body/{council.id}" not in listing
    assert db.scalar(select(ContentTranslation.id)) is None
    assert client.get("/en/admin/translations/no.such/1").status_code == 404


def queries_of(client, site, path):
    statements = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(site.engine, "before_cursor_execute", seen)
    try:
        page = client.get(path).text
    finally:
        event.remove(site.engine, "before_cursor_execute", seen)
    return page, statements


def test_a_list_page_loads_its_translations_in_one_query(client, db, site, council):
    def add(count):
        bodies = [
            services.create_body(db, site, "sample_council", f"Conseil {n}", "Texte") for n in range(count)
        ]
        db.commit()
        for body in bodies[::2]:
            translate(db, site, body, name__en=f"Council {body.id}")
        return bodies

    add(2)
    page, few = queries_of(client, site, "/en/bodies")
    many_bodies = add(40)
    page, many = queries_of(client, site, "/en/bodies")
    assert f"Council {many_bodies[0].id}" in page and page.count("(in French)") >= 20
    assert sum("core_content_translation" in s for s in many) == 1
    assert len(many) == len(few)  # the number of queries does not grow with the list


def test_a_bodys_groups_are_translated_on_its_page(client, db, site, council):
    group = services.add_group(
        db, site, council, name="Atelier délibération", kind="deliberation", description="Débat."
    )
    db.commit()
    kind = translatable_kinds(site)["core.group"]
    service.save(db, site, kind, group, {("name", "ja"): "熟議ワークショップ"})
    db.commit()
    page = client.get(f"/ja/bodies/{council.slug}").text
    assert "<h3>熟議ワークショップ</h3>" in page
    assert '<p><span lang="fr">Débat.</span>' in page


def test_the_back_office_links_to_the_translations_to_do(client, login_as):
    login_as("official")
    assert 'href="/en/admin/translations"' in client.get("/en/admin").text


def test_outside_a_request_tr_gives_the_original_escaped_only_in_html(site):
    from types import SimpleNamespace

    from parvis.web.templating import build_environment

    body = SimpleNamespace(name="Conseil <A & B>")
    html = build_environment(site.template_dirs).from_string('{{ tr(body, "name") }}').render(body=body)
    text = build_environment(site.template_dirs, plain_text=True).from_string('{{ tr(body, "name") }}')
    assert html == "Conseil &lt;A &amp; B&gt;"
    assert text.render(body=body) == "Conseil <A & B>"
