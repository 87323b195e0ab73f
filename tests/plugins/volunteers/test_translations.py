"""Missions' titles and descriptions in every site language: the catalogue's cards, the mission's
page, and the translations page for the organisation's members."""

from sqlalchemy import select

from parvis.api.content_translations import translatable_kinds
from parvis.content_translations import service
from parvis.content_translations.models import ContentTranslation


def test_the_catalogue_and_the_mission_page_show_translated_titles(client, db, site, make_mission):
    translated = make_mission("Distribution de repas", description="Servir des repas.\nLe soir.")
    untranslated = make_mission("Nettoyage du canal")
    kind = translatable_kinds(site)["volunteers.mission"]
    service.save(
        db,
        site,
        kind,
        translated,
        {("title", "en"): "Meal <service>", ("description", "en"): "Serve.\nAt night."},
    )
    db.commit()
    catalogue = client.get("/en/volunteers").text
    assert "Meal &lt;service&gt;" in catalogue and "Distribution de repas" not in catalogue
    assert (
        '<span lang="fr">Nettoyage du canal</span> <small class="translation-note">(in French)</small>'
        in catalogue
    )
    page = client.get(f"/en/volunteers/missions/{translated.public_id}").text
    assert "<h1>Meal &lt;service&gt;</h1>" in page and "Serve.<br>\nAt night." in page
    assert "<title>Meal &lt;service&gt;" in page
    assert untranslated.title in client.get("/fr/volunteers").text


def test_an_organisations_member_translates_its_missions_others_may_not(
    client, db, make_mission, make_organisation, login_as, add_member, organisation
):
    mission = make_mission()
    path = f"/en/admin/translations/volunteers.mission/{mission.id}"
    outsider_org = make_organisation("autres")
    login_as()
    assert client.get(path).status_code == 403
    client.cookies.clear()
    other = login_as()
    add_member(outsider_org, other)
    assert client.post(path, data={"title__en": "X"}).status_code == 403
    client.cookies.clear()
    member = login_as()
    add_member(organisation, member)
    assert f'href="{path}"' in client.get(f"/en/volunteers/missions/{mission.public_id}/edit").text
    assert client.post(path, data={"title__en": "Meals"}, follow_redirects=False).status_code == 303
    assert db.scalar(select(ContentTranslation.text)) == "Meals"
