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
import logging
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ipcw.atomic import write_atomic
from ipcw.errors import ManifestDamagedError, StoreError
from ipcw.models import Document, Listing, Status

log = logging.getLogger(__name__)

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
    indexed_sha256 TEXT NOT NULL DEFAULT '', -- the sha256 last extracted and indexed (or tried)
    failures INTEGER NOT NULL DEFAULT 0  -- runs in a row that failed on this record
);
"""
#: SQLite's result codes for a damaged database file: SQLITE_CORRUPT, SQLITE_NOTADB.
DAMAGE = (11, 26)
#: Columns added after the first release, with their definitions, for stores made before them.
MIGRATIONS = {
    "indexed_sha256": "TEXT NOT NULL DEFAULT ''",
    "failures": "INTEGER NOT NULL DEFAULT 0",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest row.

    ``status`` is ``failed`` both for a download that failed (no ``path``) and for a stored file that
    could not be read or indexed (``path`` kept, ``reason`` says why); ``stale`` for a stored file
    whose newer version could not be fetched (the listing kept is the old one, so the next runs ask
    again). ``failures`` counts the runs in a row that failed on it, so that a record failing for
    good is not tried again every night.
    """

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
    failures: int = 0

    @property
    def key(self) -> str:
        return f"{self.symbol}|{self.language}"

    @property
    def held(self) -> bool:
        """Whether the store holds a file for this record (a whole PDF, readable or not)."""
        return self.path is not None

    @property
    def readable(self) -> bool:
        """Whether the store holds a file that was read (the newest version, or a stale one)."""
        return self.held and self.status in (Status.OK, Status.STALE)

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


#: The manifest's columns, in order: the key, then every field of :class:`Entry`.
COLUMNS = ("key", *(f.name for f in fields(Entry)))
SELECT = f"SELECT {', '.join(COLUMNS)} FROM documents"


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


class DamagedRow(ValueError):
    """A manifest row that cannot be read back into an :class:`Entry`."""


