"""Search: the Documents Online query language over the index, with filters and snippets.

Public API: :func:`open_searcher` (the Whoosh index's :class:`Searcher`, or a team's PostgreSQL
index's, by the setting ``index_url``: both an :class:`Engine`) and :class:`Filters`; what a search returns is
written out by :mod:`ipcw.output`.
"""

from ipcw.search.engine import Engine, open_searcher
from ipcw.search.results import SearchResult
from ipcw.search.searcher import Filters, Searcher

__all__ = ["Engine", "Filters", "SearchResult", "Searcher", "open_searcher"]
