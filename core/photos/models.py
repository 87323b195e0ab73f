"""One table for every plugin's photos. A photo belongs to a content ref (``owner_kind`` +
``owner_key``, like moderation's states), never to a foreign key into a plugin's table, so one
serving route and one moderation check cover them all.

The bytes are kept in the database, as core cleaned them (``parvis.images.clean_photo``): both
engines and every web node of a cluster serve them alike, and backups hold them. Photos are small
once cleaned (``photo_max_side``), so a file store would only add a second thing to back up.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from parvis.content import KEY_LENGTH, KIND_LENGTH, ContentRef
from parvis.db import Base, PublicIdMixin, utcnow

ALT_LENGTH = 300


class Photo(PublicIdMixin, Base):
    """A photo of one object. ``alt`` is the uploader's description for people who cannot see it
    (required); ``position`` orders an object's photos; ``taken_on`` is optional (the date of a
    realisation's photo)."""

    __tablename__ = "core_photo"
    __table_args__ = (Index("ix_core_photo_owner", "owner_kind", "owner_key", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    owner_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(Integer, default=0)
    content_type: Mapped[str] = mapped_column(String(40))
    # Deferred: listing an object's photos never loads their bytes.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer)
    alt: Mapped[str] = mapped_column(String(ALT_LENGTH))
    taken_on: Mapped[date | None] = mapped_column(Date)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True
    )

    @property
    def owner(self) -> ContentRef:
        return ContentRef(self.owner_kind, self.owner_key)

    @property
    def path(self) -> str:
        """Its address without the language prefix (``url(photo.path)`` in a template)."""
        return f"/photos/{self.public_id}"
