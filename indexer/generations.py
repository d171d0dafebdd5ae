"""Where the index lives: whole generations side by side, and a pointer to the one searched.

Layout of the index folder (``DATA_DIR/index``)::

    CURRENT        "gen-000003 2": the generation searched, and the index format it was built in
    gen-000003/    a whole Whoosh index
    gen-000002/    the generation before, kept until the next swap: a search that read the pointer
                   just before the swap may still be opening it

A rebuild writes a new generation beside the current one and :func:`publish` swaps the pointer
atomically (temporary file, fsync, rename), so searches during a rebuild keep answering from the
old index and a rebuild that fails leaves it in place. Everyday writes go into the current
generation, whose own commits Whoosh makes atomic. An index folder of the first releases (the
Whoosh files directly in it, no pointer) is read as generation 0, format 1.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ipcw.files import fsync_dir, write_atomic

log = logging.getLogger(__name__)

#: The index format this version writes. 2: analyzers guarded against stemmer failures. 3: kind,
#: speakers, submitters by the names table's ids and every form of their names, unstemmed words
#: for prefixes. 4: accents folded by ipcw.text.ACCENTS, as titles and names are (ø, ł, ß, ligatures).
#: 5: the text is no longer stored in the index: snippets and ``show --text`` read the text cache.
FORMAT = 5
POINTER = "CURRENT"
_GENERATION = re.compile(r"gen-(\d{6})")
#: Whoosh's names for the index "ipcw": its table of contents, segments and write lock.
_WHOOSH_FILE = re.compile(r"_?ipcw_.*|ipcw\.tmp")


@dataclass(frozen=True)
class Generation:
    """One whole index on disk."""

    path: Path
    format: int

    @property
    def outdated(self) -> bool:
        """Whether it was built by an older ipcw, whose analyzers this version must not extend."""
        return self.format < FORMAT


def current(root: Path) -> Generation | None:
    """The generation searched, or ``None`` when there is no index yet."""
    try:
        name, _, version = (root / POINTER).read_text(encoding="ascii").strip().partition(" ")
    except FileNotFoundError:
        return Generation(root, 1) if _legacy_files(root) else None
    except (OSError, UnicodeDecodeError):
        name, version = "", ""
    if not _GENERATION.fullmatch(name) or not version.isdigit():
        # A damaged pointer: the newest whole generation on disk (one a commit finished: it has a
        # table of contents) is the best guess, and it is said.
        whole = [path for path in _generations(root) if any(path.glob("_ipcw_*.toc"))]
        newest = max(whole, default=None)
        log.warning("the index pointer %s is damaged; reading %s", root / POINTER, newest)
        return Generation(newest, 1) if newest else None
    return Generation(root / name, int(version))


def unpublished(root: Path) -> list[Path]:
    """Generations newer than the one searched: rebuilds that failed or were killed before their swap."""
    searched = current(root)
    if searched is None:
        return _generations(root)
    return [path for path in _generations(root) if path.name > searched.path.name or searched.path == root]


def new_generation(root: Path) -> Path:
    """A new, empty folder for a generation, numbered after every one on disk."""
    numbers = [int(m[1]) for p in _generations(root) if (m := _GENERATION.fullmatch(p.name))]
    path = root / f"gen-{max(numbers, default=0) + 1:06d}"
    path.mkdir(parents=True)
    return path


def publish(root: Path, path: Path) -> None:
    """Make the generation at ``path`` the one searched, durably; remove those before the previous."""
    for file in path.iterdir():
        if file.is_file():
            with file.open("rb") as handle:
                os.fsync(handle.fileno())
    fsync_dir(path)
    previous = current(root)
    write_atomic(root / POINTER, f"{path.name} {FORMAT}\n".encode("ascii"))
    keep = {path, previous.path if previous else path}
    for old in _generations(root):
        if old not in keep:
            shutil.rmtree(old, ignore_errors=True)
    if root not in keep:  # the first releases' files, once a generation after them is published
        for file in _legacy_files(root):
            if file.is_dir():
                shutil.rmtree(file, ignore_errors=True)
            else:
                file.unlink(missing_ok=True)


def discard(path: Path) -> None:
    """Remove a generation that was never published (a rebuild that failed)."""
    shutil.rmtree(path, ignore_errors=True)


def _generations(root: Path) -> list[Path]:
    try:
        return sorted(p for p in root.iterdir() if p.is_dir() and _GENERATION.fullmatch(p.name))
    except OSError:
        return []


def _legacy_files(root: Path) -> list[Path]:
    try:
        return [p for p in root.iterdir() if _WHOOSH_FILE.fullmatch(p.name)]
    except OSError:
        return []