class Store:
    """The data directory's PDFs and manifest.

    A manifest row that cannot be read (damaged by hand, by a disk error or a bug) is left out of
    what the store returns and recorded in :attr:`damaged` (key → what is wrong), so one bad row
    never stops a run; a crawl that meets the record again writes a good row over it, and
    ``ipcw check --repair`` repairs the rest.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.damaged: dict[str, str] = {}
        self.manifest = data_dir / "manifest.sqlite3"
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.manifest, timeout=30, isolation_level=None)
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
            verdict = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed: {verdict}")
        except sqlite3.Error as exc:
            self._db.close()
            raise self._error("cannot open the store in", exc) from exc

    def _error(self, doing: str, exc: sqlite3.Error) -> StoreError:
        """A one-line error for ``exc``: the manifest is damaged, or it cannot be used just now."""
        if getattr(exc, "sqlite_errorcode", None) in DAMAGE or "malformed" in str(exc):
            return ManifestDamagedError(
                f"{doing} {self.data_dir}: the manifest {self.manifest.name} is damaged ({exc}); "
                "`ipcw check --repair` rebuilds it from the stored files"
            )
        return StoreError(f"{doing} {self.data_dir}: {exc}")

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

    def _execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self._error("cannot use the store in", exc) from exc

    # -- reading ----------------------------------------------------------------------------------
    def _entry(self, row: tuple[Any, ...]) -> Entry:
        """A row as an :class:`Entry`; :class:`DamagedRow` saying what is wrong when it cannot be."""
        values = dict(zip(COLUMNS, row, strict=True))
        try:
            path = values["path"]
            fetched = values["fetched_at"]
            entry = Entry(
                symbol=str(values["symbol"]),
                language=str(values["language"]),
                status=Status(values["status"]),
                reason=str(values["reason"]),
                url=str(values["url"]),
                path=self.data_dir / path if path else None,
                sha256=str(values["sha256"]),
                size=int(values["size"]),
                fetched_at=datetime.fromisoformat(fetched) if fetched else None,
                etag=str(values["etag"]),
                last_modified=str(values["last_modified"]),
                listing=listing_from_json(values["listing"]),
                indexed_sha256=str(values["indexed_sha256"]),
                failures=int(values["failures"]),
            )
        except Exception as exc:  # any value a damaged row can hold
            raise DamagedRow(f"{type(exc).__name__}: {exc}") from exc
        if entry.key != values["key"]:
            raise DamagedRow(f"its key does not match its symbol and language ({entry.key!r})")
        return entry

    def _entries(self, rows: list[tuple[Any, ...]]) -> Iterator[Entry]:
        for row in rows:
            try:
                yield self._entry(row)
            except DamagedRow as exc:
                key = str(row[0])
                if key not in self.damaged:
                    log.warning("manifest row %r is damaged (%s): `ipcw check --repair` repairs it", key, exc)
                self.damaged[key] = str(exc)

    def get(self, symbol: str, language: str) -> Entry | None:
        """The record of (``symbol``, ``language``); ``None`` when there is none or it is damaged."""
        rows = self._execute(f"{SELECT} WHERE key = ?", (f"{symbol}|{language}",)).fetchall()
        return next(self._entries(rows), None)

    def entries(self) -> list[Entry]:
        """Every readable record, in symbol order."""
        from ipcw.symbols import sort_key

        rows = self._execute(SELECT).fetchall()
        return sorted(self._entries(rows), key=lambda e: (sort_key(e.symbol), e.language))

    def pending_index(
        self, retry_failed: bool = False, max_failures: int = 3, everything: bool = False
    ) -> list[Document]:
        """Stored PDFs to extract and index: new or changed ones (``everything``: all that were
        read), and those that failed in fewer than ``max_failures`` runs (all with ``retry_failed``)."""
        return [
            e.to_document()
            for e in self.entries()
            if e.held
            and (
                (e.readable and (everything or e.indexed_sha256 != e.sha256))
                or (e.status is Status.FAILED and (retry_failed or e.failures < max_failures))
            )
        ]

    def has_indexed(self) -> bool:
        """Whether any record says it was indexed."""
        return (
            self._execute("SELECT 1 FROM documents WHERE indexed_sha256 != '' LIMIT 1").fetchone() is not None
        )

    # -- writing ----------------------------------------------------------------------------------
    def mark_indexed(self, key: str, sha256: str, note: str = "") -> None:
        """Record that ``sha256`` of ``key`` was extracted and indexed (``note``: what the extractor
        had to say, such as "2,000 of 100,000 pages read", kept as the record's reason). A stale
        record stays stale: its newer version is still to be fetched."""
        self._execute(
            "UPDATE documents SET indexed_sha256 = ?, "
            "reason = CASE status WHEN 'stale' THEN reason ELSE ? END, "
            "failures = CASE status WHEN 'stale' THEN failures ELSE 0 END, "
            "status = CASE status WHEN 'stale' THEN 'stale' ELSE 'ok' END "
            "WHERE key = ? AND sha256 = ?",
            (sha256, note, key, sha256),
        )

    def mark_not_indexed(self, key: str, sha256: str, problem: str) -> None:
        """Record that ``sha256`` of ``key`` could not be read or indexed: ``problem``. The file stays
        stored; :meth:`pending_index` offers it again in later runs, a bounded number of times."""
        self._execute(
            "UPDATE documents SET indexed_sha256 = ?, status = ?, reason = ?, failures = failures + 1 "
            "WHERE key = ? AND sha256 = ?",
            (sha256, Status.FAILED.value, problem, key, sha256),
        )

    def delete(self, key: str) -> None:
        """Remove the record ``key`` (its file, if any, stays where it is)."""
        self._execute("DELETE FROM documents WHERE key = ?", (key,))
        self.damaged.pop(key, None)

    def refetch(self, entry: Entry, reason: str) -> None:
        """Record that ``entry``'s file is gone or damaged: the next crawl fetches it again whole
        (no conditional request, no failure count against it)."""
        self._upsert(
            replace(
                entry,
                status=Status.FAILED,
                reason=reason,
                path=None,
                sha256="",
                size=0,
                etag="",
                last_modified="",
                indexed_sha256="",
                failures=0,
            )
        )

    def reset_indexed(self, key: str) -> None:
        """Forget that ``key`` was indexed, so that it is indexed again."""
        self._execute("UPDATE documents SET indexed_sha256 = '' WHERE key = ?", (key,))

    def update_listing(self, entry: Entry, listing: Listing) -> None:
        """Keep the newest listing metadata of an entry whose file did not change (the site said so:
        a stale one is current after all)."""
        if entry.status is Status.STALE:
            entry = replace(entry, status=Status.OK, reason="", failures=0)
        self._upsert(replace(entry, listing=listing))

    def remove_partial_files(self) -> int:
        """Delete temporary files left by a write that was killed; returns how many."""
        removed = 0
        for path in self.data_dir.rglob(".*.part"):  # the temporary names of ipcw.atomic.write_atomic
            path.unlink(missing_ok=True)
            removed += 1
        return removed

    def _upsert(self, entry: Entry) -> None:
        values = {
            **{f.name: getattr(entry, f.name) for f in fields(Entry)},
            "key": entry.key,
            "status": entry.status.value,
            "path": str(entry.path.relative_to(self.data_dir)) if entry.path else "",
            "fetched_at": entry.fetched_at.isoformat() if entry.fetched_at else "",
            "listing": listing_to_json(entry.listing),
        }
        columns, marks = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
        self._execute(
            f"INSERT OR REPLACE INTO documents ({columns}) VALUES ({marks})",
            tuple(values[c] for c in COLUMNS),
        )
        self.damaged.pop(entry.key, None)

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
        """Store a PDF (atomically), then record it in the manifest.

        The same bytes again keep what is known of them (indexed, or unreadable and how often); new
        bytes start afresh. Either way the file is now the one the site serves: no longer stale.
        """
        path = self.data_dir / "files" / language / file_name(symbol)
        try:
            write_atomic(path, content)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc
        sha = hashlib.sha256(content).hexdigest()
        previous = self.get(symbol, language)
        same = previous is not None and previous.held and previous.sha256 == sha
        unreadable = same and previous is not None and previous.status is Status.FAILED
        entry = Entry(
            symbol=symbol,
            language=language,
            status=Status.FAILED if unreadable else Status.OK,
            reason=previous.reason if unreadable and previous else "",
            url=url,
            path=path,
            sha256=sha,
            size=len(content),
            fetched_at=datetime.now(UTC).replace(microsecond=0),
            etag=etag,
            last_modified=last_modified,
            listing=listing,
            indexed_sha256=previous.indexed_sha256 if same and previous else "",
            failures=previous.failures if unreadable and previous else 0,
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
        """Record a restricted or failed download; a failure counts the runs in a row that failed.

        A file already stored for the key is kept. When the site now restricts it, the new listing
        is kept too (it is not asked again until the listing changes); when a newer version could
        not be fetched, the record is ``stale`` and keeps the old listing, so that the next runs ask
        again, a bounded number of times.
        """
        previous = self.get(symbol, language)
        if previous is not None and previous.held:
            if status is Status.RESTRICTED:
                kept = replace(previous, listing=listing or previous.listing)
            else:
                kept = replace(
                    previous,
                    status=Status.STALE if previous.readable else previous.status,
                    reason=f"a newer version could not be fetched ({reason}); the stored one is kept",
                    failures=previous.failures + 1,
                )
            self._upsert(kept)
            return kept
        failed = status is Status.FAILED
        failures = (previous.failures if previous and previous.status is Status.FAILED else 0) + failed
        entry = Entry(
            symbol=symbol,
            language=language,
            status=status,
            reason=reason,
            url=url,
            fetched_at=datetime.now(UTC).replace(microsecond=0),
            listing=listing,
            failures=failures,
        )
        self._upsert(entry)
        return entry
