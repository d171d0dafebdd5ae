"""Documents read and analysed in worker processes give what one process gives: the same documents
in the same order with the same fields, so the same index; one that fails there fails alone, and
workers that die leave their documents to be done in this process."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.errors import ExtractError, IpcwError
from ipcw.harvester.store import Store
from ipcw.indexer import analysis, generations
from ipcw.indexer.analysis import read_and_analyse
from ipcw.indexer.segment import Analysed
from ipcw.models import Document
from tests.indexer.test_segment import _everything
from tests.processes import extraction_workers, running
from tests.test_cli import run


def _stored(data: DataDir) -> list[Document]:
    with Store(data) as store:
        return store.pending_index(everything=True)


def _plain(fields: dict[str, object]) -> dict[str, object]:
    return {
        name: (value.postings, value.length, value.value) if isinstance(value, Analysed) else value
        for name, value in fields.items()
    }


def _analysed(data: DataDir, parallel_from: int, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> list[Any]:
    monkeypatch.setattr(analysis, "PARALLEL_FROM", parallel_from)
    monkeypatch.setattr(analysis, "CHUNK", 7)  # many chunks, some in flight at once
    docs = _stored(data)
    return [(doc, _plain(fields)) for doc, fields in read_and_analyse(docs, data, workers=2, **kwargs)]


def test_workers_give_the_documents_and_fields_one_process_gives(
    built: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = _analysed(built.data, 10**9, monkeypatch)
    there = _analysed(built.data, 1, monkeypatch)
    assert len(here) == len(_stored(built.data)) > 80
    assert there == here
    assert all(doc.text == "" and doc.title for doc, _ in there)  # completed, the text not carried


class DyingDataDir(DataDir):
    """A data directory that kills the worker process it is sent to."""

    def __reduce__(self) -> Any:
        return os._exit, (3,)


def test_workers_that_die_leave_their_documents_to_this_process(
    built: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    here = _analysed(built.data, 10**9, monkeypatch)
    with caplog.at_level(logging.WARNING):
        there = _analysed(DyingDataDir(built.data.root), 1, monkeypatch)
    assert there == here
    assert "indexing worker: " in caplog.text and "its documents are read here" in caplog.text


def test_a_document_that_fails_in_a_worker_fails_alone(
    built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DataDir(Path(shutil.copytree(built.data.root, tmp_path / "data")))
    docs = _stored(data)
    at, broken = next((at, d) for at, d in enumerate(docs) if d.language == "en")
    # A file imported without a symbol, whose cached text names none: it cannot be indexed.
    docs[at] = Document("", broken.language, path=broken.path, sha256=broken.sha256)
    cache = data.cached_text(broken.sha256)
    cache.write_text(json.dumps({"pages": ["nothing of a WTO document here"]}), encoding="utf-8")
    errors: list[tuple[Document, IpcwError]] = []
    monkeypatch.setattr(analysis, "PARALLEL_FROM", 1)
    done = list(read_and_analyse(docs, data, workers=2, on_error=lambda d, e: errors.append((d, e))))
    assert [(d, type(e)) for d, e in errors] == [(docs[at], ExtractError)]
    assert "no document symbol" in str(errors[0][1])
    assert [d.key for d, _ in done] == [d.key for d in docs if d is not docs[at]]


def test_a_rebuild_in_workers_writes_the_index_one_process_writes(
    built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexes = {}
    for kind, parallel_from in (("one process", 10**9), ("workers", 1)):
        data = Path(shutil.copytree(built.data.root, tmp_path / kind))
        monkeypatch.setattr(analysis, "PARALLEL_FROM", parallel_from)
        result = run(data, "index", "--rebuild")
        assert result.exit_code == 0, result.stderr
        generation = generations.current(DataDir(data).index)
        assert generation is not None
        indexes[kind] = everything = _everything(generation.path)
        for stored in everything["stored"]:  # the data directories differ, the files in them do not
            stored["path"] = str(Path(stored["path"]).relative_to(data))
    assert indexes["workers"] == indexes["one process"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
def test_workers_die_with_the_process_that_started_them(built: Settings, tmp_path: Path) -> None:
    """``kill -9`` of an ``ipcw index`` whose workers read documents leaves none of them running."""
    data = shutil.copytree(built.data.root, tmp_path / "data")
    script = (
        "from ipcw.indexer import analysis; analysis.PARALLEL_FROM = 1; analysis.CHUNK = 1; "
        "from ipcw.cli import main; main()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, "--data-dir", str(data), "index", "--rebuild"],
        env={**os.environ, "IPCW_CONFIG": "/nonexistent"},
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        workers = extraction_workers(process.pid)
        time.sleep(0.01)
    assert len(workers) == 2
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(running, workers))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
def test_a_worker_killed_half_way_leaves_the_rest_to_this_process(
    built: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Chunks given back before a worker is killed are kept; those after it are done here: the
    same documents, in the same order, nothing lost or repeated."""
    here = _analysed(built.data, 10**9, monkeypatch)
    monkeypatch.setattr(analysis, "PARALLEL_FROM", 1)
    monkeypatch.setattr(analysis, "CHUNK", 7)
    there: list[Any] = []
    with caplog.at_level(logging.WARNING):
        for doc, fields in read_and_analyse(_stored(built.data), built.data, workers=2):
            if not there:  # the first chunk is back: kill a worker
                workers = extraction_workers(os.getpid())
                assert workers
                os.kill(workers[0], signal.SIGKILL)
            there.append((doc, _plain(fields)))
    assert there == here
    # Killed while busy, its chunk is read here; killed between chunks, the next goes to a new one.
    assert ("indexing worker: " in caplog.text and "its documents are read here" in caplog.text) or (
        "the extraction worker died (killed by signal 9); starting another" in caplog.text
    )


def test_what_workers_log_is_logged_here(
    built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A warning a worker logs while it tags a document (its cover and its listing disagree) is
    logged by this process, as if the document had been read here."""
    data = DataDir(Path(shutil.copytree(built.data.root, tmp_path / "data")))
    docs = _stored(data)
    texts = {d.key: json.loads(data.cached_text(d.sha256).read_text(encoding="utf-8")) for d in docs}
    doc = next(d for d in docs if d.listing and d.symbol in texts[d.key]["pages"][0])
    cached = texts[doc.key]
    cached["pages"][0] = cached["pages"][0].replace(doc.symbol, "IP/C/W/999")
    cache = data.cached_text(doc.sha256)
    cache.write_text(json.dumps(cached), encoding="utf-8")
    monkeypatch.setattr(analysis, "PARALLEL_FROM", 1)
    with caplog.at_level(logging.WARNING):
        done = list(read_and_analyse(docs, data, workers=2))
    assert len(done) == len(docs)
    said = [r for r in caplog.records if "the cover says IP/C/W/999" in r.getMessage()]
    assert [(r.name, r.levelno) for r in said] == [("ipcw.indexer.extract_and_tag", logging.WARNING)]
