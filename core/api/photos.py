"""Core's photo store, one for every plugin (``core_photo``): a photo belongs to a content ref
(``ContentRef(kind, key)``, the object's public key), has a required alternative text, an order
and optionally the date it was taken, and is served at ``/photos/<public id>`` (``photo.path``)
with core's moderation applied: a photo of hidden or pre-moderated content only for those who
may see that content.

- ``add_photo(db, site, owner, data, alt=..., max_bytes=..., uploaded_by_id=...)`` cleans the
  upload (``parvis.api.images.clean_photo``) and keeps it; a refusal names the ``field`` (the
  file) or ``alt_field`` (its description), so ``on_refusal`` re-renders the form;
- ``read_upload(data.get("photo"), limit)`` the bytes of a multipart file field, or None;
- ``photos_of(db, owner)``, ``first_photos(db, kind, keys)``: an object's photos, a list's first;
- ``remove_photo(db, photo)``, ``remove_photos(db, owners)``: the owner decides (deleting its
  content, erasing its author's data); core forgets uploaders on erasure and purges photos whose
  object no longer exists;
- ``deleted_with(Model, kind)``: an object's photos go when the session deletes it.
"""

from __future__ import annotations

from parvis.images import PhotoRefused
from parvis.photos.models import Photo
from parvis.photos.service import (
    add_photo,
    deleted_with,
    first_photos,
    photo_by_public_id,
    photos_of,
    read_upload,
    remove_photo,
    remove_photos,
)

__all__ = [
    "Photo",
    "PhotoRefused",
    "add_photo",
    "deleted_with",
    "first_photos",
    "photo_by_public_id",
    "photos_of",
    "read_upload",
    "remove_photo",
    "remove_photos",
]
