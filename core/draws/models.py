"""The register's tables: a published draw (``DrawEntry``) and its downloadable files.

Both are append-only (``parvis.append_only``): the ORM and the database refuse UPDATE and DELETE.
A correction is a new entry whose ``corrects_id`` names the entry it corrects; a draw that follows
another (a replacement draw completing a panel) names it in ``follows_id``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.append_only import append_only
from parvis.db import Base, PublicIdMixin, utcnow


class DrawEntry(PublicIdMixin, Base):
    """One published draw: who drew what, from which inputs, and how anyone can check it."""

    __tablename__ = "core_draw_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    drawn_at: Mapped[datetime | None]
    plugin: Mapped[str] = mapped_column(String(64), index=True)  # the plugin (or core feature) that drew
    body_key: Mapped[str] = mapped_column(String(120), index=True)  # for the filter: a body's slug
    body_name: Mapped[str] = mapped_column(String(200))
    # panel, lot, predraw, replacement, ... (``parvis.draws.service.KIND_LABELS``)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(300))
    # The plugin's object the draw belongs to ("assembly.draw/<public id>"), to find its entry.
    subject: Mapped[str] = mapped_column(String(200), index=True)
    page_path: Mapped[str] = mapped_column(String(300), default="")  # the plugin's own page, without /{lang}
    algorithm: Mapped[str] = mapped_column(String(64))
    seed: Mapped[str] = mapped_column(String(64))
    inputs: Mapped[dict[str, Any]] = mapped_column(default=dict)  # name -> SHA-256
    public_inputs: Mapped[list[Any]] = mapped_column(default=list)
    record: Mapped[dict[str, Any]]  # the engine's DrawRecord, as published
    verify_command: Mapped[str] = mapped_column(Text)
    follows_id: Mapped[int | None] = mapped_column(ForeignKey("core_draw_entry.id"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("core_draw_entry.id"), index=True)

    files: Mapped[list[DrawFile]] = relationship(order_by="DrawFile.id", viewonly=True)
    follows: Mapped[DrawEntry | None] = relationship(
        foreign_keys=[follows_id], remote_side="DrawEntry.id", viewonly=True
    )
    corrects: Mapped[DrawEntry | None] = relationship(
        foreign_keys=[corrects_id], remote_side="DrawEntry.id", viewonly=True
    )


class DrawFile(Base):
    """A published file of a draw (record, pool, numbered list); its bytes are a core stored file,
    kept as long as the register (the jobs' tidy-up skips them)."""

    __tablename__ = "core_draw_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("core_draw_entry.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))  # record, pool, list
    media_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("core_stored_file.id"), index=True)


append_only(DrawEntry)
append_only(DrawFile)
