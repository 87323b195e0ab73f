"""Core's photo store: photos of any content kind, cleaned, described, in order, served by one
route with a day of caching; a photo of content that moderation keeps from the public only for
its author and moderators; uploaders exported and forgotten on erasure, photos of gone content
purged."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlalchemy import select

from parvis import privacy
from parvis.api import hookimpl
from parvis.api.content import ContentItem, ContentKind, ContentRef
from parvis.api.moderation import submitted
from parvis.api.photos import Photo, PhotoRefused, add_photo, first_photos, photos_of, remove_photos
from parvis.photos import personal_data
from parvis.refusals import Invalid
from parvis.testing import login

NOTES: set[str] = set()


def _load(db, site, key):
    return (
        ContentItem(ref=ContentRef("lab.note", key), title=key, path=f"/lab/{key}") if key in NOTES else None
    )


LAB = SimpleNamespace(register_content_kinds=hookimpl(lambda site: [ContentKind("lab.note", "Note", _load)]))


@pytest.fixture
def parvis_plugins():
    return []


@pytest.fixture
def parvis_extra_plugins():
    NOTES.clear()
    return [("lab", LAB)]


def _png(colour="teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(out, "PNG")
    return out.getvalue()


def _note(key: str) -> ContentRef:
    NOTES.add(key)
    return ContentRef("lab.note", key)


def test_photos_are_kept_in_order_and_served_with_a_day_of_cache(client, db, site, make_account):
    ref = _note("n1")
    author = make_account()
    first = add_photo(db, site, ref, _png(), alt=" A bench ", uploaded_by_id=author.id)
    second = add_photo(db, site, ref, _png("red"), alt="A tree")
    db.commit()
    assert [p.alt for p in photos_of(db, ref)] == ["A bench", "A tree"]
    assert [p.position for p in photos_of(db, ref)] == [0, 1]
    assert first_photos(db, "lab.note", ["n1", "n2"]) == {"n1": first}
    shown = client.get(f"/en{first.path}")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png"
    assert shown.headers["cache-control"] == "public, max-age=86400"
    assert shown.headers["x-content-type-options"] == "nosniff"
    assert Image.open(io.BytesIO(shown.content)).size == (8, 6)
    again = client.get(f"/en{first.path}", headers={"if-none-match": shown.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(f"/en{second.path}").content != shown.content
    assert client.get("/en/photos/nope").status_code == 404


def test_a_photo_without_a_description_or_not_an_image_is_refused(db, site):
    ref = _note("n1")
    with pytest.raises(Invalid) as unnamed:
        add_photo(db, site, ref, _png(), alt="  ", alt_field="caption")
    assert unnamed.value.field == "caption" and "Describe the photo" in unnamed.value.message
    with pytest.raises(PhotoRefused) as junk:
        add_photo(db, site, ref, b"%PDF-1.4 not an image", alt="A file")
    assert junk.value.field == "photo"
    assert db.scalar(select(Photo)) is None


def test_a_photo_of_content_awaiting_moderation_is_only_for_its_author_and_moderators(
    client, db, site, make_account
):
    ref = _note("n1")
    author = make_account()
    photo = add_photo(db, site, ref, _png(), alt="A bench", uploaded_by_id=author.id)
    submitted(db, site, ref, author_account_id=author.id, premoderate=True)
    db.commit()
    path = f"/en{photo.path}"
    assert client.get(path).status_code == 404
    login(client, author)
    mine = client.get(path)
    assert mine.status_code == 200 and mine.headers["cache-control"] == "private, no-store"
    assert "etag" not in mine.headers
    client.cookies.clear()
    login(client, make_account())
    assert client.get(path).status_code == 404
    client.cookies.clear()
    login(client, make_account("moderator"))
    assert client.get(path).status_code == 200


def test_uploaders_are_exported_and_forgotten_and_photos_of_gone_content_purged(db, site, make_account):
    author = make_account()
    kept = add_photo(db, site, _note("n1"), _png(), alt="A bench", uploaded_by_id=author.id)
    gone = add_photo(db, site, _note("n2"), _png(), alt="A tree", uploaded_by_id=author.id)
    add_photo(db, site, ContentRef("disabled.kind", "x"), _png(), alt="Of a disabled plugin")
    db.commit()
    [section] = [s for s in privacy.export(db, site, author).sections if s.code == "core.photos"]
    assert [row["description"] for row in section.rows] == ["A bench", "A tree"]
    assert section.rows[0]["path"] == kept.path
    privacy.erase(db, site, author)
    db.commit()
    assert set(db.scalars(select(Photo.uploaded_by_id))) == {None}
    NOTES.discard("n2")  # its object is deleted: the purge removes its photo, not the others
    assert personal_data.purge(db, site, datetime.now(UTC)) == {"core.photos": 1}
    db.commit()
    left = set(db.scalars(select(Photo.owner_key)))
    assert left == {"n1", "x"} and gone.owner_key not in left
    assert remove_photos(db, [kept.owner]) == 1
