"""The indexer: read stored PDFs (pdfminer.six), tag them, and write them to the Whoosh index.

Public API: :func:`read_documents` completes harvested :class:`~ipcw.models.Document` records
(in the worker processes of :class:`ExtractionPool`, within :class:`ExtractLimits`), and
:func:`read_and_analyse` makes their index fields too (on every core, for many);
:class:`IndexWriter` writes the index, in the generations of :mod:`ipcw.indexer.generations`;
:func:`open_index`, :func:`index_entries`, :func:`check_readable` and :func:`build_schema` are the
seam the search package and ``ipcw check`` read through.

The names are loaded when first used, so that reading the index (``import ipcw.search``) does not load
the extraction stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers: explicit re-exports
    from ipcw.indexer.analysis import read_and_analyse as read_and_analyse
    from ipcw.indexer.extract_and_tag import first_page_title as first_page_title
    from ipcw.indexer.extract_and_tag import read_documents as read_documents
    from ipcw.indexer.opening import check_readable as check_readable
    from ipcw.indexer.opening import index_entries as index_entries
    from ipcw.indexer.opening import open_index as open_index
    from ipcw.indexer.pool import ExtractionPool as ExtractionPool
    from ipcw.indexer.pool import ExtractLimits as ExtractLimits
    from ipcw.indexer.schema import build_schema as build_schema
    from ipcw.indexer.schema import name_analyzer as name_analyzer
    from ipcw.indexer.schema import text_analyzer as text_analyzer
    from ipcw.indexer.writer import IndexWriter as IndexWriter

#: Where each public name lives.
_HOMES = {
    "check_readable": "ipcw.indexer.opening",
    "index_entries": "ipcw.indexer.opening",
    "open_index": "ipcw.indexer.opening",
    "ExtractionPool": "ipcw.indexer.pool",
    "ExtractLimits": "ipcw.indexer.pool",
    "first_page_title": "ipcw.indexer.extract_and_tag",
    "read_documents": "ipcw.indexer.extract_and_tag",
    "read_and_analyse": "ipcw.indexer.analysis",
    "build_schema": "ipcw.indexer.schema",
    "name_analyzer": "ipcw.indexer.schema",
    "text_analyzer": "ipcw.indexer.schema",
    "IndexWriter": "ipcw.indexer.writer",
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
    "read_and_analyse",
    "read_documents",
    "text_analyzer",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'indexer' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
