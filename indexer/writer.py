"""Writing the index: add, replace and remove :class:`~ipcw.models.Document` entries.

The index folder holds generations (see :mod:`indexer.generations`): everyday writes go into the
current one; a rebuild writes a new one beside it and swaps it in only once it is committed.
"""

from __future__ import annotations

import errno
import gc
import logging
import sys
import traceback
import warnings
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.index import EmptyIndexError, LockError

from indexer import generations
from indexer.schema import build_schema
from ipcw.errors import IndexDamagedError, IndexingError, IndexMissingError, IpcwError, StoreError
from ipcw.models import Document
from ipcw.symbols import Symbol, is_symbol, parse_symbol

log = logging.getLogger(__name__)

INDEX_NAME = "ipcw"


class quiet_destructors:
    """Whoosh objects that fail on damaged files leave more objects half-made (its reader retries
    ten times), whose destructors fail or warn again when collected: while this is entered, what
    they say is logged, not printed.

    A class rather than a generator: a generator's frame would stay in the traceback of the error
    passing through it, and clearing that frame later (see :func:`let_go`) would run its cleanup
    again, in the middle of another one.
    """

    def __enter__(self) -> None:
        self._hook = sys.unraisablehook
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("ignore", ResourceWarning)
        sys.unraisablehook = self._quietly

    def __exit__(self, *exc: object) -> None:
        sys.unraisablehook = self._hook
        self._warnings.__exit__(None, None, None)

    @staticmethod
    def _quietly(problem: Any) -> None:
        log.debug("while letting go of %r: %s", problem.object, problem.exc_value)


def let_go(exc: BaseException) -> None:
    """Release what Whoosh objects left half-made by ``exc`` hold (open files, maps, its write lock).

    Whoosh does not clean up after a failure in a constructor: the half-made objects live on in the
    traceback's frames, holding files (and, for a writer, the write lock), and their ``__del__``
    may fail again on damaged files. So the frames are cleared and the objects collected now,
    quietly: what their destructors say is logged, not printed.
    """
    with quiet_destructors():
        traceback.clear_frames(exc.__traceback__)
        gc.collect()


def damaged(root: Path, exc: BaseException) -> IndexDamagedError:
    """The error for an index that cannot be read: what failed, and how to repair it (what the
    failure left half-made is let go of first, see :func:`let_go`)."""
    let_go(exc)
    return IndexDamagedError(
        f"the search index in {root} is damaged ({type(exc).__name__}: {exc}); "
        "`ipcw index --rebuild` builds it anew from the stored files"
    )


def open_index(root: Path) -> index.Index:
    """The index searched in the index folder ``root``; :class:`IndexMissingError` when there is
    none, :class:`IndexDamagedError` when it cannot be read."""
    generation = generations.current(root)
    if generation is None:
        raise IndexMissingError(
            f"no search index in {root}: `ipcw index` builds it from the stored files, "
            "`ipcw crawl` or `ipcw import` from new ones"
        )
    if generation.outdated:
        log.warning("the index in %s was built by an older ipcw: `ipcw index --rebuild` updates it", root)
    try:
        with quiet_destructors():
            return index.open_dir(str(generation.path), indexname=INDEX_NAME)
    except EmptyIndexError as exc:
        raise damaged(root, FileNotFoundError(f"{generation.path.name} holds no index")) from exc
    except Exception as exc:  # Whoosh raises a dozen types on damaged files, none of them its own
        raise damaged(root, exc) from exc


def index_entries(root: Path) -> dict[str, str]:
    """Every entry of the index in ``root``: its key (``IP/C/W/669|en``) and the sha256 indexed."""
    ix = open_index(root)
    try:
        with quiet_destructors(), ix.searcher() as searcher:
            return {str(f.get("key")): str(f.get("sha256", "")) for f in searcher.all_stored_fields()}
    except IpcwError:
        raise
    except Exception as exc:
        raise damaged(root, exc) from exc
    finally:
        ix.close()


def check_readable(root: Path) -> None:
    """Raise :class:`IndexDamagedError` when the index in ``root`` exists but cannot be read."""
    ix = open_index(root)
    try:
        with quiet_destructors():
            ix.searcher().close()
    except Exception as exc:
        raise damaged(root, exc) from exc
    finally:
        ix.close()


def _disk_error(root: Path, exc: OSError) -> StoreError:
    why = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why += ": free some space, then run `ipcw index`"
    return StoreError(f"cannot write the index in {root}: {why}; the index as it was is kept")


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
    """Adds documents to the index in the folder ``root`` (created when missing); commits on exit.

    With ``rebuild``, the documents go into a new generation, swapped in by :meth:`commit` (and
    dropped by :meth:`cancel`), so the index searched until then stays whole whatever happens.

    One document that cannot be written fails alone: :meth:`add` raises :class:`IndexingError` for
    it, after starting the batch again without it (a Whoosh writer that failed in the middle of a
    document may hold half of it), so the documents added before and after it are committed whole.
    A commit that fails (a full disk) leaves the index as it was.
    """

    def __init__(self, root: Path, rebuild: bool = False) -> None:
        self.root = root
        self._new: Path | None = None
        try:
            root.mkdir(parents=True, exist_ok=True)
            generation = None if rebuild else generations.current(root)
            if generation is None:
                self._new = generations.new_generation(root)
                self._index = index.create_in(str(self._new), build_schema(), indexname=INDEX_NAME)
            else:
                with quiet_destructors():
                    self._index = index.open_dir(str(generation.path), indexname=INDEX_NAME)
                    self._index.searcher().close()  # reads every segment's table: damage shows here
            self._writer = self._index.writer(timeout=30.0)
        except OSError as exc:
            self._failed_to_start(exc)
            raise _disk_error(root, exc) from exc
        except LockError as exc:
            self._failed_to_start(exc)
            raise StoreError(f"the index in {root} is locked by another writer") from exc
        except Exception as exc:  # a damaged generation: see open_index
            self._drop_new()
            raise damaged(root, exc) from exc
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
        self._added.clear()
        self._new = None

    def cancel(self) -> None:
        self._abandon()
        self._added.clear()

    def _abandon(self) -> None:
        try:
            self._writer.cancel()
        except Exception:  # a writer whose commit failed half-way may not cancel cleanly
            lock = getattr(self._writer, "writelock", None)
            if lock is not None:
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
