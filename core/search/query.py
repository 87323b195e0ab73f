"""Running a search: one indexed query for a page of results and their total.

``search(db, site, q, kind=..., district=..., page=...)`` reads ``core_search_document`` through
the engine's full-text index (``engines``), filtered by kind and district, best first: BM25 with
the title weighing ten times the text on SQLite (FTS5's ``rank``, set by ``models.install``); on
PostgreSQL, documents with the words in their title first, then the newest (``ts_rank`` would
re-read every match's vector). The total comes with the page (``count(*) OVER ()``), so the
match is evaluated once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from markupsafe import Markup
from sqlalchemy import Integer, String, TextClause, TextualSelect, column, text
from sqlalchemy.orm import Session

from parvis.content import ContentRef, kinds
from parvis.db import UTCDateTime
from parvis.search.engines import fts5_query, tsquery
from parvis.search.highlight import excerpt, highlight
from parvis.search.models import FTS_TABLE, PG_VECTOR
from parvis.search.text import MAX_TERMS, Term, query_terms
from parvis.site import Site

MAX_QUERY = 200  # characters of a query that are read
PAGE_SIZE = 20

COLUMNS = (
    "d.content_kind, d.content_key, d.title, d.body, d.path, d.district, d.dated, count(*) OVER () AS total"
)


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
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@lru_cache(maxsize=64)
def _statement(dialect: str, kind: bool, district: bool) -> TextualSelect:
    names = ("content_kind", "content_key", "title", "body", "path", "district")
    typed = [column(name, String()) for name in names]
    return _text(dialect, kind, district).columns(
        *typed, column("dated", UTCDateTime()), column("total", Integer())
    )


def _text(dialect: str, kind: bool, district: bool) -> TextClause:
    filters = (" AND d.content_kind = :kind" if kind else "") + (
        " AND d.district = :district" if district else ""
    )
    if dialect == "postgresql":
        return text(
            f"SELECT {COLUMNS} FROM core_search_document d, to_tsquery('simple', :query) AS q"  # noqa: S608
            f" WHERE {PG_VECTOR} @@ q"
            f"{filters} ORDER BY to_tsvector('simple'::regconfig, d.title_stems) @@ q DESC,"
            " d.dated DESC NULLS LAST, d.id LIMIT :limit OFFSET :offset"
        )
    return text(
        f"SELECT {COLUMNS} FROM {FTS_TABLE} JOIN core_search_document d ON d.id = {FTS_TABLE}.rowid"  # noqa: S608
        f" WHERE {FTS_TABLE} MATCH :query{filters}"
        f" ORDER BY {FTS_TABLE}.rank, d.id LIMIT :limit OFFSET :offset"
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
    params: dict[str, object] = {
        "query": tsquery(terms) if dialect == "postgresql" else fts5_query(terms),
        "limit": page_size,
        "offset": (page - 1) * page_size,
    }
    if kind:
        params["kind"] = kind
    if district:
        params["district"] = district
    statement = _statement(dialect, bool(kind), bool(district))
    rows = db.execute(statement, params).all()
    if rows:
        total = int(rows[0][-1])
    elif page > 1:  # past the last page: show the last one
        first = db.execute(statement, {**params, "limit": 1, "offset": 0}).all()
        total = int(first[0][-1]) if first else 0
        if total:
            page = -(-total // page_size)
            rows = db.execute(statement, {**params, "offset": (page - 1) * page_size}).all()
        else:
            page = 1
    else:
        total = 0
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
