"""Writing the index: add, replace and remove :class:`~ipcw.models.Document` entries.

The index folder holds generations (see :mod:`ipcw.indexer.generations`): everyday writes go into the
current one; a rebuild writes a new one beside it and swaps it in only once it is committed.
"""

from __future__ import annotations

import contextlib
import errno
import logging
from datetime import datetime, time
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from ipcw.errors import IndexingError, IpcwError, StoreError
from ipcw.indexer import generations
from ipcw.indexer.opening import INDEX_NAME, damaged, let_go, quiet_destructors
from ipcw.indexer.schema import build_schema
from ipcw.indexer.segment import AtomicSegmentWriter, BatchBroken
from ipcw.models import Document
from ipcw.names import names_table
from ipcw.symbols import Symbol, is_symbol, parse_symbol

log = logging.getLogger(__name__)


#: About how much memory a batch's postings take before they spill to disk, in MB: with the
#: workers that analyse documents, a rebuild of 20,000 holds under 400 MB in all.
POOL_MB = 96


def _disk_error(root: Path, exc: OSError) -> StoreError:
    why = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why += ": free some space, then run `ipcw index`"
    return StoreError(f"cannot write the index in {root}: {why}; the index as it was is kept")


def index_fields(doc: Document) -> dict[str, object]:
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
        "kind": doc.kind.value,
        "submitters": " ; ".join(_name_forms(doc.submitters)),
        "submitter": "|".join(doc.submitters),
        "submitter_id": ",".join(n.id for s in doc.submitters if (n := names_table().resolve(s))),
        "speaker": "|".join(doc.speakers),
        "date": datetime.combine(doc.date, time()) if doc.date else None,
        "year": doc.date.year if doc.date else None,
        f"title_{lang}": f"{title}\n{listing_title}",
        f"text_{lang}": doc.text,
        "words": f"{title}\n{listing_title}\n{doc.text}",
        "title": title,
        "path": str(doc.path) if doc.path else "",
        "sha256": doc.sha256,
        "pages": doc.pages,
        "doc_number": doc.doc_number,
    }


def _name_forms(submitters: tuple[str, ...]) -> list[str]:
    """Each submitter's names in the three languages, now and formerly, so a word of any finds it."""
    forms: list[str] = []
    for written in submitters:
        name = names_table().resolve(written)
        if name is None:
            forms.append(written)
        else:
            former = (form for old in name.former for form in (old.en, old.fr, old.es))
            forms.extend([name.en, name.fr, name.es, *former])
    return list(dict.fromkeys(forms))


def _parsed_or_none(text: str) -> Symbol | None:
    return parse_symbol(text) if is_symbol(text) else None


def _storage(folder: Path) -> FileStorage:
    """The files of one generation, as the writer reads them: through file reads, neither mapped
    (a map's pages count in the writer's memory as it reads the segments it merges and the files
    it joins into one) nor copied into memory whole (Whoosh's default)."""
    return FileStorage(str(folder), supports_mmap=False)


class IndexWriter:
    """Adds documents to the index in the folder ``root`` (created when missing); commits on exit.

    With ``rebuild``, the documents go into a new generation, swapped in by :meth:`commit` (and
    dropped by :meth:`cancel`), so the index searched until then stays whole whatever happens.

    One document that cannot be written fails alone: :meth:`add` raises :class:`IndexingError` for
    it, and nothing of it was written (:class:`AtomicSegmentWriter`), so the documents added before
    and after it are committed whole. A commit that fails (a full disk) leaves the index as it was.
    """

    def __init__(self, root: Path, rebuild: bool = False) -> None:
        self.root = root
        self._new: Path | None = None
        generation = None if rebuild else generations.current(root)
        if generation is not None:
            # Opening what is there is reading: any failure (a segment gone, garbage) is damage.
            try:
                with quiet_destructors():
                    self._index = _storage(generation.path).open_index(INDEX_NAME)
                    self._index.searcher().close()  # reads every segment's table: damage shows here
            except Exception as exc:
                raise damaged(root, exc) from exc
        try:
            if generation is None:
                root.mkdir(parents=True, exist_ok=True)
                self._new = generations.new_generation(root)
                self._index = _storage(self._new).create_index(build_schema(), indexname=INDEX_NAME)
            self._writer = AtomicSegmentWriter(self._index, timeout=30.0, limitmb=POOL_MB)
        except OSError as exc:
            self._failed_to_start(exc)
            raise _disk_error(root, exc) from exc
        except LockError as exc:
            self._failed_to_start(exc)
            raise StoreError(f"the index in {root} is locked by another writer") from exc
        self.written = 0

    def add(self, doc: Document, values: dict[str, object] | None = None) -> None:
        """Add ``doc``, replacing the entry of the same (symbol, language), with its index fields
        ``values`` when they are made already (:mod:`ipcw.indexer.analysis`). A disk that fails is
        the batch's failure (:class:`StoreError`), never the document's."""
        if values is None:
            try:
                values = {k: v for k, v in index_fields(doc).items() if v is not None}
            except IpcwError as exc:
                raise IndexingError(f"{doc.key}: cannot be indexed: {exc}") from exc
        try:
            self._writer.update_document(**values)
        except OSError as exc:
            self._abandon()
            raise _disk_error(self.root, exc) from exc
        except BatchBroken as broken:  # half a document in the batch: none of it may be committed
            self._abandon()
            if isinstance(broken.cause, OSError):
                raise _disk_error(self.root, broken.cause) from broken
            raise StoreError(
                f"cannot write the index in {self.root}: {broken}; the index as it was is kept"
            ) from broken
        except Exception as exc:  # Whoosh or an analyzer refused this document's values: none written
            raise IndexingError(f"{doc.key}: cannot be indexed: {type(exc).__name__}: {exc}") from exc
        self.written += 1

    def remove(self, key: str) -> None:
        """Take the entry of ``key`` (``IP/C/W/669|en``) out of the index, at the next commit."""
        self._writer.delete_by_term("key", key)

    def commit(self) -> None:
        """Write the batch; swap a rebuilt generation in. On failure the index is as it was."""
        try:
            self._writer.commit()
            if self._new is not None:
                generations.publish(self.root, self._new)
        except OSError as exc:
            self._abandon()
            raise _disk_error(self.root, exc) from exc
        except Exception as exc:  # Whoosh failed in its own way: nothing was swapped in
            self._abandon()
            raise StoreError(f"cannot write the index in {self.root}: {type(exc).__name__}: {exc}") from exc
        self._new = None

    def cancel(self) -> None:
        self._abandon()

    def _abandon(self) -> None:
        """Drop the writer and a generation never published; the index is as it was. Idempotent."""
        if not getattr(self._writer, "is_closed", False):
            try:
                self._writer.cancel()
            except Exception:  # a writer whose commit failed half-way may not cancel cleanly
                lock = getattr(self._writer, "writelock", None)
                if lock is not None:
                    with contextlib.suppress(Exception):
                        lock.release()
        self._drop_new()

    def _failed_to_start(self, exc: BaseException) -> None:
        """Let go of what a writer that failed half-way through its start holds: Whoosh takes its
        write lock before creating its files and does not release it when that fails, so the frames
        that still hold the half-made writer are cleared (and its lock file closed with it)."""
        let_go(exc)
        self._drop_new()

    def _drop_new(self) -> None:
        if self._new is not None:
            generations.discard(self._new)
            self._new = None

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.cancel()
