"""Site-wide search (``parvis.search``; for plugins ``parvis.api.search``).

Plugins give their public objects as ``SearchDocument`` through the ``search_documents`` hook; an
index table (``models``) holds them with their folded and stemmed words (``text``: the one way
Parvis folds, stems and splits text), indexed by SQLite FTS5 or PostgreSQL full-text search
(``engines``). ``index.reindex`` keeps it up to date after a change, ``index.rebuild`` (an hourly
job) rewrites it; ``query.search`` answers a page of results with escaped, highlighted excerpts
(``highlight``); ``web`` is the page ``/{lang}/search``.
"""

from parvis.search.documents import SearchDocument

__all__ = ["SearchDocument"]
