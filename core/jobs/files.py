"""Files jobs produce, kept in the database so any web node serves them; cached by their data.

``key_of(...)`` hashes what a file is built from (ids, the data's last change, the language);
``cached(db, key)`` finds a file already built from the same data, so a PDF is generated once
until its data changes. Old files are deleted by the jobs' tidy-up after ``keep_days``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.jobs.models import StoredFile

if TYPE_CHECKING:
    from parvis.site import Site


def key_of(*parts: Any) -> str:
    """A cache key: the SHA-256 of ``parts`` (JSON; dates and other values by their text)."""
    text = json.dumps(parts, default=str, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached(db: Session, cache_key: str) -> StoredFile | None:
    return db.scalar(select(StoredFile).where(StoredFile.cache_key == cache_key))


def by_public_id(db: Session, public_id: str) -> StoredFile | None:
    return db.scalar(select(StoredFile).where(StoredFile.public_id == public_id[:24]))


def store(
    db: Session,
    site: Site,
    content: bytes,
    *,
    name: str,
    media_type: str,
    cache_key: str | None = None,
    keep: timedelta | None = None,
) -> StoredFile:
    """Add a file; with a ``cache_key`` another job may have stored the same one: that one is kept.
    ``keep``: delete it that long after (else after the jobs' ``keep_days``)."""
    now = site.now()
    stored = StoredFile(
        name=name[:200],
        media_type=media_type,
        size=len(content),
        content=content,
        cache_key=cache_key,
        created_at=now,
        expires_at=now + keep if keep is not None else None,
    )
    if cache_key is None:
        db.add(stored)
        db.flush()
        return stored
    existing = cached(db, cache_key)
    if existing is not None:
        return existing
    try:
        with db.begin_nested():
            db.add(stored)
    except IntegrityError:  # built at the same time by another job
        found = cached(db, cache_key)
        assert found is not None
        return found
    return stored
