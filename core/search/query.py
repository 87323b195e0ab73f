"""Running a search: a page of ranked results and their total, fast whatever the words.

``search(db, site, q, kind=..., district=..., page=...)`` reads ``core_search_document`` through
the engine's full-text index (``engines``), filtered by kind and district. A word as common as
"jardin" can match tens of thousands of documents, and ranking them all costs hundreds of
milliseconds, so the ranking is done within a window: the ``RANKED`` most recently indexed
matches (the index's own order, read without a sort), best first — BM25 with the title weighing
ten times the text on SQLite (FTS5's ``rank``, set by ``models.install``); on PostgreSQL, words in
the title first, then the newest. Fewer matches than the window are all ranked. The total is a
separate count that stops at ``COUNTED`` ("more than 1,000 results").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from markupsafe import Markup
from sqlalchemy import String, TextClause, TextualSelect, column, text
from sqlalchemy.orm import Session

from parvis.content import ContentRef, kinds
from parvis.db import UTCDateTime
from parvis.search.engines import fts5_query, tsquery
from parvis.search.highlight import excerpt, highlight
from parvis.search.models import FTS_TABLE
from parvis.search.text import MAX_TERMS, Term, facet_token, query_terms
from parvis.site import Site

MAX_QUERY = 200  # characters of a query that are read
PAGE_SIZE = 20
RANKED = 300  # matches ranked for a query (bench/search: ranking all 20,000 matches of a word: 200 ms)
COUNTED = 1_000  # matches counted for the total ("more than 1,000 results")

COLUMNS = "d.content_kind, d.content_key, d.title, d.body, d.path, d.district, d.dated"


@dataclass(frozen=True, slots=True)
class Hit:
    ref: ContentRef
    kind_label: str
    title: Markup
    excerpt: Markup
    path: str
    district: str | None
    date: datetime | None


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    terms: list[Term]
    hits: list[Hit]
    total: int  # matches counted, at most COUNTED
    page: int
    page_size: int

    @property
    def more(self) -> bool:
        """More matches than were counted."""
        return self.total > COUNTED

    @property
    def pages(self) -> int:
        return pages_of(self.total, self.page_size)


def pages_of(total: int, page_size: int) -> int:
    """Pages of ranked results (the window: see the module's docstring)."""
    return max(1, -(-min(total, RANKED) // page_size))


Found = tuple[int, Sequence[Any]]  # the total and a page of rows


@lru_cache(maxsize=4)
def typed(statement: TextClause) -> TextualSelect:
    """A page's statement with its columns' types (``COLUMNS``)."""
    names = ("content_kind", "content_key", "title", "body", "path", "district")
    return statement.columns(*(column(name, String()) for name in names), column("dated", UTCDateTime()))


def _sqlite(db: Session, params: dict[str, str], page: int, page_size: int) -> Found:
    """SQLite: the total, then a page of the RANKED newest matches (FTS5 reads its matches
    newest first and stops), best first by BM25."""
    total = int(db.scalar(_sqlite_count(), {**params, "counted": COUNTED + 1}) or 0)
    page = min(page, pages_of(total, page_size))
    window = {"ranked": RANKED, "limit": page_size, "offset": (page - 1) * page_size}
    return total, db.execute(_sqlite_page(), {**params, **window}).all() if total else []


SQLITE_MATCHES = f"SELECT rowid AS id, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :query"  # noqa: S608


@lru_cache(maxsize=1)
def _sqlite_count() -> TextClause:
    return text(f"SELECT count(*) FROM ({SQLITE_MATCHES} LIMIT :counted) m")  # noqa: S608


@lru_cache(maxsize=1)
def _sqlite_page() -> TextualSelect:
    window = f"{SQLITE_MATCHES} ORDER BY rowid DESC LIMIT :ranked"
    return typed(
        text(
            f"SELECT {COLUMNS} FROM ({window}) w JOIN core_search_document d ON d.id = w.id"  # noqa: S608
            " ORDER BY w.rank, w.id LIMIT :limit OFFSET :offset"
        )
    )


def match_expression(dialect: str, terms: list[Term], kind: str | None, district: str | None) -> str:
    """The engine's full-text expression: every term in the title or text, and the filters as
    facet tokens (one index lookup each, however many documents match the words)."""
    facets = [facet_token("k", kind)] if kind else []
    facets += [facet_token("d", district)] if district else []
    if dialect == "postgresql":
        return " & ".join([f"({tsquery(terms)})", *facets])
    return " AND ".join(
        [f"{{title_stems stems}} : ({fts5_query(terms)})", *(f"facets : {f}" for f in facets)]
    )


def search(
    db: Session,
    site: Site,
    q: str,
    *,
    kind: str | None = None,
    district: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchResults:
    """A page of the public documents matching every word of ``q`` (empty when ``q`` has no word)."""
    q = q[:MAX_QUERY]
    terms = query_terms(q, MAX_TERMS)
    page = max(1, page)
    if not terms:
        return SearchResults(q, terms, [], 0, 1, page_size)
    dialect = db.get_bind().dialect.name
    params = {"query": match_expression(dialect, terms, kind, district)}
    if dialect == "postgresql":
        from parvis.search import postgresql

        filters = {name: value for name, value in (("kind", kind), ("district", district)) if value}
        words = {"words": tsquery(terms)}
        total, rows = postgresql.find(db, {**params, **words}, filters, page, page_size)
    else:
        total, rows = _sqlite(db, params, page, page_size)
    page = min(page, pages_of(total, page_size))  # past the last page: show the last one
    labels = {name: str(declared.label) for name, declared in kinds(site).items()}
    hits = [
        Hit(
            ref=ContentRef(row[0], row[1]),
            kind_label=labels.get(row[0]) or str(row[0]),
            title=highlight(row[2], terms),
            excerpt=excerpt(row[3], terms),
            path=row[4],
            district=row[5],
            date=row[6],
        )
        for row in rows
    ]
    return SearchResults(q, terms, hits, total, page, page_size)


def kind_choices(site: Site) -> list[tuple[str, str]]:
    """The site's content kinds with their labels (in the current language), for the kind filter."""
    return sorted(((name, str(declared.label)) for name, declared in kinds(site).items()), key=lambda p: p[1])
