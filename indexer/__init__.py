"""The indexer: read stored PDFs (pdfminer.six), tag them, and write them to the Whoosh index.

Public API: :func:`read_documents` completes harvested :class:`~ipcw.models.Document` records
(in the worker processes of :class:`ExtractionPool`, within :class:`ExtractLimits`);
:class:`IndexWriter` writes the index, in the generations of :mod:`indexer.generations`;
:func:`open_index`, :func:`index_entries`, :func:`check_readable` and :func:`build_schema` are the
seam the search package and ``ipcw check`` read through.
"""

from indexer.opening import check_readable, index_entries, open_index
from indexer.pool import ExtractionPool, ExtractLimits
from indexer.read import first_page_title, read_documents
from indexer.schema import build_schema, name_analyzer, text_analyzer
from indexer.writer import IndexWriter

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
