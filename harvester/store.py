"""The store: harvested PDFs on disk and a manifest of what was fetched, in the data directory.

The manifest (``manifest.sqlite3``, see :class:`~ipcw.datadir.DataDir` for the layout) holds one
:class:`~ipcw.harvester.manifest.Entry` per (symbol, language): SQLite gives crash-safe
transactions. A PDF is written atomically before its manifest row is committed, so after a crash the
manifest never points at a missing or partial file.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from ipcw.datadir import DataDir
from ipcw.errors import ManifestDamagedError, StoreError
from ipcw.files import write_atomic
from ipcw.harvester.manifest import COLUMNS, DEFINITIONS, SCHEMA, SELECT, DamagedRow, Entry, from_row, to_row
from ipcw.models import Document, Listing, Status, record_key

log = logging.getLogger(__name__)

#: SQLite's result codes for a damaged database file: SQLITE_CORRUPT, SQLITE_NOTADB.
DAMAGE = (11, 26)


class Store:
    """The data directory's PDFs and manifest.

    A manifest row that cannot be read (damaged by hand, by a disk error or a bug) is left out of
    what the store returns and recorded in :attr:`damaged` (key → what is wrong), so one bad row
    never stops a run; a crawl that meets the record again writes a good row over it, and
    ``ipcw check --repair`` repairs the rest.
    """

    def __init__(self, data: DataDir) -> None:
        self.data = data
        self.damaged: dict[str, str] = {}
        try:
            data.root.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(data.manifest, timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store in {data.root}: {exc}") from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(SCHEMA)
            # A store made by an earlier ipcw gains the columns added since, with their defaults.
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
            for column, definition in DEFINITIONS.items():
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
                f"{doing} {self.data.root}: the manifest {self.data.manifest.name} is damaged ({exc}); "
                "`ipcw check --repair` rebuilds it from the stored files"
            )
        return StoreError(f"{doing} {self.data.root}: {exc}")

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
    def _entries(self, rows: list[tuple[Any, ...]]) -> Iterator[Entry]:
        for row in rows:
            try:
                yield from_row(self.data, row)
            except DamagedRow as exc:
                key = str(row[0])
                if key not in self.damaged:
                    log.warning("manifest row %r is damaged (%s): `ipcw check --repair` repairs it", key, exc)
                self.damaged[key] = str(exc)

    def get(self, symbol: str, language: str) -> Entry | None:
        """The record of (``symbol``, ``language``); ``None`` when there is none or it is damaged."""
        rows = self._execute(f"{SELECT} WHERE key = ?", (record_key(symbol, language),)).fetchall()
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
            e.document
            for e in self.entries()
            if e.held
            and (
                (e.readable and (everything or not e.indexed))
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
        file_gone = replace(entry.document, path=None, sha256="", size=0)
        self._upsert(Entry(file_gone, Status.FAILED, reason))

    def reset_indexed(self, key: str) -> None:
        """Forget that ``key`` was indexed, so that it is indexed again."""
        self._execute("UPDATE documents SET indexed_sha256 = '' WHERE key = ?", (key,))

    def update_listing(self, entry: Entry, listing: Listing) -> None:
        """Keep the newest listing metadata of an entry whose file did not change (the site said so:
        a stale one is current after all)."""
        if entry.status is Status.STALE:
            entry = replace(entry, status=Status.OK, reason="", failures=0)
        self._upsert(replace(entry, document=replace(entry.document, listing=listing)))

    def remove_partial_files(self) -> int:
        """Delete temporary files left by a write that was killed; returns how many."""
        removed = 0
        for path in self.data.partial_files():
            path.unlink(missing_ok=True)
            removed += 1
        return removed

    def _upsert(self, entry: Entry) -> None:
        columns, marks = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
        self._execute(
            f"INSERT OR REPLACE INTO documents ({columns}) VALUES ({marks})", to_row(self.data, entry)
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
        path = self.data.pdf(symbol, language)
        try:
            write_atomic(path, content)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc
        sha = hashlib.sha256(content).hexdigest()
        previous = self.get(symbol, language)
        same = previous is not None and previous.held and previous.document.sha256 == sha
        unreadable = same and previous is not None and previous.status is Status.FAILED
        document = Document(symbol, language, path, url, sha, len(content), _now(), listing)
        entry = Entry(
            document,
            status=Status.FAILED if unreadable else Status.OK,
            reason=previous.reason if unreadable and previous else "",
            etag=etag,
            last_modified=last_modified,
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
                kept = replace(
                    previous,
                    document=replace(previous.document, listing=listing or previous.document.listing),
                )
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
        document = Document(symbol, language, url=url, fetched_at=_now(), listing=listing)
        entry = Entry(document, status, reason, failures=failures)
        self._upsert(entry)
        return entry


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
