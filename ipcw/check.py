"""``ipcw check``: the store against its manifest and the index, and what ``--repair`` does.

What is checked, each a kind of :class:`Problem`:

- the manifest opens (``damaged manifest``) and every row reads back (``damaged row``);
- every stored file is there (``missing file``) and is what the manifest says: size and sha256
  (``damaged file``); every file in the store has a record (``extra file``), and no temporary file
  of a killed write is left (``partial file``);
- the index opens (``no index``, ``damaged index``), no rebuild was left half-done
  (``abandoned index generation``); every entry has a record that holds the same
  file (``index entry without record``, ``stale index entry``), every record said to be indexed is
  (``not in the index``), and nothing waits to be indexed (``pending``);
- every cached text reads back (``damaged text cache``), and every indexed document's text is
  cached (``uncached text``): snippets, ``show --text`` and ``similar`` read it there.

Records that failed (a download, a PDF that cannot be read) are listed beside the problems: they
are known and retried by the runs themselves (``--retry-failed``).

Repairs never contact the site and never throw a document away: a damaged manifest is set aside
and rebuilt from the stored files' own covers; a damaged row is dropped and its file stored again
from its cover; a missing or damaged file is copied again from where it was imported, or marked so
that the next ``ipcw crawl`` fetches it again, out of the index until then (a damaged one is moved to
``quarantine/`` first); an extra file is stored under the symbol its cover gives, or moved to
``quarantine/``; index entries without records are removed; what is stale, missing or pending is
extracted and indexed again; a damaged or missing index is rebuilt; partial files and unreadable
cached texts are deleted; a document whose text is not cached is read again (and indexed again).
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.errors import IndexDamagedError, ManifestDamagedError, StoreError
from ipcw.files import sha256_of
from ipcw.harvester import DataDirLock, Store
from ipcw.harvester.manifest import Entry
from ipcw.indexer import IndexWriter, generations
from ipcw.indexer.opening import index_entries
from ipcw.indexer.text_cache import TextCache, read_back
from ipcw.models import Status
from ipcw.pipeline import index_pending, store_files

log = logging.getLogger(__name__)

DAMAGED_MANIFEST = "damaged manifest"
DAMAGED_ROW = "damaged row"
MISSING_FILE = "missing file"
DAMAGED_FILE = "damaged file"
EXTRA_FILE = "extra file"
PARTIAL_FILE = "partial file"
NO_INDEX = "no index"
DAMAGED_INDEX = "damaged index"
ORPHAN_ENTRY = "index entry without record"
STALE_ENTRY = "stale index entry"
NOT_INDEXED = "not in the index"
PENDING = "pending"
DAMAGED_CACHE = "damaged text cache"
UNCACHED = "uncached text"
#: What the repair of an uncached text does.
REREAD = "read again and indexed again"
ABANDONED = "abandoned index generation"


@dataclass
class Problem:
    """One thing wrong: its kind, the record key or file it concerns, what is wrong, and what the
    repair did about it ("" when nothing was repaired)."""

    kind: str
    what: str
    detail: str
    repair: str = ""


@dataclass
class CheckReport:
    records: int = 0
    files: int = 0
    index_entries: int = 0
    problems: list[Problem] = field(default_factory=list)
    failed: list[Entry] = field(default_factory=list)

    @property
    def unrepaired(self) -> list[Problem]:
        return [p for p in self.problems if not p.repair]

    def summary(self) -> str:
        repaired = len(self.problems) - len(self.unrepaired)
        line = (
            f"checked {self.records} records, {self.files} files, {self.index_entries} index entries: "
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        )
        if repaired:
            line += f", {repaired} repaired"
        if self.failed:
            line += f"; {len(self.failed)} failed record{'s' if len(self.failed) != 1 else ''}"
        return line


def check(settings: Settings, repair: bool = False) -> CheckReport:
    """Check the data directory of ``settings``; with ``repair``, repair what can be (holding the
    data directory's lock, as every writer does)."""
    if not settings.data.holds_store():
        return CheckReport()
    try:
        if not repair:
            return _Check(settings, repair=False).run()
        with DataDirLock(settings.data):
            return _Check(settings, repair=True).run()
    except OSError as exc:  # the disk itself: a file that cannot be read, moved or written
        raise StoreError(f"cannot check {settings.data.root}: {exc}") from exc


@dataclass
class _Check:
    settings: Settings
    repair: bool
    report: CheckReport = field(default_factory=CheckReport)
    refetched: set[str] = field(default_factory=set)  # records whose file the next crawl fetches

    @property
    def data(self) -> DataDir:
        return self.settings.data

    def problem(self, kind: str, what: str, detail: str, repair: str = "") -> Problem:
        found = Problem(kind, what, detail, repair if self.repair else "")
        self.report.problems.append(found)
        return found

    def run(self) -> CheckReport:
        with self.open_store() as store:
            entries = store.entries()
            self.report.records = len(entries) + len(store.damaged)
            for key, why in sorted(store.damaged.items()):
                self.problem(DAMAGED_ROW, key, why, "dropped; its file is stored again from its cover")
                if self.repair:
                    store.delete(key)
            self.report.failed = [e for e in entries if e.status in (Status.FAILED, Status.STALE)]
            entries = self.check_files(store, entries)
            self.check_cache(store, entries)
            self.check_index(store, entries)
        return self.report

    # -- the manifest -----------------------------------------------------------------------------
    def open_store(self) -> Store:
        """The store, every row of its manifest readable; a damaged manifest is set aside and a new
        one made (with ``repair``), to be filled from the stored files."""
        try:
            store = Store(self.data)
        except ManifestDamagedError as exc:
            damage = exc
        else:
            try:
                store.entries()  # every page of it readable
                return store
            except ManifestDamagedError as exc:
                store.close()
                damage = exc
        found = self.problem(DAMAGED_MANIFEST, self.shown(self.data.manifest), str(damage))
        if not self.repair:
            raise damage
        aside = self.set_aside(self.data.manifest)
        found.repair = f"set aside as {aside.name}; rebuilt from the stored files' covers"
        return Store(self.data)

    def set_aside(self, manifest: Path) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = manifest.with_name(f"{manifest.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = manifest.with_name(manifest.name + suffix)
            if part.exists():
                part.replace(aside.with_name(aside.name + suffix))
        return aside

    # -- the files --------------------------------------------------------------------------------
    def check_files(self, store: Store, entries: list[Entry]) -> list[Entry]:
        """Check every stored file against its record and every file against the records; return
        the records as they are after any repair."""
        held = {e.document.path: e for e in entries if e.document.path is not None}
        for path, entry in held.items():
            if not path.is_file():
                self.file_problem(store, entry, MISSING_FILE, f"{self.shown(path)} is not there")
                continue
            size = path.stat().st_size
            recorded = entry.document.size
            if size != recorded or sha256_of(path) != entry.document.sha256:
                detail = f"{self.shown(path)} is not the file recorded (size {size:,}, recorded {recorded:,})"
                self.file_problem(store, entry, DAMAGED_FILE, detail)
        files = self.data.stored_files()
        self.report.files = len(files)
        extra: list[Path] = []
        for path in files:
            if path.name.startswith(".") and path.name.endswith(".part"):
                self.problem(PARTIAL_FILE, self.shown(path), "left by a write that was killed", "deleted")
                if self.repair:
                    path.unlink(missing_ok=True)
            elif path not in held:
                extra.append(path)
        if extra:
            self.store_extra(store, extra)
        return store.entries()

    def file_problem(self, store: Store, entry: Entry, kind: str, detail: str) -> None:
        found = self.problem(kind, entry.key, detail)
        path, url = entry.document.path, entry.document.url
        if not self.repair or path is None:
            return
        if kind == DAMAGED_FILE:
            self.quarantine(path)
        source = Path(url.removeprefix("file://")) if url.startswith("file://") else None
        if source is not None and source.is_file():
            stored = store_files(self.settings, store, [source], {source: entry.language}, replace=True)
            if [doc.key for doc in stored.imported] == [entry.key]:
                found.repair = f"copied again from {source}"
                return
        store.refetch(entry, f"{kind}: the next `ipcw crawl` fetches it again")
        self.refetched.add(entry.key)
        found.repair = "marked to be fetched again by the next `ipcw crawl`"

    def store_extra(self, store: Store, extra: list[Path]) -> None:
        """Store each extra file under the symbol its cover gives, unless that record holds a file
        already; the others go to ``quarantine/``.

        The extra files are first moved out of ``files/`` (to ``quarantine/``), so that storing one
        can never write over another not yet looked at; each stored one's copy is then removed.
        """
        found = {path: self.problem(EXTRA_FILE, self.shown(path), "no record holds it") for path in extra}
        if not self.repair:
            return
        # Files under a name the store would give first: where two claim one record, that one wins.
        # Each file's language is the one its text is in, whatever folder it was found in.
        staged = {self.quarantine(path): path for path in sorted(extra, key=_not_a_store_name)}
        stored = store_files(self.settings, store, list(staged), replace=False, record_source=False)
        for copy, doc in zip(stored.sources, stored.imported, strict=True):
            found[staged[copy]].repair = f"stored as {doc.symbol} [{doc.language}]"
            copy.unlink(missing_ok=True)  # stored under its own name: this copy is not needed
        for copy, path in staged.items():
            problem = found[path]
            if not problem.repair:
                why = next((r.why for r in stored.rejected if r.what == str(copy)), "")
                why = why.removeprefix(f"{copy}: ").replace(str(copy), "the file")
                problem.detail += f"; {why or 'it cannot be stored'}"
                problem.repair = f"moved to {self.shown(copy)}"

    def quarantine(self, path: Path) -> Path:
        """Move ``path`` out of the store, never deleting it."""
        target = self.data.quarantined(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target = target.with_name(f"{target.stem}-{datetime.now(UTC):%Y%m%dT%H%M%S}{target.suffix}")
        shutil.move(path, target)
        return target

    def shown(self, path: Path) -> str:
        try:
            return self.data.relative(path)
        except ValueError:
            return str(path)

    # -- the index --------------------------------------------------------------------------------
    def check_index(self, store: Store, entries: list[Entry]) -> None:
        root = self.data.index
        for path in generations.unpublished(root):
            detail = "newer than the index searched: a rebuild that never finished (or is under way)"
            self.problem(ABANDONED, self.shown(path), detail, "deleted")
            if self.repair:
                generations.discard(path)
        records = {e.key: e for e in entries}
        indexable = {e.key: e for e in entries if e.readable}
        rebuild = False
        if generations.current(root) is None:
            if indexable:
                self.problem(NO_INDEX, self.shown(root), "there is no search index", "index rebuilt")
                rebuild = True
            in_index: dict[str, str] = {}
        else:
            try:
                in_index = index_entries(root)
            except IndexDamagedError as exc:
                self.problem(DAMAGED_INDEX, self.shown(root), str(exc), "index rebuilt")
                rebuild, in_index = True, {}
        self.report.index_entries = len(in_index)
        orphans = []
        for key, sha in sorted(in_index.items()):
            entry = records.get(key)
            if key in self.refetched:  # out of the index until its file is back: part of that repair
                orphans.append(key)
            elif entry is not None and entry.held and entry.status is Status.FAILED:
                continue  # its newest file could not be read: a known failure, listed apart
            elif entry is None or not entry.readable:
                self.problem(ORPHAN_ENTRY, key, "the store holds no file for it", "removed from the index")
                orphans.append(key)
            elif sha != entry.document.sha256:
                self.problem(STALE_ENTRY, key, "the index holds another version of the file", "indexed again")
                if self.repair:
                    store.reset_indexed(key)
        for key, entry in sorted(indexable.items()):
            if not entry.indexed:
                self.problem(PENDING, key, "stored, not indexed yet", "indexed")
            elif key not in in_index and not rebuild:
                self.problem(NOT_INDEXED, key, "recorded as indexed, but not in the index", "indexed again")
                if self.repair:
                    store.reset_indexed(key)
        if not self.repair:
            return
        if orphans and not rebuild:
            with IndexWriter(root) as writer:
                for key in orphans:
                    writer.remove(key)
        indexed = index_pending(self.settings, store, rebuild=rebuild)
        for failure in indexed.unreadable:
            for problem in self.report.problems:
                if problem.what == failure.what and problem.repair in ("indexed", "indexed again", REREAD):
                    problem.repair = ""
                    problem.detail += f"; could not be indexed: {failure.why}"

    # -- the text cache ---------------------------------------------------------------------------
    def check_cache(self, store: Store, entries: list[Entry]) -> None:
        """Damaged cached texts (deleted), then indexed documents whose text is not cached (read
        again by the index repair that follows: ``check_index``)."""
        damaged = set()
        for cache in TextCache(self.data).files():
            try:
                readable = read_back(cache) is not None
                why = "it holds no pages"
            except (OSError, ValueError) as exc:
                readable, why = False, f"cannot be read back ({exc})"
            if not readable:
                damaged.add(cache)
                self.problem(DAMAGED_CACHE, self.shown(cache), why, "deleted")
                if self.repair:
                    cache.unlink(missing_ok=True)
        for entry in entries:
            cache = self.data.cached_text(entry.document.sha256)
            if entry.readable and entry.indexed and (cache in damaged or not cache.is_file()):
                detail = "indexed, but its text is not in the text cache (snippets and show --text read it)"
                self.problem(UNCACHED, entry.key, detail, REREAD)
                if self.repair:
                    store.reset_indexed(entry.key)


def _not_a_store_name(path: Path) -> tuple[bool, str]:
    """Sorts files named as the store names them (``IP_C_W_669.pdf``) before others."""
    return (re.fullmatch(r"[A-Z]+(?:_[A-Za-z0-9.\-]+)+\.pdf", path.name) is None, str(path))
