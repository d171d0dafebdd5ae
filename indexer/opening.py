"""Opening the index for reading, and what a damaged one costs.

Whoosh reads lazily and cleans up after nothing: a damaged file may fail at opening, at the first
search or only when stored fields are read, with any of a dozen exception types, and leaves half-made
objects behind (open files, maps, a writer's lock) whose destructors fail again. Everything here
turns such failures into one :class:`~ipcw.errors.IndexDamagedError` naming the repair, and lets go
of what the failure left behind, quietly.
"""

from __future__ import annotations

import gc
import logging
import sys
import traceback
import warnings
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.index import EmptyIndexError

from ipcw.errors import IndexDamagedError, IndexMissingError
from ipcw.indexer import generations
from ipcw.indexer.mapped import InPlaceStorage
from ipcw.indexer.schema import answer_to_former_names

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


def storage(folder: Path) -> InPlaceStorage:
    """The files of one generation of the index, read in place (:mod:`ipcw.indexer.mapped`)."""
    return InPlaceStorage(str(folder))


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
        answer_to_former_names()
    try:
        with quiet_destructors():
            return storage(generation.path).open_index(INDEX_NAME)
    except EmptyIndexError as exc:
        raise damaged(root, FileNotFoundError(f"{generation.path.name} holds no index")) from exc
    except Exception as exc:  # Whoosh raises a dozen types on damaged files, none of them its own
        raise damaged(root, exc) from exc


def open_searcher(root: Path) -> tuple[index.Index, Any]:
    """The index searched in ``root`` and a Whoosh searcher on it, which reads every segment's
    table: damage in them shows here as :class:`IndexDamagedError`. A swap between reading the
    pointer and opening the generation it named is met by reading the pointer again, once."""
    try:
        return _searcher_on(root, last_try=False)
    except FileNotFoundError:
        return _searcher_on(root, last_try=True)


def _searcher_on(root: Path, last_try: bool) -> tuple[index.Index, Any]:
    ix = open_index(root)
    try:
        with quiet_destructors():
            return ix, ix.searcher()
    except FileNotFoundError as exc:
        ix.close()
        if not last_try:
            raise
        raise damaged(root, exc) from exc
    except Exception as exc:  # see open_index
        ix.close()
        raise damaged(root, exc) from exc


def index_entries(root: Path) -> dict[str, str]:
    """Every entry of the index in ``root``: its key (``IP/C/W/669|en``) and the sha256 indexed."""
    ix, searcher = open_searcher(root)
    try:
        with quiet_destructors():
            return {str(f.get("key")): str(f.get("sha256", "")) for f in searcher.all_stored_fields()}
    except Exception as exc:
        raise damaged(root, exc) from exc
    finally:
        searcher.close()
        ix.close()


def check_readable(root: Path) -> None:
    """Raise :class:`IndexDamagedError` when the index in ``root`` exists but cannot be read."""
    ix, searcher = open_searcher(root)
    searcher.close()
    ix.close()


def documents_with(reader: Any, field: str, term: str) -> set[int]:
    """The numbers of the documents holding ``term`` in ``field`` (none when no document does)."""
    return set(reader.postings(field, term).all_ids()) if reader.doc_frequency(field, term) else set()
