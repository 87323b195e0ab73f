"""Adding, listing and removing photos: the helpers plugins' forms and services use.

``add_photo`` cleans the upload with core (``clean_photo``: JPEG, PNG or WebP only, metadata such
as the EXIF GPS position gone, size limits) and requires its alternative text; each refusal is an
``Invalid`` naming its field, so a form registered with ``on_refusal`` comes back with everything
the person typed. Removing a photo is the owner's decision (its erasure rules): core only forgets
who uploaded it on erasure, and purges photos whose object no longer exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, event, func, select
from sqlalchemy.orm import Session

from parvis.content import ContentRef
from parvis.i18n import _
from parvis.images import clean_photo
from parvis.photos.models import ALT_LENGTH, Photo
from parvis.refusals import Invalid

if TYPE_CHECKING:
    from parvis.site import Site


def read_upload(value: Any, limit: int) -> bytes | None:
    """The bytes of a multipart file field (None when no file was chosen), at most ``limit + 1``
    (``clean_photo`` refuses what is larger without reading a huge file whole)."""
    handle = getattr(value, "file", None)
    if handle is None:
        return None
    return handle.read(limit + 1) or None


def add_photo(
    db: Session,
    site: Site,
    owner: ContentRef,
    data: bytes,
    *,
    alt: str,
    max_bytes: int | None = None,
    uploaded_by_id: int | None = None,
    taken_on: date | None = None,
    field: str = "photo",
    alt_field: str = "photo_alt",
) -> Photo:
    """The photo of ``owner``, after the ones it has, as core cleaned it; ``PhotoRefused`` on
    ``field`` for a file that is not an image or too large, ``Invalid`` on ``alt_field`` without
    a description."""
    cleaned = clean_photo(site, data, max_bytes=max_bytes, field=field)
    alt = alt.strip()
    if not alt:
        raise Invalid(_("Describe the photo in a few words, for people who cannot see it."), field=alt_field)
    last = db.scalar(
        select(func.max(Photo.position)).where(Photo.owner_kind == owner.kind, Photo.owner_key == owner.key)
    )
    photo = Photo(
        owner_kind=owner.kind,
        owner_key=owner.key,
        position=0 if last is None else last + 1,
        content_type=cleaned.content_type,
        data=cleaned.data,
        size=len(cleaned.data),
        alt=alt[:ALT_LENGTH],
        taken_on=taken_on,
        uploaded_at=site.now(),
        uploaded_by_id=uploaded_by_id,
    )
    db.add(photo)
    db.flush()
    return photo


def photos_of(db: Session, owner: ContentRef) -> list[Photo]:
    """The object's photos in their order (without their bytes)."""
    return list(
        db.scalars(
            select(Photo)
            .where(Photo.owner_kind == owner.kind, Photo.owner_key == owner.key)
            .order_by(Photo.position, Photo.id)
        )
    )


def first_photos(db: Session, kind: str, keys: Iterable[str]) -> dict[str, Photo]:
    """The first photo of each of these objects of one kind (for a list), by key."""
    keys = list(set(keys))
    if not keys:
        return {}
    found: dict[str, Photo] = {}
    for photo in db.scalars(
        select(Photo)
        .where(Photo.owner_kind == kind, Photo.owner_key.in_(keys))
        .order_by(Photo.position.desc(), Photo.id.desc())
    ):
        found[photo.owner_key] = photo  # the last written is the first in order
    return found


def photo_by_public_id(db: Session, public_id: str) -> Photo | None:
    return db.scalar(select(Photo).where(Photo.public_id == public_id))


def deleted_with(model: type, kind: str, key: str = "public_id") -> None:
    """Photos of ``kind`` go with an object of ``model`` deleted through the session
    (``db.delete(obj)``, an ORM cascade): there is no foreign key to do it. Bulk deletes and the
    database's own cascades skip this; call ``remove_photos`` there, or leave them to the purge."""

    def gone(_mapper: Any, connection: Connection, target: Any) -> None:
        connection.execute(
            delete(Photo).where(Photo.owner_kind == kind, Photo.owner_key == str(getattr(target, key)))
        )

    event.listen(model, "after_delete", gone)


def remove_photo(db: Session, photo: Photo) -> None:
    db.delete(photo)
    db.flush()


def remove_photos(db: Session, owners: Iterable[ContentRef]) -> int:
    """Every photo of these objects (an object deleted, or its author's data erased)."""
    by_kind: dict[str, set[str]] = {}
    for owner in owners:
        by_kind.setdefault(owner.kind, set()).add(owner.key)
    removed = 0
    for kind, keys in by_kind.items():
        done = db.execute(
            delete(Photo)
            .where(Photo.owner_kind == kind, Photo.owner_key.in_(keys))
            .execution_options(synchronize_session=False)
        )
        removed += int(done.rowcount or 0)  # type: ignore[attr-defined]  # a DELETE's CursorResult
    return removed
