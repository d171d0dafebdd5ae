"""Writing the index: add, replace and remove :class:`~ipcw.models.Document` entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path

from whoosh import index

from indexer.schema import build_schema
from ipcw.errors import IndexMissingError, StoreError
from ipcw.models import Document
from ipcw.symbols import parse_symbol

INDEX_NAME = "ipcw"


def open_index(index_dir: Path) -> index.Index:
    """The existing index in ``index_dir``; :class:`IndexMissingError` when there is none."""
    if not index.exists_in(str(index_dir), indexname=INDEX_NAME):
        raise IndexMissingError(
            f"no search index in {index_dir}: build one with `ipcw crawl` (or `ipcw index` on a store)"
        )
    return index.open_dir(str(index_dir), indexname=INDEX_NAME)


def _fields(doc: Document) -> dict[str, object]:
    parsed = [parse_symbol(s) for s in doc.symbols or (doc.symbol,)]
    lang = doc.language
    title = " - ".join(p for p in (doc.title, doc.subtitle) if p)
    listing_title = doc.listing.title if doc.listing and lang == "en" else ""
    return {
        "key": doc.key,
        "symbol": doc.symbol,
        "symbols": ",".join(str(p) for p in parsed),
        "family": ",".join(dict.fromkeys(p.base for p in parsed)),
        "series": ",".join(dict.fromkeys(p.series for p in parsed)),
        "lang": lang,
        "origin": doc.origin.value if doc.origin else "",
        "topic": doc.topic.value,
        "submitters": " ; ".join(doc.submitters),
        "submitter": "|".join(doc.submitters),
        "date": datetime.combine(doc.date, time()) if doc.date else None,
        "year": doc.date.year if doc.date else None,
        f"title_{lang}": f"{title}\n{listing_title}",
        f"text_{lang}": doc.text,
        "title": title,
        "content": doc.text,
        "path": str(doc.path) if doc.path else "",
        "sha256": doc.sha256,
        "pages": doc.pages,
        "doc_number": doc.doc_number,
    }


class IndexWriter:
    """Adds documents to the index in ``index_dir`` (created when missing); commit on exit."""

    def __init__(self, index_dir: Path) -> None:
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
            if index.exists_in(str(index_dir), indexname=INDEX_NAME):
                self._index = index.open_dir(str(index_dir), indexname=INDEX_NAME)
            else:
                self._index = index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)
        except OSError as exc:
            raise StoreError(f"cannot open the index in {index_dir}: {exc}") from exc
        self._writer = self._index.writer(timeout=30.0)
        self.written = 0

    def add(self, doc: Document) -> None:
        """Add ``doc``, replacing the entry of the same (symbol, language)."""
        values = {k: v for k, v in _fields(doc).items() if v is not None}
        self._writer.update_document(**values)
        self.written += 1

    def add_all(self, docs: Iterable[Document]) -> int:
        for doc in docs:
            self.add(doc)
        return self.written

    def remove(self, key: str) -> None:
        self._writer.delete_by_term("key", key)

    def commit(self) -> None:
        self._writer.commit()

    def cancel(self) -> None:
        self._writer.cancel()

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.cancel()
