"""The store: harvested PDFs on disk and a manifest of what was fetched, in the data directory.

Layout::

    DATA_DIR/
      manifest.sqlite3     one row per (symbol, language): status, URL, sha256, size, fetched-at,
                           HTTP validators and the listing metadata (SQLite: crash-safe transactions)
      files/en/IP_C_W_640_Add.3.pdf
      files/fr/...

A PDF is written atomically before its manifest row is committed, so after a crash the manifest
never points at a missing or partial file.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ipcw.atomic import write_atomic
from ipcw.errors import StoreError
from ipcw.models import Document, Listing, Status

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,          -- "IP/C/W/640/Add.3|en"
    symbol TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,          -- ok | restricted | failed
    reason TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '', -- relative to the data directory
    sha256 TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    fetched_at TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    listing TEXT NOT NULL DEFAULT '', -- JSON
    indexed_sha256 TEXT NOT NULL DEFAULT '' -- the sha256 last extracted and indexed
);
"""
#: Columns added after the first release, with their definitions, for stores made before them.
MIGRATIONS = {"indexed_sha256": "TEXT NOT NULL DEFAULT ''"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest row."""

    symbol: str
    language: str
    status: Status
    reason: str = ""
    url: str = ""
    path: Path | None = None
    sha256: str = ""
    size: int = 0
    fetched_at: datetime | None = None
    etag: str = ""
    last_modified: str = ""
    listing: Listing | None = None
    indexed_sha256: str = ""

    @property
    def key(self) -> str:
        return f"{self.symbol}|{self.language}"

    def to_document(self) -> Document:
        return Document(
            symbol=self.symbol,
            language=self.language,
            path=self.path,
            url=self.url,
            sha256=self.sha256,
            size=self.size,
            fetched_at=self.fetched_at,
            listing=self.listing,
        )


COLUMNS = (
    "key, symbol, language, status, reason, url, path, sha256, size, fetched_at, etag, "
    "last_modified, listing, indexed_sha256"
)


def listing_to_json(listing: Listing | None) -> str:
    if listing is None:
        return ""
    data = asdict(listing)
    data["date"] = listing.date.isoformat() if listing.date else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def listing_from_json(text: str) -> Listing | None:
    if not text:
        return None
    data: dict[str, Any] = json.loads(text)
    data["date"] = date.fromisoformat(data["date"]) if data.get("date") else None
    for name in ("symbols", "bodies", "types", "subjects"):
        data[name] = tuple(data.get(name) or ())
    return Listing(**data)


def file_name(symbol: str) -> str:
    """A file name for a symbol: ``IP/C/W/640/Add.3`` → ``IP_C_W_640_Add.3.pdf``."""
    return re.sub(r"[^A-Za-z0-9.\-]", "_", symbol) + ".pdf"


class Store:
    """The data directory's PDFs and manifest."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(data_dir / "manifest.sqlite3", timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store in {data_dir}: {exc}") from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
            for column, definition in MIGRATIONS.items():
                if column not in columns:
                    self._db.execute(f"ALTER TABLE documents ADD COLUMN {column} {definition}")
        except sqlite3.Error as exc:
            self._db.close()
            raise StoreError(f"cannot open the store in {data_dir}: {exc}") from exc

    @staticmethod
    def exists(data_dir: Path) -> bool:
        """Whether ``data_dir`` holds a store already."""
        return (data_dir / "manifest.sqlite3").is_file()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------------------------
    def _entry(self, row: sqlite3.Row | tuple[Any, ...]) -> Entry:
        (
            _,
            symbol,
            language,
            status,
            reason,
            url,
            path,
            sha,
            size,
            fetched,
            etag,
            modified,
            listing,
            indexed,
        ) = row
        return Entry(
            symbol=symbol,
            language=language,
            status=Status(status),
            reason=reason,
            url=url,
            path=self.data_dir / path if path else None,
            sha256=sha,
            size=size,
            fetched_at=datetime.fromisoformat(fetched) if fetched else None,
            etag=etag,
            last_modified=modified,
            listing=listing_from_json(listing),
            indexed_sha256=indexed,
        )

    def get(self, symbol: str, language: str) -> Entry | None:
        row = self._db.execute(
            f"SELECT {COLUMNS} FROM documents WHERE key = ?", (f"{symbol}|{language}",)
        ).fetchone()
        return self._entry(row) if row else None

    def entries(self) -> list[Entry]:
        from ipcw.symbols import sort_key

        rows = self._db.execute(f"SELECT {COLUMNS} FROM documents").fetchall()
        return sorted((self._entry(r) for r in rows), key=lambda e: (sort_key(e.symbol), e.language))

    def documents(self) -> Iterator[Document]:
        """Every stored PDF, as a :class:`Document` to extract and index."""
        for entry in self.entries():
            if entry.status is Status.OK and entry.path is not None:
                yield entry.to_document()

    def pending_index(self) -> list[Document]:
        """Stored PDFs not yet extracted and indexed in their current version."""
        return [
            e.to_document()
            for e in self.entries()
            if e.status is Status.OK and e.path is not None and e.indexed_sha256 != e.sha256
        ]

    # -- writing ----------------------------------------------------------------------------------
    def mark_indexed(self, key: str, sha256: str, problem: str = "") -> None:
        """Record that ``sha256`` of ``key`` was indexed (or could not be read: ``problem``)."""
        try:
            self._db.execute(
                "UPDATE documents SET indexed_sha256 = ?, reason = ? WHERE key = ?", (sha256, problem, key)
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the manifest in {self.data_dir}: {exc}") from exc

    def reset_indexed(self) -> None:
        """Forget what was indexed, so that everything is indexed again."""
        self._db.execute("UPDATE documents SET indexed_sha256 = ''")

    def update_listing(self, entry: Entry, listing: Listing) -> None:
        """Keep the newest listing metadata of an entry whose file did not change."""
        self._upsert(replace(entry, listing=listing))

    def remove_partial_files(self) -> int:
        """Delete temporary files left by a write that was killed; returns how many."""
        removed = 0
        for path in self.data_dir.rglob(".*.part"):  # the temporary names of ipcw.atomic.write_atomic
            path.unlink(missing_ok=True)
            removed += 1
        return removed

    def _upsert(self, entry: Entry) -> None:
        path = str(entry.path.relative_to(self.data_dir)) if entry.path else ""
        fetched = entry.fetched_at.isoformat() if entry.fetched_at else ""
        try:
            self._db.execute(
                f"INSERT OR REPLACE INTO documents ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    entry.key,
                    entry.symbol,
                    entry.language,
                    entry.status.value,
                    entry.reason,
                    entry.url,
                    path,
                    entry.sha256,
                    entry.size,
                    fetched,
                    entry.etag,
                    entry.last_modified,
                    listing_to_json(entry.listing),
                    entry.indexed_sha256,
                ),
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the manifest in {self.data_dir}: {exc}") from exc

    def save_pdf(
        self,
        symbol: str,
        language: str,
        content: bytes,
        url: str,
        listing: Listing | None = None,
        etag: str = "",
        last_modified: str = "",
    ) -> Entry:
        """Store a PDF (atomically), then record it in the manifest."""
        path = self.data_dir / "files" / language / file_name(symbol)
        try:
            write_atomic(path, content)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc}") from exc
        sha = hashlib.sha256(content).hexdigest()
        previous = self.get(symbol, language)
        entry = Entry(
            symbol=symbol,
            language=language,
            status=Status.OK,
            url=url,
            path=path,
            sha256=sha,
            size=len(content),
            fetched_at=datetime.now(UTC).replace(microsecond=0),
            etag=etag,
            last_modified=last_modified,
            listing=listing,
            indexed_sha256=previous.indexed_sha256 if previous and previous.sha256 == sha else "",
        )
        self._upsert(entry)
        return entry

    def mark(
        self,
        symbol: str,
        language: str,
        status: Status,
        reason: str,
        url: str,
        listing: Listing | None = None,
    ) -> Entry:
        """Record a restricted or failed download. A PDF already stored for the key is kept."""
        previous = self.get(symbol, language)
        if previous is not None and previous.status is Status.OK:
            return previous
        entry = Entry(
            symbol=symbol,
            language=language,
            status=status,
            reason=reason,
            url=url,
            fetched_at=datetime.now(UTC).replace(microsecond=0),
            listing=listing,
        )
        self._upsert(entry)
        return entry
