"""Writing the index: add, replace and remove :class:`~ipcw.models.Document` entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path

from whoosh import index

from indexer.schema import build_schema
from ipcw.errors import IndexingError, IndexMissingError, IpcwError, StoreError
from ipcw.models import Document
from ipcw.symbols import Symbol, is_symbol, parse_symbol

INDEX_NAME = "ipcw"


def open_index(index_dir: Path) -> index.Index:
    """The existing index in ``index_dir``; :class:`IndexMissingError` when there is none."""
    if not index.exists_in(str(index_dir), indexname=INDEX_NAME):
        raise IndexMissingError(
            f"no search index in {index_dir}: build one with `ipcw crawl` (or `ipcw index` on a store)"
        )
    return index.open_dir(str(index_dir), indexname=INDEX_NAME)


def _fields(doc: Document) -> dict[str, object]:
    """The index fields of ``doc``. Its own symbol must parse; co-symbols of other shapes
    (``WT/MIN(05)/DEC``) are kept as written but give no family or series."""
    own = parse_symbol(doc.symbol)
    co = [s for s in doc.symbols if s != doc.symbol]
    parsed = [own, *(p for s in co if (p := _parsed_or_none(s)))]
    lang = doc.language
    title = " - ".join(p for p in (doc.title, doc.subtitle) if p)
    listing_title = doc.listing.title if doc.listing and lang == "en" else ""
    return {
        "key": doc.key,
        "symbol": doc.symbol,
        "symbols": ",".join([str(own), *(str(_parsed_or_none(s) or s.replace(",", " ")) for s in co)]),
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


def _parsed_or_none(text: str) -> Symbol | None:
    return parse_symbol(text) if is_symbol(text) else None


class IndexWriter:
    """Adds documents to the index in ``index_dir`` (created when missing); commit on exit.

    One document that cannot be written fails alone: :meth:`add` raises :class:`IndexingError` for
    it, after starting the batch again without it (a Whoosh writer that failed in the middle of a
    document may hold half of it), so the documents added before and after it are committed whole.
    """

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
        self._added: list[dict[str, object]] = []  # this batch, to replay after a failed document
        self.written = 0

    def add(self, doc: Document) -> None:
        """Add ``doc``, replacing the entry of the same (symbol, language)."""
        try:
            values = {k: v for k, v in _fields(doc).items() if v is not None}
        except IpcwError as exc:
            raise IndexingError(f"{doc.key}: cannot be indexed: {exc}") from exc
        try:
            self._writer.update_document(**values)
        except Exception as exc:  # Whoosh or an analyzer failed on this document's values
            self._start_again()
            raise IndexingError(f"{doc.key}: cannot be indexed: {type(exc).__name__}: {exc}") from exc
        self._added.append(values)
        self.written += 1

    def _start_again(self) -> None:
        """Drop the writer (and whatever half a document it holds); replay the batch into a new one."""
        self._writer.cancel()
        self._writer = self._index.writer(timeout=30.0)
        for values in self._added:
            self._writer.update_document(**values)

    def add_all(self, docs: Iterable[Document]) -> int:
        for doc in docs:
            self.add(doc)
        return self.written

    def remove(self, key: str) -> None:
        self._writer.delete_by_term("key", key)

    def commit(self) -> None:
        self._writer.commit()
        self._added.clear()

    def cancel(self) -> None:
        self._writer.cancel()
        self._added.clear()

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.cancel()
