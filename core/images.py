"""Uploaded photos, cleaned once for every plugin: ``clean_photo`` decodes the image with Pillow
(only JPEG, PNG and WebP, recognised by their content), refuses files or images too large, applies
the EXIF orientation, scales it down to the longest side allowed, and re-encodes it without any
metadata (EXIF with GPS position, camera serial numbers, XMP, comments).

Limits come from ``[settings.moderation]`` (``photo_max_bytes``, ``photo_max_pixels``,
``photo_max_side``); a plugin may pass a stricter ``max_bytes``.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError

from parvis.i18n import _
from parvis.refusals import Invalid

if TYPE_CHECKING:
    from parvis.site import Site

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    data: bytes
    content_type: str
    width: int
    height: int


class PhotoRefused(Invalid):
    """A photo that cannot be accepted, said in the person's language (a 400 on the ``photo`` field)."""

    def __init__(self, message: str, field: str = "photo") -> None:
        super().__init__(message, field)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".")


_UNREADABLE = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,
    ValueError,
    SyntaxError,
)


def _open(data: bytes, field: str) -> Image.Image:
    """The image's header read (its format and size known, the pixels not decoded yet)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=list(FORMATS))
    except _UNREADABLE:
        raise PhotoRefused(_("Choose a JPEG, PNG or WebP image."), field) from None


def _decode(image: Image.Image, field: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            return ImageOps.exif_transpose(image) or image
    except _UNREADABLE:
        raise PhotoRefused(_("Choose a JPEG, PNG or WebP image."), field) from None


def clean_photo(site: Site, data: bytes, *, max_bytes: int | None = None, field: str = "photo") -> CleanPhoto:
    """The photo re-encoded without metadata, upright, at most ``photo_max_side`` pixels a side;
    ``PhotoRefused`` for a file that is not a JPEG, PNG or WebP image, or too large."""
    settings = site.settings("moderation")
    limit = min(max_bytes or settings.photo_max_bytes, settings.photo_max_bytes)
    if len(data) > limit:
        raise PhotoRefused(
            _("The photo is too large (at most {size} MB).").format(size=_megabytes(limit)), field
        )
    image = _open(data, field)
    if image.width * image.height > settings.photo_max_pixels:
        raise PhotoRefused(
            _("The photo has too many pixels (at most {count} million).").format(
                count=_megabytes(settings.photo_max_pixels)
            ),
            field,
        )
    source_format = image.format or "JPEG"
    upright = _decode(image, field)
    upright.thumbnail((settings.photo_max_side, settings.photo_max_side))
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    out = io.BytesIO()
    if source_format == "PNG" and has_alpha:
        upright.convert("RGBA").save(out, "PNG", optimize=True)
        content_type = "image/png"
    elif source_format == "WEBP":
        upright.convert("RGBA" if has_alpha else "RGB").save(out, "WEBP", quality=85)
        content_type = "image/webp"
    elif source_format == "PNG":
        upright.convert("RGB").save(out, "PNG", optimize=True)
        content_type = "image/png"
    else:
        upright.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        content_type = "image/jpeg"
    return CleanPhoto(out.getvalue(), content_type, upright.width, upright.height)
