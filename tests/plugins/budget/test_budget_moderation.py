"""Budget ideas under core moderation: reported and hidden ideas leave the lists and projects'
pages, their author sees why, others get a 404; pre-moderation; photos cleaned of their metadata."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from parvis.api.content import ContentRef
from parvis.api.images import PhotoRefused, clean_photo
from parvis.api.moderation import Status, decide, is_hidden, state
from parvis.api.photos import Photo
from parvis.auth import load_actor
from parvis.plugins.budget.models import Idea, ProjectIdea
from parvis.plugins.budget.services.ideas import IdeaInput, submit_idea
from parvis.testing import audit_entries, login


def submit(client, campaign, files=None, title="Des bancs sous les arbres"):
    data = {
        "title": title,
        "description": "Installer des bancs à l'ombre dans le square du quartier.",
        "level": "11",
        "theme": "environment",
        "photo_description": "Un square",  # a photo's alternative text is required
    }
    files = files or {"photo": ("", b"", "application/octet-stream")}
    response = client.post(
        f"/en/budget/{campaign.slug}/ideas/new", data=data, files=files, follow_redirects=False
    )
    assert response.status_code == 303, response.text[-2000:]
    return response


def test_a_hidden_idea_leaves_lists_and_projects_and_its_author_sees_why(
    client, db, site, make_campaign, make_project, voter, make_account
):
    campaign = make_campaign("ideas")
    author = voter(given_name="Léa", family_name="Martin")
    login(client, author)
    page = submit(client, campaign).headers["location"]
    idea = db.scalar(select(Idea))
    project = make_project(campaign, "11")
    db.add(ProjectIdea(project_id=project.id, idea_id=idea.id))
    db.commit()
    project_page = f"/en/budget/{campaign.slug}/projects/{project.public_id}"
    assert "Des bancs sous les arbres" in client.get(project_page).text
    ref = ContentRef("budget.idea", idea.public_id)
    moderator = make_account("moderator")
    decide(db, site, load_actor(db, moderator), ref, "hide", reason="Publicité déguisée")
    db.commit()
    # The author: the page says it is hidden, and why.
    shown = client.get(page)
    assert shown.status_code == 200
    assert "Hidden by moderation." in shown.text and "Publicité déguisée" in shown.text
    # Everyone else: a 404, and the idea is in no list nor count.
    client.cookies.clear()
    assert client.get(page).status_code == 404
    listing = client.get(f"/en/budget/{campaign.slug}/ideas")
    assert "Des bancs sous les arbres" not in listing.text
    assert "0 ideas submitted" in client.get(f"/en/budget/{campaign.slug}").text
    assert "Des bancs sous les arbres" not in client.get(project_page).text
    assert [e.action for e in audit_entries(db, "moderation.")] == ["moderation.hide"]


def test_a_citizen_reports_an_idea_and_two_reports_hide_it(client, db, make_campaign, voter):
    campaign = make_campaign("ideas")
    login(client, voter())
    page = submit(client, campaign).headers["location"]
    idea = db.scalar(select(Idea))
    ref = f"budget.idea:{idea.public_id}"
    for n in range(3):
        client.cookies.clear()
        login(client, voter(email=f"reporter{n}@example.org"))
        form = client.get("/en/moderation/report", params={"ref": ref})
        assert form.status_code == 200 and "Des bancs sous les arbres" in form.text
        sent = client.post(
            "/en/moderation/report",
            data={"ref": ref, "reason": "spam", "note": "Pub"},
            follow_redirects=False,
        )
        if n < 3 - 1:
            assert sent.status_code == 303 and sent.headers["location"].endswith(page)
    # The third report reached the threshold (3 by default): hidden pending review.
    db.expire_all()
    assert state(db, ContentRef("budget.idea", idea.public_id)).status is Status.REPORTED
    assert client.get(page).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"ref": "budget.idea:nope", "reason": "spam"},
        {"ref": "nonsense", "reason": "spam"},
        {"ref": "", "reason": ""},
        {"ref": "budget.idea:x", "reason": "boring", "note": "x" * 5000},
    ],
)
def test_reporting_bad_input_never_gives_a_500(client, db, voter, data):
    login(client, voter())
    response = client.post("/en/moderation/report", data=data, follow_redirects=False)
    assert 400 <= response.status_code < 500


def test_the_queue_lists_reported_ideas_and_a_moderator_hides_one(client, db, make_campaign, voter, login_as):
    campaign = make_campaign("ideas")
    login(client, voter())
    submit(client, campaign)
    idea = db.scalar(select(Idea))
    client.cookies.clear()
    login(client, voter(email="reporter@example.org"))
    ref = f"budget.idea:{idea.public_id}"
    client.post("/en/moderation/report", data={"ref": ref, "reason": "insulting"})
    client.cookies.clear()
    login_as("moderator")
    queue = client.get("/en/admin/moderation")
    assert queue.status_code == 200
    assert "Des bancs sous les arbres" in queue.text and "Insulting, hateful or harassing (1)" in queue.text
    assert client.get("/en/admin/moderation/item", params={"ref": ref}).status_code == 200
    unknown = {"ref": "budget.idea:nope", "decision": "hide", "reason": "x"}
    assert client.post("/en/admin/moderation/decide", data=unknown).status_code == 404
    missing_reason = client.post(
        "/en/admin/moderation/decide", data={"ref": ref, "decision": "hide", "reason": ""}
    )
    assert missing_reason.status_code == 400
    done = client.post(
        "/en/admin/moderation/decide",
        data={"ref": ref, "decision": "hide", "reason": "Insulte"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert is_hidden(db, ContentRef("budget.idea", idea.public_id))


def test_premoderated_ideas_wait_for_approval(make_site, db, make_campaign, voter):
    premoderated = make_site(None, settings={"moderation": {"premoderated": ["budget.idea"]}})
    campaign = make_campaign("ideas")
    person = voter().person
    with premoderated.activate():
        idea = submit_idea(
            db,
            premoderated,
            campaign,
            person,
            IdeaInput("Un jardin partagé", "Un jardin pour tous.", "11", "environment"),
        )
    assert state(db, ContentRef("budget.idea", idea.public_id)).status is Status.PENDING


def _jpeg_with_gps(size=(40, 20), orientation=6) -> bytes:
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[0x0112] = orientation  # rotate 90° when shown
    exif[0x010F] = "CameraMaker"
    gps = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_uploaded_photos_lose_their_gps_position_and_stand_upright(client, db, make_campaign, voter):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test's photo has a position
    campaign = make_campaign("ideas")
    login(client, voter())
    submit(client, campaign, files={"photo": ("p.jpg", original, "image/jpeg")})
    photo = db.scalar(select(Photo))
    stored = Image.open(io.BytesIO(photo.data))
    assert photo.content_type == "image/jpeg"
    assert not stored.getexif() and not stored.getexif().get_ifd(0x8825)
    assert b"CameraMaker" not in photo.data
    assert stored.size == (20, 40)  # the orientation was applied, then dropped


def test_photos_too_large_or_not_images_are_refused(make_site):
    small = make_site([], settings={"moderation": {"photo_max_pixels": 100, "photo_max_bytes": 50_000}})
    with small.activate():
        out = io.BytesIO()
        Image.new("RGB", (20, 20)).save(out, "PNG")
        with pytest.raises(PhotoRefused, match="too many pixels"):
            clean_photo(small, out.getvalue())
        with pytest.raises(PhotoRefused, match="too large"):
            clean_photo(small, b"\x89PNG" + b"\x00" * 60_000)
        for junk in (b"", b"GIF89a" + b"\x00" * 20, b"\xff\xd8\xff" + b"\x00" * 50):
            with pytest.raises(PhotoRefused, match="JPEG, PNG or WebP"):
                clean_photo(small, junk)
        big = io.BytesIO()
        Image.new("RGB", (9, 9)).save(big, "PNG")
        assert clean_photo(small, big.getvalue()).content_type == "image/png"


def test_a_hidden_ideas_photo_is_in_the_queue_and_only_for_its_author(
    client, db, make_campaign, voter, login_as
):
    campaign = make_campaign("ideas")
    author = voter()
    login(client, author)
    submit(client, campaign, files={"photo": ("p.jpg", _jpeg_with_gps(), "image/jpeg")})
    idea = db.scalar(select(Idea))
    path = f"/en/photos/{db.scalar(select(Photo.public_id))}"
    client.cookies.clear()
    login_as("moderator")
    ref = f"budget.idea:{idea.public_id}"
    hide = {"ref": ref, "decision": "hide", "reason": "Insulte"}
    assert client.post("/en/admin/moderation/decide", data=hide, follow_redirects=False).status_code == 303
    item = client.get("/en/admin/moderation/item", params={"ref": ref}).text
    assert f'src="{path}" alt="Un square"' in item
    client.cookies.clear()
    assert client.get(path).status_code == 404
    login(client, author)
    assert client.get(path).headers["cache-control"] == "private, no-store"
