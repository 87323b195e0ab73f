"""Mission search: filters parsed from the query string, and one full-text backend per engine.

``search_missions(db, filters)`` is the only entry point the web pages and the open-data API
use; the engine-specific part is a ``KeywordBackend`` (``sqlite.py``: FTS5, ``postgres.py``:
``tsvector``), chosen from the session's dialect.
"""

from parvis.plugins.volunteers.search.filters import MissionFilters, parse_filters
from parvis.plugins.volunteers.search.query import SearchPage, search_missions, search_pins

__all__ = ["MissionFilters", "SearchPage", "parse_filters", "search_missions", "search_pins"]
