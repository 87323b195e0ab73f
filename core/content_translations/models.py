"""The table of translations of officials' texts (one row per object, field and language)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parvis.db import Base, UTCDateTime, utcnow

KIND_LENGTH = 60
FIELD_LENGTH = 40
HASH_LENGTH = 64  # a SHA-256 in hexadecimal


class ContentTranslation(Base):
    """``text`` is ``field`` of object ``object_id`` of ``kind`` in ``language``; ``source_hash``
    the hash of the original it was translated from (``service.fingerprint``): when the original
    changes, the translation needs translation again."""

    __tablename__ = "core_content_translation"
    __table_args__ = (UniqueConstraint("kind", "object_id", "field", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    object_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(FIELD_LENGTH))
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    translated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    translated_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))


class ContentOriginal(Base):
    """The language object ``object_id`` of ``kind``'s original texts were typed in, when it is not
    the site's default language (an object without a row is in the default language): one row per
    object, kept here rather than as a column in every plugin's table."""

    __tablename__ = "core_content_original"
    __table_args__ = (UniqueConstraint("kind", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    object_id: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(16))
