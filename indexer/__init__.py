"""The indexer: read stored PDFs (pdfminer.six), tag them, and write them to the Whoosh index.

Public API: :func:`read_document` / :func:`read_documents` complete a harvested
:class:`~ipcw.models.Document`; :class:`IndexWriter` writes the index; :func:`open_index` and
:func:`build_schema` are the seam the search package reads through.
"""

from indexer.read import first_page_title, read_document, read_documents
from indexer.schema import build_schema, name_analyzer, text_analyzer
from indexer.writer import IndexWriter, open_index

__all__ = [
    "IndexWriter",
    "build_schema",
    "first_page_title",
    "name_analyzer",
    "open_index",
    "read_document",
    "read_documents",
    "text_analyzer",
]
