"""The home page's "Open now" shows the next public meetings of active bodies (parvis.bodies.home)."""

from datetime import UTC, datetime

from parvis.bodies import services


def meeting(db, site, council, title, day, public=True):
    return services.add_meeting(
        db,
        site,
        council,
        title=title,
        starts_at=datetime(2030, day[0], day[1], 16, 30, tzinfo=UTC),
        ends_at=datetime(2030, day[0], day[1], 19, 0, tzinfo=UTC),
        place="Hôtel de Ville",
        public=public,
    )


def test_the_next_public_meetings_are_open_now(client, db, site, clock, council):
    clock.set(datetime(2030, 6, 1, 8, 0, tzinfo=UTC))
    plenary = meeting(db, site, council, "Plénière publique", (6, 12))
    meeting(db, site, council, "Réunion interne", (6, 5), public=False)
    meeting(db, site, council, "Plénière d'automne", (9, 1))  # beyond the next 30 days
    meeting(db, site, council, "Plénière passée", (5, 20))
    db.commit()
    page = client.get("/en/").text
    open_now = page[page.index('id="calls-title"') : page.index('id="bodies-title"')]
    assert '<span class="badge badge-open">Next meeting</span>' in open_now
    assert f'href="/en/bodies/{council.slug}/meetings/{plenary.public_id}">Plénière publique</a>' in open_now
    # The body's French name is marked as such on the English page.
    name = '<span lang="fr">Conseil des Échantillons</span>'
    assert f"{name}, Wednesday, June 12, 2030, 6:30\u202fPM, Hôtel de Ville" in open_now
    for absent in ("Réunion interne", "Plénière d'automne", "Plénière passée"):
        assert absent not in page
    assert (
        "Conseil des Échantillons, mercredi 12 juin 2030 à 18:30, Hôtel de Ville" in client.get("/fr/").text
    )
