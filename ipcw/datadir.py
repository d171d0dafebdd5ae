"""The data directory: every path ipcw keeps under it, named in this one place.

Layout::

    DATA_DIR/
      manifest.sqlite3           the store's manifest: one row per (symbol, language)
      files/en/IP_C_W_640_Add.3.pdf
      files/fr/...               the stored PDFs, by language (names: :func:`file_name`)
      text/<sha256>.json         the text cache: each stored file's extracted pages, by its sha256
      index/                     the search index, in generations (see ipcw.indexer.generations)
      logs/ipcw.log              the log of the commands that write (rotated)
      ipcw.lock                  held by the one process that writes
      alerts.json                saved searches and what each has seen (ipcw alert)
      quarantine/...             files ``ipcw check --repair`` set aside, at their paths under files/

No other module builds these paths: each takes them from a :class:`DataDir`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: The longest file name stem the store writes (file systems allow 255 bytes).
MAX_NAME = 120


def file_name(symbol: str) -> str:
    """A safe, bounded file name, one per symbol: ``IP/C/W/640/Add.3`` → ``IP_C_W_640_Add.3.pdf``.

    A symbol of letters, digits, dots, hyphens and slashes, starting with a letter or digit, gets
    its slashes turned into ``_``, which no such symbol contains, so no two of them share a name.
    Any other symbol (a space, an underscore, another character, a leading dot, more than
    :data:`MAX_NAME` characters) gets a safe name made unique by a hash of the symbol: never a
    hidden file, never ``..``, never another symbol's file.
    """
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9./\-]*", symbol) and len(symbol) <= MAX_NAME:
        return symbol.replace("/", "_") + ".pdf"
    digest = hashlib.sha256(symbol.encode("utf-8", "replace")).hexdigest()[:16]
    safe = re.sub(r"[^A-Za-z0-9.\-]", "_", symbol).lstrip(".")[: MAX_NAME - 17]
    return f"{safe}-{digest}.pdf"


@dataclass(frozen=True, slots=True)
class DataDir:
    """The paths under one data directory (nothing is created until a writer needs it)."""

    root: Path

    @classmethod
    def holding_index(cls, index: Path) -> DataDir:
        """The data directory whose index folder is ``index``."""
        return cls(index.parent)

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.sqlite3"

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def text_cache(self) -> Path:
        return self.root / "text"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "ipcw.log"

    @property
    def lock(self) -> Path:
        return self.root / "ipcw.lock"

    @property
    def alerts(self) -> Path:
        return self.root / "alerts.json"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    def holds_store(self) -> bool:
        """Whether a store was made here already (a directory without one is not created to say so)."""
        return self.manifest.is_file()

    def pdf(self, symbol: str, language: str) -> Path:
        """Where the PDF of (``symbol``, ``language``) is stored."""
        return self.files / language / file_name(symbol)

    def cached_text(self, sha256: str) -> Path:
        """Where the extracted text of the file with ``sha256`` is cached."""
        return self.text_cache / f"{sha256}.json"

    def stored_files(self) -> list[Path]:
        """Every file under ``files/``, in path order."""
        return sorted(p for p in self.files.rglob("*") if p.is_file())

    def partial_files(self) -> Iterator[Path]:
        """Temporary files left by a write that was killed (the names of :func:`ipcw.files.write_atomic`)."""
        return self.root.rglob(".*.part")

    def quarantined(self, path: Path) -> Path:
        """Where ``check --repair`` sets ``path`` (a file under the data directory) aside."""
        return self.quarantine / path.relative_to(self.root)

    def relative(self, path: Path) -> str:
        """``path`` as the manifest records it: relative to the data directory."""
        return str(path.relative_to(self.root))

    def resolve(self, relative: str) -> Path:
        """The path the manifest's ``relative`` names."""
        return self.root / relative
