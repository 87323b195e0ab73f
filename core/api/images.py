"""Uploaded images for plugins: ``clean_photo(site, data, max_bytes=...)`` re-encodes a photo
with Pillow, strips its metadata (EXIF GPS...), applies its orientation and enforces the size
limits of ``[settings.moderation]``; ``PhotoRefused`` is its translated refusal. Store
``CleanPhoto.data`` and ``content_type``, never the bytes as uploaded."""

from __future__ import annotations

from parvis.images import CleanPhoto, PhotoRefused, clean_photo

__all__ = ["CleanPhoto", "PhotoRefused", "clean_photo"]
