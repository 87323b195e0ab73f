"""The search index: one row per public document, kept by ``parvis.search.index``.

``title_stems`` and ``stems`` hold ``parvis.search.text.index_text`` of the title and the text;
each engine indexes them with its own full-text machinery, created with the table (``install``)
and by core's migration (a frozen copy):

- SQLite: an external-content FTS5 table ``core_search_fts`` (title, text and facets: BM25 weighs
  the title ten times the text, and the facets not at all) kept in step by triggers;
- PostgreSQL: a stored, generated ``search_vector`` column, ``to_tsvector('simple', title_stems
  || ' ' || stems || ' ' || facets)`` (the tokens are already folded and stemmed, so ``simple``
  only splits them), and a GIN index over it. Stored, not an index over the expression: a phrase
  (the bigrams of a Japanese word) is checked against each candidate row's vector, which an
  expression index would rebuild from the text row by row (seconds for a common word).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column

from parvis.content import KEY_LENGTH, KIND_LENGTH
from parvis.db import Base, declare_unmanaged

FTS_TABLE = "core_search_fts"
PG_INDEX = "ix_core_search_document_fulltext"
PG_VECTOR = "search_vector"
declare_unmanaged(FTS_TABLE, PG_INDEX, PG_VECTOR)

TITLE_LENGTH = 300
BODY_LENGTH = 20_000  # of the plain text kept for excerpts (and indexed)


class SearchEntry(Base):
    """One indexed document: a content kind's object (``content_kind`` + ``content_key``)."""

    __tablename__ = "core_search_document"
    __table_args__ = (
        UniqueConstraint("content_kind", "content_key"),
        # The newest documents of a kind, a district or both: what a filtered search walks
        # when many documents match (``query._matches``).
        Index("ix_core_search_document_kind_newest", "content_kind", "id"),
        Index("ix_core_search_document_district_newest", "district", "id"),
        Index("ix_core_search_document_kind_district_newest", "content_kind", "district", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    content_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    content_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    language: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    body: Mapped[str] = mapped_column(Text, default="")
    path: Mapped[str] = mapped_column(String(300))
    district: Mapped[str | None] = mapped_column(String(40))
    dated: Mapped[datetime | None] = mapped_column()
    title_stems: Mapped[str] = mapped_column(Text, default="")
    stems: Mapped[str] = mapped_column(Text, default="")
    # The kind and district as index tokens (``text.facet_tokens``), so a filter is one more
    # term of the full-text match, not a row-by-row check of every match.
    facets: Mapped[str] = mapped_column(Text, default="")


SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS core_search_fts USING fts5(
        title_stems, stems, facets, content='core_search_document', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    """CREATE TRIGGER IF NOT EXISTS core_search_fts_ai AFTER INSERT ON core_search_document BEGIN
        INSERT INTO core_search_fts(rowid, title_stems, stems, facets)
            VALUES (new.id, new.title_stems, new.stems, new.facets);
    END""",
    """CREATE TRIGGER IF NOT EXISTS core_search_fts_ad AFTER DELETE ON core_search_document BEGIN
        INSERT INTO core_search_fts(core_search_fts, rowid, title_stems, stems, facets)
            VALUES ('delete', old.id, old.title_stems, old.stems, old.facets);
    END""",
    """CREATE TRIGGER IF NOT EXISTS core_search_fts_au
    AFTER UPDATE OF title_stems, stems, facets ON core_search_document BEGIN
        INSERT INTO core_search_fts(core_search_fts, rowid, title_stems, stems, facets)
            VALUES ('delete', old.id, old.title_stems, old.stems, old.facets);
        INSERT INTO core_search_fts(rowid, title_stems, stems, facets)
            VALUES (new.id, new.title_stems, new.stems, new.facets);
    END""",
    # BM25 with the title weighing ten times the text, as the ``rank`` column of every query.
    "INSERT INTO core_search_fts(core_search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')",
]
POSTGRES = [
    """ALTER TABLE core_search_document ADD COLUMN IF NOT EXISTS search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title_stems || ' ' || stems || ' ' || facets))
    STORED""",
    """CREATE INDEX IF NOT EXISTS ix_core_search_document_fulltext ON core_search_document
    USING gin (search_vector)""",
]


def install(connection: Connection) -> None:
    """Create the engine's full-text objects (idempotent)."""
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(connection.dialect.name, [])
    for statement in statements:
        connection.execute(text(statement))


@event.listens_for(SearchEntry.__table__, "after_create")
def _after_create(_table: Any, connection: Connection, **_kw: Any) -> None:
    install(connection)


@event.listens_for(SearchEntry.__table__, "before_drop")
def _before_drop(_table: Any, connection: Connection, **_kw: Any) -> None:
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
