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
from parvis.search.models import FTS_TABLE, PG_VECTOR
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


# PostgreSQL: a filter's column, checked besides its facet token (see ``_matches``).
FILTER_COLUMNS = {"kind": "content_kind", "district": "district"}


@lru_cache(maxsize=16)
def _typed(statement: TextClause) -> TextualSelect:
    names = ("content_kind", "content_key", "title", "body", "path", "district")
    typed = [column(name, String()) for name in names]
    return statement.columns(*typed, column("dated", UTCDateTime()))


@lru_cache(maxsize=1)
def _sqlite_count() -> TextClause:
    return text(f"SELECT count(*) FROM ({_matches('sqlite', ())} LIMIT :counted) m")  # noqa: S608


@lru_cache(maxsize=1)
def _first_matches() -> TextClause:
    """PostgreSQL: the ids of up to ``counted`` matches, found through the full-text index alone
    (the filters are its facet tokens: checking their columns too would read their indexes)."""
    return text(f"{_matches('postgresql', ())} LIMIT :counted")


def _matches(dialect: str, filters: tuple[str, ...]) -> str:
    """The matching documents' ids (and, on SQLite, their rank), in the index's order.

    On PostgreSQL the filters are also checked on their columns (they are facet tokens of the
    match too), so that walking the newest documents may walk the filter's own index
    (``content_kind, id`` or ``district, id``): 1,600 documents checked instead of 26,000 for a
    common word in one district (bench/search)."""
    if dialect == "postgresql":
        columns = [f"d.{FILTER_COLUMNS[f]} = :{f}" for f in filters]
        where = " AND ".join([f"d.{PG_VECTOR} @@ to_tsquery('simple', :query)", *columns])
        return f"SELECT d.id FROM core_search_document d WHERE {where}"  # noqa: S608
    return f"SELECT rowid AS id, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :query"  # noqa: S608


def _best_first(dialect: str) -> str:
    if dialect == "postgresql":
        # Whether the words are in the title is worked out for the window's rows only.
        in_title = "to_tsvector('simple'::regconfig, d.title_stems) @@ to_tsquery('simple', :query)"
        return f"{in_title} DESC, d.dated DESC NULLS LAST, d.id"
    return "w.rank, w.id"


@lru_cache(maxsize=16)
def _page(dialect: str, filters: tuple[str, ...] = ()) -> TextualSelect:
    """A page of the ranked window: the RANKED newest matches, best first."""
    order = "d.id" if dialect == "postgresql" else "rowid"
    window = f"{_matches(dialect, filters)} ORDER BY {order} DESC LIMIT :ranked"
    return _typed(
        text(
            f"SELECT {COLUMNS} FROM ({window}) w JOIN core_search_document d ON d.id = w.id"  # noqa: S608
            f" ORDER BY {_best_first(dialect)} LIMIT :limit OFFSET :offset"
        )
    )


@lru_cache(maxsize=1)
def _page_of_window() -> TextualSelect:
    """PostgreSQL: a page of a window whose ids are already known."""
    return _typed(
        text(
            f"SELECT {COLUMNS} FROM core_search_document d WHERE d.id = ANY(:window)"  # noqa: S608
            f" ORDER BY {_best_first('postgresql')} LIMIT :limit OFFSET :offset"
        )
    )


def _plan(db: Session, walk_newest: bool) -> None:
    """PostgreSQL: how to find the matches, which its planner cannot guess from the words.

    It assumes words are independent (47 rows estimated for a phrase that 20,000 documents
    match), so it may read the whole table where the index finds a few hundred rows (70 ms
    against 17), or check every match through the index where walking the newest documents fills
    the window at once (300 ms against 10). So the index always finds the matches, except for a
    query known (from the count) to match more than COUNTED documents, at least 1 % of them: its
    window is found walking the newest documents. Otherwise walking is turned off too: with a
    filter, the planner walked 40,000 documents to find 300 of 740 matches (110 ms against 15 for
    the index; bench/search). Settings last until the request's transaction ends; a prepared
    statement's generic plan would ignore the words, hence custom plans.
    """
    walk, index = ("on", "off") if walk_newest else ("off", "on")
    # Walking a filter's index (``_matches``) reads its documents in id order, not the table's:
    # at the default random page cost (4) the planner walked every document instead (26,000
    # checked for 300 found), though the table is read from memory.
    page_cost = 1.1 if walk_newest else 4
    db.execute(
        text(
            "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL enable_seqscan = off;"
            f" SET LOCAL enable_indexscan = {walk}; SET LOCAL enable_bitmapscan = {index};"
            f" SET LOCAL random_page_cost = {page_cost}"
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
    place = {"page": page, "page_size": page_size}
    if dialect == "postgresql":
        total, rows = _postgresql_page(db, params, kind=kind, district=district, **place)
    else:
        total, rows = _sqlite_page(db, params, **place)
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


Found = tuple[int, Sequence[Any]]  # the total and a page of rows


def _sqlite_page(db: Session, params: dict[str, str], *, page: int, page_size: int) -> Found:
    total = int(db.scalar(_sqlite_count(), {**params, "counted": COUNTED + 1}) or 0)
    page = min(page, pages_of(total, page_size))
    window = {"ranked": RANKED, "limit": page_size, "offset": (page - 1) * page_size}
    return total, db.execute(_page("sqlite"), {**params, **window}).all() if total else []


def _postgresql_page(
    db: Session, params: dict[str, str], *, kind: str | None, district: str | None, page: int, page_size: int
) -> Found:
    """The total and a page of results, the words looked up in the index once when few match:
    the ids found for the count are the window (all of them are the newest when there are no
    more than COUNTED)."""
    filters = {name: value for name, value in (("kind", kind), ("district", district)) if value}
    _plan(db, walk_newest=False)
    found = db.scalars(_first_matches(), {**params, "counted": COUNTED + 1}).all()
    total = len(found)
    page = min(page, pages_of(total, page_size))
    placed = {"limit": page_size, "offset": (page - 1) * page_size}
    if not total:
        return 0, []
    if total <= COUNTED:
        window = sorted(found, reverse=True)[:RANKED]
        return total, db.execute(_page_of_window(), {**params, **placed, "window": window}).all()
    _plan(db, walk_newest=True)
    walked = {**params, **filters, **placed, "ranked": RANKED}
    return total, db.execute(_page("postgresql", tuple(filters)), walked).all()


def kind_choices(site: Site) -> list[tuple[str, str]]:
    """The site's content kinds with their labels (in the current language), for the kind filter."""
    return sorted(((name, str(declared.label)) for name, declared in kinds(site).items()), key=lambda p: p[1])
