"""Search: the Documents Online query language over the index, with filters and snippets.

Public API: :class:`Searcher` (``search``, ``lookup``) and :class:`Filters`; what a search returns is
written out by :mod:`ipcw.output`.
"""

from ipcw.search.results import SearchResult
from ipcw.search.searcher import Filters, Searcher

__all__ = ["Filters", "SearchResult", "Searcher"]
