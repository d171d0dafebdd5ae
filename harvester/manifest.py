"""The manifest's rows: :class:`Entry`, and its columns, generated from the dataclasses.

One row per (symbol, language), keyed by :func:`ipcw.models.record_key`. Its columns are the
fields of :class:`~ipcw.models.Document` the harvester fills (marked ``HARVESTED``), then the
fields of :class:`Entry` itself; their SQL types, defaults and conversions follow from the fields'
types, so a field added to either dataclass is a column, added to stores made before it too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_type_hints

from ipcw.datadir import DataDir
from ipcw.models import HARVESTED, Document, Listing, Status


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest row: the document as harvested, and what the store knows of it.

    ``status`` is ``failed`` both for a download that failed (no file) and for a stored file that
    could not be read or indexed (file kept, ``reason`` says why); ``stale`` for a stored file whose
    newer version could not be fetched (the listing kept is the old one, so the next runs ask again).
    ``failures`` counts the runs in a row that failed on it, so that a record failing for good is not
    tried again every night.
    """

    document: Document  # symbol, language, file (path, url, sha256, size, fetched_at), listing
    status: Status
    reason: str = ""
    etag: str = ""  # the HTTP validators of the stored file, for conditional requests
    last_modified: str = ""
    indexed_sha256: str = ""  # the sha256 last extracted and indexed (or tried)
    failures: int = 0

    @property
    def key(self) -> str:
        return self.document.key

    @property
    def symbol(self) -> str:
        return self.document.symbol

    @property
    def language(self) -> str:
        return self.document.language

    @property
    def held(self) -> bool:
        """Whether the store holds a file for this record (a whole PDF, readable or not)."""
        return self.document.path is not None

    @property
    def readable(self) -> bool:
        """Whether the store holds a file that was read (the newest version, or a stale one)."""
        return self.held and self.status in (Status.OK, Status.STALE)

    @property
    def indexed(self) -> bool:
        """Whether the file stored is the one last extracted and indexed (or tried)."""
        return self.indexed_sha256 == self.document.sha256


#: How each type a manifest field may have is kept in its column (the field's type, resolved).
KINDS: dict[object, str] = {
    str: "text",
    int: "integer",
    Status: "status",
    Path | None: "path",
    datetime | None: "timestamp",
    Listing | None: "listing",
}


def _columns(cls: type, names: list[str]) -> tuple[tuple[str, str], ...]:
    """(column, kind) for the fields ``names`` of the dataclass ``cls``; a type not in
    :data:`KINDS` is refused here, at import, rather than stored wrongly."""
    hints = get_type_hints(cls)
    return tuple((name, KINDS[hints[name]]) for name in names)


#: The manifest's columns after ``key``, by owner: (column, kind).
DOCUMENT_COLUMNS = _columns(Document, [f.name for f in fields(Document) if f.metadata == HARVESTED])
ENTRY_COLUMNS = _columns(Entry, [f.name for f in fields(Entry) if f.name != "document"])
COLUMNS = ("key", *(name for name, _ in DOCUMENT_COLUMNS + ENTRY_COLUMNS))


def _sql_type(kind: str) -> str:
    return "INTEGER NOT NULL DEFAULT 0" if kind == "integer" else "TEXT NOT NULL DEFAULT ''"


#: Every column with its SQL definition.
DEFINITIONS = {name: _sql_type(kind) for name, kind in DOCUMENT_COLUMNS + ENTRY_COLUMNS}
_COLUMN_SQL = ", ".join(f"{name} {definition}" for name, definition in DEFINITIONS.items())
SCHEMA = f"CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, {_COLUMN_SQL})"
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


def _to_column(data: DataDir, kind: str, value: Any) -> str | int:
    if kind == "path":
        return data.relative(value) if value else ""
    if kind == "timestamp":
        return value.isoformat() if value else ""
    if kind == "listing":
        return listing_to_json(value)
    if kind == "status":
        return str(value.value)
    return int(value) if kind == "integer" else str(value)


def _from_column(data: DataDir, kind: str, value: Any) -> Any:
    if kind == "path":
        return data.resolve(value) if value else None
    if kind == "timestamp":
        return datetime.fromisoformat(value) if value else None
    if kind == "listing":
        return listing_from_json(value)
    if kind == "status":
        return Status(value)
    return int(value) if kind == "integer" else str(value)


class DamagedRow(ValueError):
    """A manifest row that cannot be read back into an :class:`Entry`."""


def to_row(data: DataDir, entry: Entry) -> tuple[str | int, ...]:
    """``entry`` as the values of :data:`COLUMNS`."""
    document = tuple(_to_column(data, kind, getattr(entry.document, name)) for name, kind in DOCUMENT_COLUMNS)
    own = tuple(_to_column(data, kind, getattr(entry, name)) for name, kind in ENTRY_COLUMNS)
    return (entry.key, *document, *own)


def from_row(data: DataDir, row: tuple[Any, ...]) -> Entry:
    """A row of :data:`COLUMNS` as an :class:`Entry`; :class:`DamagedRow` saying what is wrong when it
    cannot be."""
    values = dict(zip(COLUMNS, row, strict=True))
    try:
        document = Document(**{n: _from_column(data, kind, values[n]) for n, kind in DOCUMENT_COLUMNS})
        entry = Entry(document, **{n: _from_column(data, kind, values[n]) for n, kind in ENTRY_COLUMNS})
    except Exception as exc:  # any value a damaged row can hold
        raise DamagedRow(f"{type(exc).__name__}: {exc}") from exc
    if entry.key != values["key"]:
        raise DamagedRow(f"its key does not match its symbol and language ({entry.key!r})")
    return entry
