"""Site-wide search for plugins: give your public objects, keep them up to date, match text.

- ``search_documents(db, site)`` (hook): answer ``SearchDocument(ref, title, path, text,
  language, district, date)`` for every public object of your content kinds, usually
  ``documents_of(db, site, kind, keys)`` (built through the kind's ``load``);
- ``reindex(db, site, ref_or_kind)``: after a change (published, edited, hidden, withdrawn), in
  the same unit of work; a kind's name re-reads all of its documents; ``rebuild`` rewrites all;
- ``search(db, site, q, kind=..., district=..., page=...)``: a page of results (``Hit``: kind
  label, highlighted title and excerpt as escaped ``Markup``, path, district, date);
- text (the one way Parvis folds, stems and splits text, for a plugin's own keyword search):
  ``fold``, ``words``, ``stem``, ``index_text``, ``query_terms``, ``stem_terms``, ``STOP_WORDS``,
  and the engine expressions ``fts5_query`` / ``tsquery``.

See docs/plugins.md ("Site search").
"""

from __future__ import annotations

from parvis.search.documents import SearchDocument
from parvis.search.engines import fts5_query, tsquery
from parvis.search.highlight import excerpt, highlight
from parvis.search.index import documents_of, rebuild, reindex
from parvis.search.query import Hit, SearchResults, search
from parvis.search.text import (
    STOP_WORDS,
    Term,
    fold,
    index_text,
    query_terms,
    stem,
    stem_terms,
    tokens,
    words,
)

__all__ = [
    "STOP_WORDS",
    "Hit",
    "SearchDocument",
    "SearchResults",
    "Term",
    "documents_of",
    "excerpt",
    "fold",
    "fts5_query",
    "highlight",
    "index_text",
    "query_terms",
    "rebuild",
    "reindex",
    "search",
    "stem",
    "stem_terms",
    "tokens",
    "tsquery",
    "words",
]
