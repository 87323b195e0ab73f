"""Keyword matching, one implementation per database engine, behind one small interface.

- SQLite: an FTS5 table over ``volunteers_mission.search_stems`` (core's ``index_text``: folded,
  lightly stemmed words, Japanese bigrams) matched the way the site search matches
  (``parvis.api.search.query_terms`` and ``fts5_query``): every word of the query is a prefix
  query of its stems (``"jardin"*``), so partial words match; ranked by BM25.
- PostgreSQL: French Snowball stems after ``unaccent`` (``volunteers_fr``) plus whole unaccented
  words (``volunteers_simple``), one GIN expression index; each query word matches its stem, or
  is the beginning of a word (``jardin`` or ``jard:*``); missions with the words in their title
  come first.

Both treat the words as AND: every word must appear. A backend builds the statement once per
number of words, with bound parameters (``terms``/``params`` give their values), so the search
reuses compiled statements.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Select,
    bindparam,
    case,
    column,
    func,
    literal_column,
    table,
    text,
)

from parvis.api.search import STOP_WORDS, Term, fts5_query, query_terms, words
from parvis.plugins.volunteers.models import Mission

FTS_TABLE = "volunteers_mission_fts"
PG_CONFIG = "volunteers_fr"
MAX_TERMS = 12


class KeywordBackend(Protocol):
    def terms(self, query: str) -> list[Any]:
        """The words of ``query`` this backend matches (empty: no keyword filter)."""
        ...

    def apply(self, stmt: Select, count: int) -> tuple[Select, ColumnElement]:
        """Restrict ``stmt`` (selecting from ``volunteers_mission``) to missions matching ``count``
        terms given later as parameters; return it with a relevance expression (ascending)."""
        ...

    def params(self, terms: list[Any]) -> dict[str, Any]:
        """The bound parameters of ``apply``'s statement for these terms."""
        ...


class SqliteFts:
    def terms(self, query: str) -> list[Term]:
        return query_terms(query, MAX_TERMS)

    def apply(self, stmt: Select, count: int) -> tuple[Select, ColumnElement]:
        fts = table(FTS_TABLE, column("rowid"), column("rank"))
        stmt = stmt.join(fts, fts.c.rowid == Mission.__table__.c.id).where(
            text(f"{FTS_TABLE} MATCH :fts_query")
        )
        return stmt, fts.c.rank

    def params(self, terms: list[Term]) -> dict[str, Any]:
        # Terms are word characters only: no FTS5 operator of the query survives.
        return {"fts_query": fts5_query(terms)}


STEMS: ColumnClause[Any] = literal_column(f"'{PG_CONFIG}'::regconfig")
WORDS: ColumnClause[Any] = literal_column("'volunteers_simple'::regconfig")


def document_vector() -> ColumnElement:
    """The indexed expression (``ix_volunteers_mission_search``): keep it identical to the index."""
    document = Mission.__table__.c.search_document
    return func.to_tsvector(STEMS, document).op("||")(func.to_tsvector(WORDS, document))


class PostgresFts:
    """Each word matches its French stem exactly, or any whole word it begins.

    Prefixes are taken on whole words, not on stems: the Snowball stem of "repas" is "rep", and
    "rep:*" would also find "réparer". The document's vector holds both the stems and the words,
    indexed together by one GIN expression index.
    """

    def terms(self, query: str) -> list[str]:
        return [w for w in words(query) if w not in STOP_WORDS][:MAX_TERMS]

    def apply(self, stmt: Select, count: int) -> tuple[Select, ColumnElement]:
        tsquery = None
        for n in range(count):
            either = func.to_tsquery(STEMS, bindparam(f"kw{n}")).op("||")(
                func.to_tsquery(WORDS, bindparam(f"kw{n}_prefix"))
            )
            tsquery = either if tsquery is None else tsquery.op("&&")(either)
        # Relevance: missions whose title has the words first. ts_rank would recompute the whole
        # document's vector for every match (about 0.7 ms a page on the benchmark); titles are short.
        title = Mission.__table__.c.title
        in_title = func.to_tsvector(STEMS, title).op("||")(func.to_tsvector(WORDS, title)).op("@@")(tsquery)
        return stmt.where(document_vector().op("@@")(tsquery)), case((in_title, 0), else_=1)

    def params(self, terms: list[str]) -> dict[str, Any]:
        # Words are word characters only (core's words()): no tsquery operator can slip in.
        values: dict[str, Any] = {}
        for n, word in enumerate(terms):
            values[f"kw{n}"] = word
            values[f"kw{n}_prefix"] = word + ":*"
        return values


BACKENDS: dict[str, KeywordBackend] = {"sqlite": SqliteFts(), "postgresql": PostgresFts()}


def backend_for(dialect: str) -> KeywordBackend:
    return BACKENDS.get(dialect, BACKENDS["sqlite"])
