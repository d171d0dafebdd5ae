"""The indexer: read stored PDFs (pdfminer.six), tag them, and write them to the Whoosh index.

Public API: :func:`read_documents` completes harvested :class:`~ipcw.models.Document` records
(in the worker processes of :class:`ExtractionPool`, within :class:`ExtractLimits`);
:class:`IndexWriter` writes the index, in the generations of :mod:`indexer.generations`;
:func:`open_index`, :func:`index_entries`, :func:`check_readable` and :func:`build_schema` are the
seam the search package and ``ipcw check`` read through.

The names are loaded when first used, so that reading the index (``import search``) does not load
the extraction stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers: explicit re-exports
    from indexer.opening import check_readable as check_readable
    from indexer.opening import index_entries as index_entries
    from indexer.opening import open_index as open_index
    from indexer.pool import ExtractionPool as ExtractionPool
    from indexer.pool import ExtractLimits as ExtractLimits
    from indexer.read import first_page_title as first_page_title
    from indexer.read import read_documents as read_documents
    from indexer.schema import build_schema as build_schema
    from indexer.schema import name_analyzer as name_analyzer
    from indexer.schema import text_analyzer as text_analyzer
    from indexer.writer import IndexWriter as IndexWriter

#: Where each public name lives.
_HOMES = {
    "check_readable": "indexer.opening",
    "index_entries": "indexer.opening",
    "open_index": "indexer.opening",
    "ExtractionPool": "indexer.pool",
    "ExtractLimits": "indexer.pool",
    "first_page_title": "indexer.read",
    "read_documents": "indexer.read",
    "build_schema": "indexer.schema",
    "name_analyzer": "indexer.schema",
    "text_analyzer": "indexer.schema",
    "IndexWriter": "indexer.writer",
}

__all__ = [
    "ExtractLimits",
    "ExtractionPool",
    "IndexWriter",
    "build_schema",
    "check_readable",
    "first_page_title",
    "index_entries",
    "name_analyzer",
    "open_index",
    "read_documents",
    "text_analyzer",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'indexer' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
