"""Keyword matching, one implementation per database engine, behind one small interface.

- SQLite: an FTS5 table over ``volunteers_mission.search_stems`` (folded, lightly stemmed text,
  see ``text.py``) with the ``unicode61 remove_diacritics 2`` tokenizer; every word of the query
  is a prefix query (``"jardin"*``), so partial words match; ranked by BM25.
- PostgreSQL: French Snowball stems after ``unaccent`` (``volunteers_fr``) plus whole unaccented
  words (``volunteers_simple``), one GIN expression index; each query word matches its stem, or
  is the beginning of a word (``jardin`` or ``jard:*``); ranked by ``ts_rank``.

Both treat the words as AND: every word must appear.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, Select, column, func, literal_column, table, text
from sqlalchemy.orm import Session

from parvis.plugins.volunteers import text as normalise
from parvis.plugins.volunteers.models import Mission

FTS_TABLE = "volunteers_mission_fts"
PG_CONFIG = "volunteers_fr"


class KeywordBackend(Protocol):
    def apply(self, stmt: Select, query: str) -> tuple[Select, ColumnElement | None]:  # type: ignore[type-arg]
        """Restrict ``stmt`` (selecting from ``volunteers_mission``) to missions matching ``query``;
        return it with a relevance expression to order by (ascending), or None when nothing to match."""
        ...


class SqliteFts:
    def apply(self, stmt: Select, query: str) -> tuple[Select, ColumnElement | None]:  # type: ignore[type-arg]
        terms = normalise.query_terms(query)
        if not terms:
            return stmt, None
        match = " ".join(f'"{term}"*' for term in terms)
        fts = table(FTS_TABLE, column("rowid"), column("rank"))
        stmt = stmt.join(fts, fts.c.rowid == Mission.__table__.c.id).where(
            text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=match)
        )
        return stmt, fts.c.rank


class PostgresFts:
    """Each word matches its French stem exactly, or any whole word it begins.

    Prefixes are taken on whole words, not on stems: the Snowball stem of "repas" is "rep", and
    "rep:*" would also find "réparer". The document's vector holds both the stems and the words,
    indexed together by one GIN expression index.
    """

    def apply(self, stmt: Select, query: str) -> tuple[Select, ColumnElement | None]:  # type: ignore[type-arg]
        found = normalise.words(query)
        kept = [w for w in found if w not in normalise.STOP_WORDS][:12]
        if not kept:
            return stmt, None
        vector = document_vector()
        tsquery = None
        for word in kept:
            either = func.to_tsquery(STEMS, word).op("||")(func.to_tsquery(WORDS, word + ":*"))
            tsquery = either if tsquery is None else tsquery.op("&&")(either)
        return stmt.where(vector.op("@@")(tsquery)), -func.ts_rank(vector, tsquery)


STEMS = literal_column(f"'{PG_CONFIG}'::regconfig")
WORDS = literal_column("'volunteers_simple'::regconfig")


def document_vector() -> ColumnElement:  # type: ignore[type-arg]
    """The indexed expression (``ix_volunteers_mission_search``): keep it identical to the index."""
    document = Mission.__table__.c.search_document
    return func.to_tsvector(STEMS, document).op("||")(func.to_tsvector(WORDS, document))


def backend_for(db: Session) -> KeywordBackend:
    return PostgresFts() if db.get_bind().dialect.name == "postgresql" else SqliteFts()
