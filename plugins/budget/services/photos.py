"""Uploaded photos: only JPEG, PNG and WebP, recognised by their first bytes (never by the name
or the browser's claimed type), within the configured size."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from parvis.api import _
from parvis.plugins.budget.errors import BudgetRefused
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
    db: Session, data: bytes, *, limit: int, description: str = "", account_id: int | None = None
) -> Photo:
    if len(data) > limit:
        raise BudgetRefused(
            _("The photo is too large (at most {size} MB).").format(size=round(limit / 1_000_000, 1)), "photo"
        )
    content_type = sniff(data)
    if content_type is None:
        raise BudgetRefused(_("Choose a JPEG, PNG or WebP image."), "photo")
    photo = Photo(
        content_type=content_type,
        data=data,
        size=len(data),
        description=description[:300],
        uploaded_by_id=account_id,
    )
    db.add(photo)
    db.flush()
    return photo
