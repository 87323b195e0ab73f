"""Uploaded photos: only JPEG, PNG and WebP, recognised by their content (never by the name or the
browser's claimed type), within the configured size, and stored as core re-encodes them
(``parvis.api.images.clean_photo``: metadata such as the EXIF GPS position stripped)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from parvis.api import Site
from parvis.api.images import clean_photo
from parvis.plugins.budget.models import Photo


def sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) > 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def read_upload(value: Any, limit: int) -> bytes | None:
    """The bytes of a multipart file field (None when no file was chosen), at most ``limit + 1``."""
    handle = getattr(value, "file", None)
    if handle is None:
        return None
    data = handle.read(limit + 1)
    return data or None


def store_photo(
    db: Session,
    site: Site,
    data: bytes,
    *,
    limit: int,
    description: str = "",
    account_id: int | None = None,
) -> Photo:
    """Keep the photo as core cleaned it; ``PhotoRefused`` (on the ``photo`` field) otherwise."""
    clean = clean_photo(site, data, max_bytes=limit)
    photo = Photo(
        content_type=clean.content_type,
        data=clean.data,
        size=len(clean.data),
        description=description[:300],
        uploaded_by_id=account_id,
    )
    db.add(photo)
    db.flush()
    return photo
