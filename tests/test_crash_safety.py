"""The store and the index survive what a disk, a user or a crash does to them (issue 7): a rebuild
is built beside the index searched and swapped in whole; a missing or damaged index is rebuilt;
damaged manifest rows and a full disk give one clear line and lose nothing."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
import struct
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import Result
from whoosh.filedb.filestore import FileStorage

from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.errors import IpcwError
from ipcw.harvester import Store
from ipcw.indexer import generations
from ipcw.indexer.segment import AtomicSegmentWriter
from ipcw.models import Status
from ipcw.pipeline import index_store
from ipcw.search import Searcher
from tests.conftest import PATTERNS
from tests.test_cli import assert_one_line_error, run


def _search(data: Path, query: str = "technical cooperation") -> list[str]:
    result = run(data, "search", query, "--format", "json", "--limit", "100")
    assert result.exit_code == 0, result.stderr
    return [f"{hit['symbol']}|{hit['lang']}" for hit in json.loads(result.stdout)]


def _disk_full(monkeypatch: pytest.MonkeyPatch, when: str = "opening the writer") -> None:
    """From now on, Whoosh's writes fail as on a full disk: every file it creates, a document it
    adds, or only the table of contents its commit writes last."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    create_file = FileStorage.create_file

    def full_at_commit(self: FileStorage, name: str, *args: object, **kwargs: object) -> object:
        if ".toc" in name:
            full()
        return create_file(self, name, *args, **kwargs)

    if when == "opening the writer":
        monkeypatch.setattr(FileStorage, "create_file", full)
    elif when == "adding a document":
        monkeypatch.setattr(AtomicSegmentWriter, "add_document", full)
    else:
        monkeypatch.setattr(FileStorage, "create_file", full_at_commit)


def test_searches_during_a_rebuild_keep_answering_issue_7(data: Path) -> None:
    settings = Settings(data_dir=data)
    before = _search(data)
    rebuilt: list[int] = []
    rebuild = threading.Thread(target=lambda: rebuilt.append(index_store(settings, rebuild=True).indexed))
    answers: list[list[str] | Exception] = []
    rebuild.start()
    while rebuild.is_alive() or len(answers) < 30:
        try:
            with Searcher(settings.data.index) as searcher:
                hits = searcher.search("technical cooperation", limit=100).hits
            answers.append([f"{h.document.symbol}|{h.document.language}" for h in hits])
        except IpcwError as exc:
            answers.append(exc)
    rebuild.join()
    assert rebuilt == [len(_all(data))]
    assert [a for a in answers if isinstance(a, Exception)] == []
    assert all(sorted(a) == sorted(before) for a in answers)  # type: ignore[arg-type]
    assert generations.current(settings.data.index).path.name == "gen-000002"  # type: ignore[union-attr]


