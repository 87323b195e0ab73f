"""Calls for applications in every site language: the home page's card, the apply page, and the
translations page guarded by the council's management right."""

from sqlalchemy import select

from parvis.content_translations import service
from parvis.content_translations.models import ContentTranslation
from parvis.content_translations.registry import translatable_kinds


def translate(db, site, kind, obj, **texts):
    service.save(
        db, site, translatable_kinds(site)[kind], obj, {tuple(k.split("__")): v for k, v in texts.items()}
    )
    db.commit()


def test_a_translated_call_shows_in_english_and_the_body_name_reads_as_a_proper_noun(
    client, db, site, body, call
):
    call.description = "Postulez."
    db.commit()
    translate(db, site, "councils.call", call, title__en="2027 call", description__en="Apply <now>.")
    home = client.get("/en/").text
    assert "2027 call" in home and "Appel 2027" not in home
    # The body's name opens the sentence, marked French, instead of "Applications to Conseil ... are open".
    assert '<span lang="fr">Conseil des Échantillons</span>: applications are open' in home
    apply = client.get(f"/en/bodies/{body.slug}/apply").text
    assert "<h2>2027 call</h2>" in apply and "Apply &lt;now&gt;." in apply
    japanese = client.get(f"/ja/bodies/{body.slug}/apply").text
    assert '<h2><span lang="fr">Appel 2027</span> <small class="translation-note">' in japanese
    assert '<p><span lang="fr">Postulez.</span>' in japanese


def test_the_calls_translations_are_for_the_councils_managers_only(client, db, site, body, call, login_as):
    path = f"/en/admin/translations/councils.call/{call.id}"
    login_as()
    assert client.get(path).status_code == 403
    client.cookies.clear()
    login_as("official")
    assert f'href="{path}"' in client.get(f"/en/admin/bodies/{body.slug}/calls/{call.public_id}").text
    assert client.post(path, data={"title__en": "2027 call"}, follow_redirects=False).status_code == 303
    assert db.scalar(select(ContentTranslation.text)) == "2027 call"
