"""How a search finds its window on PostgreSQL, which its planner cannot guess from the words.

The planner takes words as independent (47 rows expected for a phrase that 20,000 documents
match), so left alone it may read the whole table where the index finds a few hundred rows, or
check every match through the index where walking the newest documents fills the window at once
(300 ms against 10; bench/search). So each step says how to read (``_plan``), and every document
is checked at most twice:

1. A word that the planner's statistics say is common among the newest documents (they are good
   for one word or a prefix: 20,147 expected for "jardin:*", 19,919 found) is counted walking the
   ``WALKED`` newest documents, which also gives the window. The full-text index would first
   collect every match (20,000 for "jardin"), several times the walk's cost.
2. Otherwise the index finds up to ``COUNTED`` + 1 matches. When no more than ``COUNTED`` match,
   the ids found are the window; past it, the window is found walking the newest documents.

A filter is a facet token of the full-text match (one more index term) and, for the walks, a
condition on its column, so that a walk reads the filter's own index (``content_kind, id`` or
``district, id``): 1,600 documents checked instead of 26,000 for a common word in one district.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, TextualSelect, text
from sqlalchemy.orm import Session

from parvis.search import query
from parvis.search.models import PG_VECTOR

WALKED = 10_000  # newest documents checked one by one before the index is used instead
MATCH = f"{PG_VECTOR} @@ to_tsquery('simple', :query)"
FILTER_COLUMNS = {"kind": "content_kind", "district": "district"}


def find(
    db: Session, params: dict[str, str], filters: dict[str, str], page: int, page_size: int
) -> query.Found:
    """The total (up to ``COUNTED`` + 1) and a page of the window, best first. ``params`` holds
    the full-text ``query`` (words and facets) and the ``words`` alone."""
    counted, ranked = query.COUNTED, query.RANKED
    walk, values = _walk(tuple(filters)), {**params, **filters}
    _plan(db, walk_newest=True)
    if _common_among_newest(db, tuple(filters), values):
        newest = db.scalars(walk, {**values, "walked": WALKED, "counted": counted + 1}).all()
        if len(newest) > counted:
            return len(newest), _page(db, params, newest[:ranked], page, page_size)
    _plan(db, walk_newest=False)
    found = db.scalars(_through_index(), {**params, "counted": counted + 1}).all()
    if len(found) <= counted:
        return len(found), _page(db, params, sorted(found, reverse=True)[:ranked], page, page_size)
    _plan(db, walk_newest=True)
    newest = db.scalars(walk, {**values, "walked": None, "counted": ranked}).all()  # LIMIT NULL: all
    return len(found), _page(db, params, newest, page, page_size)


def _plan(db: Session, walk_newest: bool) -> None:
    """Walk the newest documents (an index in id order, checking each one) or look the words up
    in the full-text index, never read the whole table. Settings last until the request's
    transaction ends; a prepared statement's generic plan would ignore the words, hence custom
    plans. A filter's index gives its documents in id order, not the table's: at the default
    random page cost (4) the planner walked every document instead (26,000 checked for 300
    found), though the table is read from memory."""
    walk, index = ("on", "off") if walk_newest else ("off", "on")
    page_cost = 1.1 if walk_newest else 4
    db.execute(
        text(
            "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL enable_seqscan = off;"
            f" SET LOCAL enable_indexscan = {walk}; SET LOCAL enable_bitmapscan = {index};"
            f" SET LOCAL random_page_cost = {page_cost}"
        )
    )


def _common_among_newest(db: Session, filters: tuple[str, ...], values: dict[str, str]) -> bool:
    """Whether the planner expects the WALKED newest documents (of the filters) to hold twice
    COUNTED matches. Words it wrongly takes as independent cost at most one walk."""
    columns = [f"d.{FILTER_COLUMNS[f]} = :{f}" for f in filters]
    matches = _estimate(db, [f"d.{MATCH}", *columns], values)
    among = _estimate(db, columns or ["true"], values)
    return matches / max(among, 1.0) * min(among, WALKED) >= 2 * query.COUNTED


def _estimate(db: Session, conditions: list[str], values: dict[str, str]) -> float:
    """The planner's estimate of the documents meeting ``conditions`` (no row is read)."""
    where = " AND ".join(conditions)
    statement = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM core_search_document d WHERE {where}"  # noqa: S608
    return float(db.scalar(text(statement), values)[0]["Plan"]["Plan Rows"])


@lru_cache(maxsize=4)
def _walk(filters: tuple[str, ...]) -> TextClause:
    """Up to ``counted`` matches among the ``walked`` newest documents of the filters, newest
    first (``walked`` NULL: all of them)."""
    where = " AND ".join([f"d.{FILTER_COLUMNS[f]} = :{f}" for f in filters] or ["true"])
    newest = f"SELECT d.id, d.{PG_VECTOR} FROM core_search_document d WHERE {where}"  # noqa: S608
    walked = f"{newest} ORDER BY d.id DESC LIMIT :walked"
    return text(f"SELECT n.id FROM ({walked}) n WHERE n.{MATCH} ORDER BY n.id DESC LIMIT :counted")  # noqa: S608


@lru_cache(maxsize=1)
def _through_index() -> TextClause:
    """Up to ``counted`` matches found through the full-text index alone (the filters are its
    facet tokens: checking their columns too would read their indexes as well)."""
    return text(f"SELECT d.id FROM core_search_document d WHERE d.{MATCH} LIMIT :counted")  # noqa: S608


def _page(
    db: Session, params: dict[str, str], window: Sequence[int], page: int, page_size: int
) -> Sequence[Any]:
    """A page of the window (ids): words in the title first (worked out for the window's rows
    only), then the newest."""
    if not window:
        return []
    offset = (min(page, query.pages_of(len(window), page_size)) - 1) * page_size
    return db.execute(
        _page_statement(), {**params, "window": window, "limit": page_size, "offset": offset}
    ).all()


@lru_cache(maxsize=1)
def _page_statement() -> TextualSelect:
    # The words alone: the query's facet tokens (the filters) are in no title.
    in_title = "to_tsvector('simple'::regconfig, d.title_stems) @@ to_tsquery('simple', :words)"
    return query.typed(
        text(
            f"SELECT {query.COLUMNS} FROM core_search_document d WHERE d.id = ANY(:window)"  # noqa: S608
            f" ORDER BY {in_title} DESC, d.dated DESC NULLS LAST, d.id LIMIT :limit OFFSET :offset"
        )
    )
