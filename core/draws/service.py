"""Publishing a draw in the register, finding entries, and the command that checks a draw.

Every plugin calls ``publish_draw`` (``parvis.api.sortition.publish_draw``) when it publishes a
draw: the entry keeps the engine's record, its inputs' hashes, the files anyone needs to re-run it
(stored once as core stored files) and the exact ``parvis draw verify`` command. Publishing the
same draw again returns its entry; publishing a different result for the same subject is refused
unless it names the entry it corrects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from parvis.db import new_public_id
from parvis.draws.models import DrawEntry, DrawFile
from parvis.i18n import N_
from parvis.jobs.files import store
from parvis.sortition import DrawRecord
from parvis.sortition.seed import sha256_hex

if TYPE_CHECKING:
    from parvis.site import Site

# The kinds of draw the register shows (a plugin may use another code: it is shown as is).
KIND_LABELS = {
    "panel": N_("Stratified panel"),
    "lot": N_("Drawing of lots"),
    "predraw": N_("Pre-draw"),
    "replacement": N_("Replacement draw"),
    "seats": N_("Seats"),
}


class DrawAlreadyPublishedError(ValueError):
    """Another result is already published for this subject: publish a correction instead."""


@dataclass(frozen=True, slots=True)
class PublishedFile:
    """A file to publish with a draw beside its record: ``role`` is ``pool`` or ``list``."""

    role: str
    content: bytes
    media_type: str = "text/csv"


def record_bytes(record: DrawRecord) -> bytes:
    """The record as ``parvis draw`` writes it (``write_record``)."""
    return msgspec.json.format(msgspec.json.encode(record), indent=1) + b"\n"


def file_name(entry: DrawEntry, role: str) -> str:
    return {"record": f"{entry.public_id}.json", "pool": f"{entry.public_id}.pool.csv"}.get(
        role, f"{entry.public_id}.{role}.csv"
    )


def verify_command(entry: DrawEntry, record: DrawRecord, roles: Sequence[str]) -> str:
    """The exact command that checks the draw from the files downloaded from its entry."""
    parts = ["parvis", "draw", "verify", file_name(entry, "record")]
    if record.kind == "predraw":
        parts += ["--roll", "roll.csv"]
    elif "pool" in roles:
        parts += ["--pool", file_name(entry, "pool")]
    if "list" in roles:
        parts += ["--list", file_name(entry, "list")]
        if record.public_inputs:
            parts += ["--ball-number", record.public_inputs[0]]
    return " ".join(parts)


def entry_for(db: Session, subject: str) -> DrawEntry | None:
    """The latest entry of a plugin's draw (a correction supersedes what it corrects)."""
    return db.scalar(
        select(DrawEntry).where(DrawEntry.subject == subject).order_by(DrawEntry.id.desc()).limit(1)
    )


def publish_draw(
    db: Session,
    site: Site,
    *,
    plugin: str,
    body_key: str,
    body_name: str,
    kind: str,
    title: str,
    subject: str,
    record: DrawRecord,
    files: Sequence[PublishedFile] = (),
    page_path: str = "",
    drawn_at: datetime | None = None,
    follows: DrawEntry | None = None,
    corrects: DrawEntry | None = None,
) -> DrawEntry:
    """Record a published draw in the register (the one way every plugin does it).

    ``subject`` names the plugin's object ("assembly.draw/<public id>"); ``files`` are what the
    check needs beside the record (the canonical pool, a numbered list); ``follows`` the draw this
    one completes (a replacement's original draw); ``corrects`` the entry a correction replaces.
    Raises `DrawAlreadyPublishedError` if another result is published for ``subject`` and ``corrects``
    is not given.
    """
    existing = entry_for(db, subject)
    if existing is not None and corrects is None:
        if existing.seed == record.seed and existing.record.get("panel") == list(record.panel):
            return existing
        raise DrawAlreadyPublishedError(subject)
    entry = DrawEntry(
        published_at=site.now(),
        drawn_at=drawn_at,
        plugin=plugin[:64],
        body_key=body_key[:120],
        body_name=body_name[:200],
        kind=kind[:32],
        title=title[:300],
        subject=subject[:200],
        page_path=page_path[:300],
        algorithm=record.algorithm[:64],
        seed=record.seed,
        inputs=dict(record.inputs),
        public_inputs=list(record.public_inputs),
        record=msgspec.to_builtins(record),
        follows_id=follows.id if follows is not None else None,
        corrects_id=corrects.id if corrects is not None else None,
        verify_command="",
    )
    # The public id names the files, and the command names the files: all known before the insert.
    entry.public_id = new_public_id()
    roles = ["record", *(f.role for f in files)]
    entry.verify_command = verify_command(entry, record, roles)
    db.add(entry)
    db.flush()
    for role, content, media_type in [
        ("record", record_bytes(record), "application/json"),
        *((f.role, f.content, f.media_type) for f in files),
    ]:
        digest = sha256_hex(content)
        stored = store(
            db, site, content, name=file_name(entry, role), media_type=media_type, cache_key=f"draw:{digest}"
        )
        db.add(
            DrawFile(
                entry_id=entry.id,
                name=file_name(entry, role),
                role=role,
                media_type=media_type,
                size=len(content),
                sha256=digest,
                stored_file_id=stored.id,
            )
        )
    db.flush()
    return entry


def by_public_id(db: Session, public_id: str) -> DrawEntry | None:
    return db.scalar(select(DrawEntry).where(DrawEntry.public_id == public_id[:24]))


def listing(body: str = "", kind: str = "") -> Select[Any]:
    query = select(DrawEntry).order_by(DrawEntry.published_at.desc(), DrawEntry.id.desc())
    if body:
        query = query.where(DrawEntry.body_key == body)
    if kind:
        query = query.where(DrawEntry.kind == kind)
    return query


def facets(db: Session) -> tuple[list[tuple[str, str]], list[str]]:
    """The bodies (key, name) and kinds present in the register, for the filters."""
    bodies = db.execute(
        select(DrawEntry.body_key, func.max(DrawEntry.body_name)).group_by(DrawEntry.body_key)
    ).all()
    kinds = db.scalars(select(DrawEntry.kind).distinct()).all()
    return sorted((k, n) for k, n in bodies), sorted(kinds)


def related(db: Session, entry: DrawEntry) -> tuple[list[DrawEntry], list[DrawEntry]]:
    """(draws that follow this one, corrections of it)."""
    following = db.scalars(select(DrawEntry).where(DrawEntry.follows_id == entry.id).order_by(DrawEntry.id))
    corrections = db.scalars(
        select(DrawEntry).where(DrawEntry.corrects_id == entry.id).order_by(DrawEntry.id)
    )
    return list(following), list(corrections)


def kept_file_ids() -> Select[tuple[int]]:
    """Stored files the register publishes: the jobs' tidy-up never deletes them."""
    return select(DrawFile.stored_file_id)
