"""The text cache: each stored file's extracted pages, kept by the file's sha256.

Re-indexing an unchanged file then costs no PDF parsing. Where the cache lives is the data
directory's business (:meth:`ipcw.datadir.DataDir.cached_text`). A cache file that cannot be read
is ignored (the PDF is read again), and one that cannot be written costs time on the next run,
nothing else.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

from ipcw.datadir import DataDir
from ipcw.files import write_atomic
from ipcw.indexer.extract import EXTRACTORS, Extracted

log = logging.getLogger(__name__)


def parse(data: object) -> Extracted | None:
    """The text a cache file's JSON holds, or ``None`` when it is not what the cache writes."""
    if isinstance(data, list):  # the first cache format: the pages alone
        data = {"pages": data}
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list) or not data["pages"]:
        return None
    total, extractor = data.get("total"), data.get("extractor")
    return Extracted(
        [str(p) for p in data["pages"]],
        total if isinstance(total, int) else None,
        extractor if isinstance(extractor, str) else EXTRACTORS[0],  # the first caches: pdfminer's
    )


def joined(pages: list[str]) -> str:
    """A document's text: its pages one after another (what is indexed, shown and snippeted)."""
    return "\n\n".join(pages).encode("utf-8", "replace").decode("utf-8")  # no lone surrogates


def read_back(path: Path) -> Extracted | None:
    """The text the cache file ``path`` holds; ``None`` when it holds none. Raises ``OSError`` or
    ``ValueError`` when it cannot be read back."""
    return parse(json.loads(path.read_text(encoding="utf-8")))


class TextCache:
    """The text cache of one data directory."""

    def __init__(self, data: DataDir) -> None:
        self.data = data

    def get(self, sha256: str) -> Extracted | None:
        """The text of the file with ``sha256``, or ``None`` when it is not cached (or unreadable)."""
        path = self.data.cached_text(sha256)
        if not sha256 or not path.is_file():
            return None
        try:
            extracted = read_back(path)
        except (OSError, ValueError):
            extracted = None
        if extracted is None:
            log.warning("ignoring unreadable text cache %s", path)
        return extracted

    def text(self, sha256: str) -> str | None:
        """The text of the file with ``sha256`` (:func:`joined`), or ``None`` when it is not cached."""
        extracted = self.get(sha256)
        return joined(extracted.pages) if extracted else None

    def put(self, sha256: str, extracted: Extracted) -> None:
        """Keep the text of the file with ``sha256``."""
        if not sha256:
            return
        path = self.data.cached_text(sha256)
        data = {"pages": extracted.pages, "total": extracted.total, "extractor": extracted.extractor}
        try:
            write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:  # a cache that cannot be written costs time next run, nothing else
            log.warning("cannot write the text cache %s: %s", path, exc.strerror or exc)

    def files(self) -> Iterator[Path]:
        """Every cache file, in name order."""
        return iter(sorted(self.data.text_cache.glob("*.json")))