def test_a_rebuild_that_fails_leaves_the_index_as_it_was_issue_7(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _search(data)
    folders = sorted(p.name for p in (data / "index").iterdir())
    _disk_full(monkeypatch)
    assert_one_line_error(run(data, "index", "--rebuild"), 1, "No space left on device: free some space")
    monkeypatch.undo()
    assert _search(data) == before
    assert sorted(p.name for p in (data / "index").iterdir()) == folders  # nothing half-built left


@pytest.mark.parametrize("when", ["opening the writer", "adding a document", "committing"])
def test_a_full_disk_while_indexing_loses_nothing_issue_7(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    data = tmp_path / "data"
    assert run(data, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/669").exit_code == 0
    before = _search(data, "waiver")
    _disk_full(monkeypatch, when)
    result = run(data, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/668")
    assert_one_line_error(result, 1, "cannot write the index in")
    monkeypatch.undo()
    assert _search(data, "waiver") == before
    with Store(DataDir(data)) as store:  # stored, not marked indexed, not failed: the next run indexes it
        assert [d.symbol for d in store.pending_index()] == ["IP/C/W/668"]
        assert [e.status for e in store.entries()] == [Status.OK, Status.OK]
    again = run(data, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/668")
    assert again.stdout.strip().endswith("; indexed 1")


def test_a_deleted_index_is_rebuilt_by_the_next_index_or_crawl_issue_7(data: Path) -> None:
    before = _search(data)
    shutil.rmtree(data / "index")
    assert_one_line_error(run(data, "search", "technical"), 1, "`ipcw index` builds it from the stored files")
    assert run(data, "index").stdout.strip() == f"indexed {len(_all(data))} documents"
    assert _search(data) == before
    shutil.rmtree(data / "index")
    crawl = run(data, "crawl", "--source", "fixtures", *PATTERNS)
    assert crawl.exit_code == 0 and crawl.stdout.strip().endswith(f"; indexed {len(_all(data))}")


def _all(data: Path) -> list[str]:
    with Store(DataDir(data)) as store:
        return [e.key for e in store.entries() if e.held]


def _segments(data: Path) -> Iterator[Path]:
    current = generations.current(data / "index")
    assert current is not None
    return current.path.glob("*.seg")


def test_a_damaged_index_is_one_line_and_repaired_by_the_next_run_issue_7(data: Path) -> None:
    before = _search(data)
    for segment in _segments(data):
        segment.write_bytes(b"\x00garbage" * 100)
    for args in (["search", "technical"], ["show", "IP/C/W/669"]):
        assert_one_line_error(run(data, *args), 1, "is damaged")
    assert "`ipcw index --rebuild` builds it anew" in run(data, "search", "technical").stderr
    crawl = run(data, "crawl", "--source", "fixtures", *PATTERNS)  # the nightly run repairs it
    assert crawl.exit_code == 0, crawl.stderr
    assert _search(data) == before


def _damage_met_reading(monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    """Whoosh meets damage in ``SegmentReader.method`` only when it is called, as when a segment's
    stored fields or term index are corrupt while the segment opens fine."""
    from whoosh.reading import SegmentReader

    def corrupt(*args: object, **kwargs: object) -> None:
        raise struct.error("unpack requires a buffer of 4 bytes")

    monkeypatch.setattr(SegmentReader, method, corrupt)


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("stored_fields", ["search", "technical", "--all"]),  # hits made one at a time, while written
        ("stored_fields", ["search", "technical", "--all", "--format", "jsonl"]),
        ("stored_fields", ["similar", "IP/C/W/669"]),
        ("terms_within", ["search", "tecnical"]),  # did you mean, reading the vocabulary
    ],
)
def test_damage_met_while_reading_hits_or_vocabulary_is_one_line(
    data: Path, monkeypatch: pytest.MonkeyPatch, method: str, args: list[str]
) -> None:
    _damage_met_reading(monkeypatch, method)
    assert_one_line_error(run(data, *args), 1, "is damaged (error: unpack requires a buffer")


def test_a_damaged_manifest_row_is_reported_and_mended_by_the_next_crawl_issue_7(data: Path) -> None:
    with closing(sqlite3.connect(data / "manifest.sqlite3")) as db, db:
        db.execute("UPDATE documents SET listing = '{not json' WHERE key = 'IP/C/W/669|en'")
        db.execute("UPDATE documents SET status = 'bogus' WHERE key = 'IP/C/W/668|en'")
    listed = run(data, "list", "--format", "json")
    assert listed.exit_code == 0
    assert "IP/C/W/669|en" not in {f"{r['symbol']}|{r['lang']}" for r in json.loads(listed.stdout)}
    warnings = listed.stderr.strip().splitlines()
    assert len(warnings) == 2 and all("is damaged" in w and "ipcw check --repair" in w for w in warnings)
    assert "manifest row 'IP/C/W/669|en' is damaged (JSONDecodeError" in listed.stderr
    rebuilt: Result = run(data, "index", "--rebuild")
    assert rebuilt.exit_code == 0 and _search(data)  # the index is not lost to a bad row
    crawl = run(data, "crawl", "--source", "fixtures", *PATTERNS)
    assert crawl.exit_code == 0 and "new 2" in crawl.stdout  # fetched again: good rows replace them
    assert run(data, "list").stderr == ""


def test_a_manifest_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "manifest.sqlite3").write_bytes(b"garbage" * 1000)
    assert_one_line_error(run(tmp_path, "list"), 1, "the manifest manifest.sqlite3 is damaged")
    assert_one_line_error(run(tmp_path, "index"), 1, "`ipcw check --repair` rebuilds it")


def test_a_text_cache_that_cannot_be_written_costs_nothing_but_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipcw.indexer import text_cache

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(text_cache, "write_atomic", full)
    result = run(tmp_path, "crawl", "--source", "fixtures", "--symbol", "IP/C/W/669")
    assert result.exit_code == 0 and result.stdout.strip().endswith("; indexed 1")
    assert "cannot write the text cache" in result.stderr


def test_an_index_of_the_first_releases_is_rebuilt_in_the_current_format_issue_7(data: Path) -> None:
    """An index of the first layout (Whoosh files directly in index/, built with unguarded stemmers)
    is searched as it is, and the next run rebuilds it beside itself and swaps it in."""
    before = _search(data)
    root = data / "index"
    current = generations.current(root)
    assert current is not None
    for file in current.path.iterdir():
        file.rename(root / file.name)
    current.path.rmdir()
    (root / generations.POINTER).unlink()
    assert generations.current(root) == generations.Generation(root, 1)
    assert _search(data) == before
    result = run(data, "index")
    assert result.exit_code == 0 and "built by an older ipcw: building it anew" in result.stderr
    assert generations.current(root) == generations.Generation(root / "gen-000001", generations.FORMAT)
    assert _search(data) == before
    assert run(data, "index", "--rebuild").exit_code == 0  # and the old files go with the next swap
    assert sorted(p.name for p in root.iterdir()) == ["CURRENT", "gen-000001", "gen-000002"]


def test_a_missing_segment_is_damage_the_next_run_repairs_issue_7(data: Path) -> None:
    before = _search(data)
    for segment in _segments(data):
        segment.unlink()
    with closing(sqlite3.connect(data / "manifest.sqlite3")) as db, db:  # and something to index
        db.execute("UPDATE documents SET indexed_sha256 = '' WHERE key = 'IP/C/W/669|en'")
    result = run(data, "index")
    assert result.exit_code == 0, result.stderr
    assert "is damaged" in result.stderr and "building it anew now" in result.stderr
    assert _search(data) == before


def test_a_cached_text_without_pages_is_read_again(data: Path) -> None:
    for cache in (data / "text").glob("*.json"):
        cache.write_text('{"pages": []}')
    result = run(data, "index", "--rebuild")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "indexed 29 documents"


def test_a_batch_broken_half_way_through_a_document_is_one_line_and_loses_nothing(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure once a document's values were accepted, while they are written (memory, a bug
    below ipcw), leaves half a document in the batch: the batch is dropped, the index kept."""
    from ipcw.indexer.termpool import TermPool

    before = _search(data)

    def broken(self: TermPool, docnum: int, fields: object) -> None:
        raise RuntimeError("half-written")

    monkeypatch.setattr(TermPool, "add_document", broken)
    assert_one_line_error(run(data, "index", "--rebuild"), 1, "cannot write the index")
    monkeypatch.undo()
    assert _search(data) == before
    assert run(data, "index").exit_code == 0  # nothing left locked or half-made
