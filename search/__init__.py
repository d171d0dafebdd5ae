"""Search: the Documents Online query language over the index, with filters, snippets and exports.

Public API: :class:`Searcher` (``search``, ``lookup``), :class:`Filters`, :func:`parse_query`, and
the formats in :mod:`ipcw.search.export`.
"""

from ipcw.models import FORMATS, SORTS
from ipcw.query import parse_query
from ipcw.search.export import hit_to_dict, symbol_parts, to_csv, to_json, to_table
from ipcw.search.searcher import Filters, Searcher, SearchResult

__all__ = [
    "FORMATS",
    "SORTS",
    "Filters",
    "SearchResult",
    "Searcher",
    "hit_to_dict",
    "parse_query",
    "symbol_parts",
    "to_csv",
    "to_json",
    "to_table",
]
