"""Keyword matching, one implementation per database engine, behind one small interface.

- SQLite: an FTS5 table over ``volunteers_mission.search_stems`` (folded, lightly stemmed text,
  see ``text.py``) with the ``unicode61 remove_diacritics 2`` tokenizer; every word of the query
  is a prefix query (``"jardin"*``), so partial words match; ranked by BM25.
- PostgreSQL: ``to_tsvector('volunteers_fr', search_document)`` with a GIN expression index; the
  ``volunteers_fr`` configuration is French Snowball stemming after ``unaccent`` (when the
  extension is available); query words are prefix lexemes (``jardin:*``); ranked by ``ts_rank``.

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
        stmt = stmt.join(fts, fts.c.rowid == Mission.id).where(
            text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=match)
        )
        return stmt, fts.c.rank


class PostgresFts:
    def apply(self, stmt: Select, query: str) -> tuple[Select, ColumnElement | None]:  # type: ignore[type-arg]
        found = normalise.words(query)
        kept = [w for w in found if w not in normalise.STOP_WORDS]
        if not kept:
            return stmt, None
        config = literal_column(f"'{PG_CONFIG}'::regconfig")
        vector = func.to_tsvector(config, Mission.search_document)
        tsquery = func.to_tsquery(config, " & ".join(f"{w}:*" for w in kept[:12]))
        return stmt.where(vector.op("@@")(tsquery)), -func.ts_rank(vector, tsquery)


def backend_for(db: Session) -> KeywordBackend:
    return PostgresFts() if db.get_bind().dialect.name == "postgresql" else SqliteFts()
