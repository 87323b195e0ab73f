"""Ideas: submitted by residents aged 7+ during the ideas phase, children's names protected,
public, searchable and filterable; rejected ideas show the failed criteria to everyone."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from sqlalchemy import select

from parvis.api.content import ContentRef
from parvis.api.photos import Photo, photos_of
from parvis.identity import NationalityGroup
from parvis.plugins.budget.content import IDEA
from parvis.plugins.budget.models import Idea, IdeaStatus
from parvis.testing import login


def _png() -> bytes:
    """A real (tiny) PNG: core decodes and re-encodes every uploaded photo."""
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(out, "PNG")
    return out.getvalue()


PNG = _png()


def idea_data(**extra):
    data = {
        "title": "Des fontaines à boire",
        "description": "Installer des fontaines d'eau potable dans les squares du quartier.",
        "level": "11",
        "place": "Square Maurice-Gardette",
        "theme": "environment",
    }
    data.update(extra)
    return data


def submit(client, campaign, files=None, **extra):
    # Browsers send this form as multipart, with an empty file part when no photo is chosen.
    files = files or {"photo": ("", b"", "application/octet-stream")}
    return client.post(
        f"/en/budget/{campaign.slug}/ideas/new", data=idea_data(**extra), files=files, follow_redirects=False
    )


def test_a_resident_submits_an_idea_with_a_photo(client, db, make_campaign, voter):
    campaign = make_campaign("ideas")
    login(client, voter(given_name="Léa", family_name="Martin"))
    form = client.get(f"/en/budget/{campaign.slug}/ideas/new")
    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in form.text
    response = submit(
        client,
        campaign,
        files={"photo": ("fontaine.png", PNG, "image/png")},
        photo_description="Une fontaine",
    )
    assert response.status_code == 303, response.text[:2000]
    idea = db.scalar(select(Idea))
    assert idea.status == IdeaStatus.SUBMITTED
    assert idea.district == "11"
    assert idea.author_name == "Léa M."
    [stored] = photos_of(db, ContentRef(IDEA, idea.public_id))
    assert stored.content_type == "image/png"
    page = client.get(response.headers["location"])
    assert "Des fontaines à boire" in page.text
    assert "Léa M." in page.text
    photo = client.get(f"/en/budget/photos/{stored.public_id}")
    assert photo.status_code == 200
    assert photo.headers["content-type"] == "image/png"
    assert f'src="/en/photos/{stored.public_id}" alt="Une fontaine"' in page.text
    old = client.get(f"/en/budget/photos/{stored.public_id}", follow_redirects=False)
    assert old.status_code == 301 and old.headers["location"] == f"/en/photos/{stored.public_id}"


def test_a_photo_without_its_description_brings_the_form_back(client, db, make_campaign, voter):
    campaign = make_campaign("ideas")
    login(client, voter())
    response = submit(client, campaign, files={"photo": ("fontaine.png", PNG, "image/png")})
    assert response.status_code == 400
    assert "Describe the photo in a few words" in response.text
    assert 'value="Des fontaines à boire"' in response.text
    assert db.scalar(select(Idea)) is None and db.scalar(select(Photo)) is None


def test_collectives_and_full_names_on_request(client, db, make_campaign, voter):
    campaign = make_campaign("ideas")
    login(client, voter(given_name="Karim", family_name="Haddad", nationality_group=NationalityGroup.NON_EU))
    assert submit(client, campaign, collective="Collectif Oberkampf", show_family_name="1").status_code == 303
    idea = db.scalar(select(Idea))
    assert idea.author_name == "Karim Haddad"
    assert idea.collective == "Collectif Oberkampf"


def test_a_child_takes_part_without_a_published_full_name(client, db, make_campaign, voter, site):
    campaign = make_campaign("ideas")
    today = site.today()
    login(client, voter(given_name="Zoé", family_name="Petit", birth_date=date(today.year - 9, 1, 1)))
    form = client.get(f"/en/budget/{campaign.slug}/ideas/new")
    assert "only your given name will be published" in form.text
    assert submit(client, campaign, show_family_name="1").status_code == 303
    idea = db.scalar(select(Idea))
    assert idea.author_name == "Zoé"
    client.cookies.clear()
    assert "Petit" not in client.get(f"/en/budget/{campaign.slug}/ideas/{idea.public_id}").text


def test_under_seven_or_non_resident_cannot_submit(client, db, make_campaign, voter, site):
    campaign = make_campaign("ideas")
    today = site.today()
    login(client, voter(birth_date=date(today.year - 5, 1, 1)))
    response = submit(client, campaign)
    assert response.status_code == 400
    assert "at least 7 years old" in response.text
    client.cookies.clear()
    login(client, voter(resident=False))
    assert "You must live in the city." in submit(client, campaign).text
    assert db.scalar(select(Idea)) is None


def test_no_idea_after_the_deadline(client, db, make_campaign, voter):
    campaign = make_campaign("vote")
    login(client, voter())
    response = submit(client, campaign)
    assert response.status_code == 400
    assert "only be submitted during the ideas phase" in response.text
    assert db.scalar(select(Idea)) is None


def test_invalid_input_and_files_never_give_a_500(client, db, make_campaign, voter):
    campaign = make_campaign("ideas")
    login(client, voter())
    bad = submit(client, campaign, title="", level="99", theme="nope")
    assert bad.status_code == 400
    assert "This field is required." in bad.text
    assert "Choose among the options shown." in bad.text
    exe = submit(client, campaign, files={"photo": ("x.png", b"MZ\x90\x00" * 10, "image/png")})
    assert exe.status_code == 400
    assert "Choose a JPEG, PNG or WebP image." in exe.text
    big = submit(client, campaign, files={"photo": ("x.png", PNG + b"\x00" * 6_000_000, "image/png")})
    assert big.status_code == 400
    assert "too large" in big.text
    assert db.scalar(select(Idea)) is None
    assert client.get(f"/en/budget/{campaign.slug}/ideas/nope").status_code == 404
    assert client.get("/en/budget/no-such-campaign/ideas").status_code == 404


def test_ideas_are_searchable_and_filterable(client, db, make_campaign, voter):
    campaign = make_campaign("ideas")
    login(client, voter())
    submit(client, campaign, title="Fontaines à boire")
    submit(
        client, campaign, title="Piste cyclable rue Oberkampf", theme="mobility", level="city", district="11"
    )
    submit(client, campaign, title="Jardin partagé", level="12", theme="environment")
    client.cookies.clear()
    listing = client.get(f"/en/budget/{campaign.slug}/ideas")
    assert "3 ideas found" in listing.text
    assert "1 idea found" in client.get(f"/en/budget/{campaign.slug}/ideas?q=cyclable").text
    assert "2 ideas found" in client.get(f"/en/budget/{campaign.slug}/ideas?district=11").text
    assert "1 idea found" in client.get(f"/en/budget/{campaign.slug}/ideas?theme=mobility").text
    assert "0 ideas found" in client.get(f"/en/budget/{campaign.slug}/ideas?status=rejected").text
    htmx = client.get(f"/en/budget/{campaign.slug}/ideas?q=Jardin", headers={"hx-request": "true"})
    assert "<html" not in htmx.text
    assert "Jardin partagé" in htmx.text
    for page in ("0", "-3", "99999999999999999999"):  # hand-edited addresses
        beyond = client.get(f"/en/budget/{campaign.slug}/ideas?page={page}")
        assert beyond.status_code == 200, page
        assert "3 ideas found" in beyond.text


def test_a_rejected_idea_shows_the_failed_criteria_publicly(client, db, make_campaign, voter, login_as):
    campaign = make_campaign("ideas")
    login(client, voter())
    submit(client, campaign, title="Subvention pour mon association")
    idea = db.scalar(select(Idea))
    client.cookies.clear()
    login_as("official")
    review = client.get(f"/en/admin/budget/{campaign.slug}/ideas/{idea.public_id}")
    assert review.status_code == 200
    assert "It is within the City" in review.text
    missing_reason = client.post(
        f"/en/admin/budget/{campaign.slug}/ideas/{idea.public_id}", data={"failed": ["investment"]}
    )
    assert missing_reason.status_code == 400
    assert "Explain why" in missing_reason.text
    saved = client.post(
        f"/en/admin/budget/{campaign.slug}/ideas/{idea.public_id}",
        data={
            "failed": ["investment", "general_interest"],
            "reason": "Une subvention de fonctionnement n'est pas un investissement.",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    client.cookies.clear()
    page = client.get(f"/en/budget/{campaign.slug}/ideas/{idea.public_id}")
    assert "Why this idea is not admissible" in page.text
    assert "Does not serve the general interest" in page.text
    assert "Not an investment expense" in page.text
    assert "pas un investissement" in page.text
    assert page.text.index("general interest") < page.text.index("investment expense")
