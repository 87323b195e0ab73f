"""Decisions' titles and summaries in every site language, on their public page and the body's
follow-up list."""

from parvis.content_translations import service
from parvis.content_translations.registry import translatable_kinds


def test_a_decisions_title_and_summary_show_translated_or_marked_french(
    client, db, site, make_decision, assembly
):
    adopted = make_decision("adopted", summary="Des rues plantées.")
    other = make_decision("adopted", title="Un plan lecture")
    kind = translatable_kinds(site)["decisions.decision"]
    service.save(
        db,
        site,
        kind,
        adopted,
        {("title", "en"): "Streets as gardens", ("summary", "en"): "Planted streets."},
    )
    db.commit()
    public = client.get(f"/en/decisions/{adopted.public_id}").text
    assert "<h1>Streets as gardens</h1>" in public and "Planted streets." in public
    assert "<title>Streets as gardens" in public
    listing = client.get(f"/en/bodies/{assembly.slug}/follow-up").text
    assert "Streets as gardens" in listing
    assert (
        '<span lang="fr">Un plan lecture</span> <small class="translation-note">(in French)</small>'
        in listing
    )
    assert other.title == "Un plan lecture"
