"""Photos on Beautify contributions: cleaned by core (EXIF GPS gone), refused files bring the form
back with its values, not public before moderation approves the contribution, erased with the
author's account and deleted with the contribution."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from parvis import privacy
from parvis.api.images import PhotoRefused
from parvis.api.photos import Photo
from parvis.plugins.neighbourhood_councils import beautify
from parvis.plugins.neighbourhood_councils.models import Category, Contribution
from parvis.testing import login

FIELDS = {"category": "greenery", "place": "Square Sainte-Marthe", "description": "Des bacs à fleurs"}


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (48.0, 52.0, 20.0), 3: "E", 4: (2.0, 22.0, 5.0)}
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "green").save(out, "JPEG", exif=exif)
    return out.getvalue()


def _send(client, programme, data, photo: bytes | None):
    files = {"photo": ("jardin.jpg", photo, "image/jpeg")} if photo is not None else None
    return client.post(
        f"/en/beautify/{programme.slug}/contribute", data=data, files=files, follow_redirects=False
    )


def test_a_photo_is_cleaned_and_shown_only_once_the_contribution_is_approved(
    client, db, make_account, make_programme, district_official, districts
):
    programme = make_programme(districts[0])
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    author = make_account(district=districts[0])
    login(client, author)
    form = client.get(f"/en/beautify/{programme.slug}/contribute").text
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    sent = _send(client, programme, {**FIELDS, "photo_alt": "Un square sans fleurs"}, original)
    assert sent.status_code == 303, sent.text[-2000:]
    photo = db.scalar(select(Photo))
    stored = Image.open(io.BytesIO(photo.data))
    assert photo.content_type == "image/jpeg" and photo.alt == "Un square sans fleurs"
    assert not stored.getexif().get_ifd(0x8825) and b"CameraMaker" not in photo.data
    path = f"/en/photos/{photo.public_id}"
    # Pre-moderated: its author sees it on the programme's page; the public gets a 404.
    assert path in client.get(f"/en/beautify/{programme.slug}").text
    assert client.get(path).status_code == 200
    client.cookies.clear()
    assert client.get(path).status_code == 404
    assert path not in client.get(f"/en/beautify/{programme.slug}").text
    # The district's official sees it in core's moderation queue, and approves it.
    login(client, district_official(districts[0]))
    queue = client.get("/en/admin/moderation").text
    assert path in queue and 'alt="Un square sans fleurs"' in queue
    contribution = db.scalar(select(Contribution))
    decided = client.post(
        "/en/admin/moderation/decide",
        data={"ref": str(beautify.ref(contribution)), "decision": "approve", "reason": "OK"},
        follow_redirects=False,
    )
    assert decided.status_code == 303
    client.cookies.clear()
    shown = client.get(path)
    assert shown.status_code == 200 and shown.headers["x-content-type-options"] == "nosniff"
    assert path in client.get(f"/en/beautify/{programme.slug}").text
    # Its address before core's photo store leads to it.
    old = client.get(f"/en/beautify/{programme.slug}/photos/{photo.public_id}", follow_redirects=False)
    assert old.status_code == 301 and old.headers["location"] == path
    # Deleted with its contribution.
    db.delete(contribution)
    db.commit()
    assert db.scalar(select(Photo)) is None


def test_a_refused_file_brings_the_form_back_with_its_values(
    client, db, make_account, make_programme, districts
):
    programme = make_programme(districts[0])
    login(client, make_account(district=districts[0]))
    refused = _send(client, programme, {**FIELDS, "photo_alt": "Un document"}, b"%PDF-1.4 not an image")
    assert refused.status_code == 400
    assert "Choose a JPEG, PNG or WebP image." in refused.text and 'aria-invalid="true"' in refused.text
    assert "Square Sainte-Marthe" in refused.text and "Des bacs à fleurs" in refused.text
    # A photo without its description is refused beside the description field.
    unnamed = _send(client, programme, FIELDS, _jpeg_with_gps())
    assert unnamed.status_code == 400 and "Describe the photo in a few words" in unnamed.text
    assert db.scalar(select(Contribution)) is None and db.scalar(select(Photo)) is None
    # Without a photo, nothing changes.
    assert _send(client, programme, FIELDS, None).status_code == 303


def test_photos_are_erased_with_the_account(db, site, make_account, make_programme, districts):
    programme = make_programme(districts[0])
    account = make_account(district=districts[0])
    for premoderate in (False, True):  # one published at once, one awaiting moderation
        beautify.contribute(
            db,
            site,
            programme,
            account.person,
            category=Category.PLAY,
            place="Jardin",
            description="Jeux",
            latitude=None,
            longitude=None,
            premoderate=premoderate,
            photo=_jpeg_with_gps(),
            photo_alt="Le jardin",
        )
    db.commit()
    assert len(db.scalars(select(Photo)).all()) == 2
    privacy.erase(db, site, account)
    db.commit()
    [left] = db.scalars(select(Contribution)).all()
    assert left.person_id is None and db.scalar(select(Photo)) is None


def test_the_size_limit_is_the_plugins_setting(make_site, db, make_account, make_programme, districts):
    strict = make_site(
        ["neighbourhood_councils"], settings={"neighbourhood_councils": {"photo_max_bytes": 200}}
    )
    with strict.activate() as site:
        programme = make_programme(districts[0])
        with pytest.raises(PhotoRefused, match="too large"):
            beautify.contribute(
                db,
                site,
                programme,
                make_account().person,
                category=Category.PLAY,
                place="Jardin",
                description="Jeux",
                latitude=None,
                longitude=None,
                photo=_jpeg_with_gps() + b"\x00" * 300,
                photo_alt="Le jardin",
            )
