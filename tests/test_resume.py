"""Cron safety, with real processes: a crawl killed by SIGKILL resumes losing nothing, a second
crawl on the same data directory is refused, a lock left by a dead run is taken over."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from ipcw.cli import cli
from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.fixtures import ReplaySite
from ipcw.harvester import CrawlPlan, DataDirLock, Store
from ipcw.pipeline import run_crawl
from tests.faulty_site import FaultySite
from tests.processes import extraction_workers
from tests.replay_server import serve

ROOT = Path(__file__).parent.parent
TOTAL_FILES = 87  # IP/C/W/* in all three languages, the restricted record excepted


def stored_unindexed(tmp_path: Path) -> Path:
    """A data directory in ``tmp_path`` storing the whole fixture site in three languages, none of
    it indexed yet: what an indexing run that is killed has to do."""
    data = tmp_path / "data"
    settings = Settings(data_dir=data, delay=0, languages=("en", "fr", "es"))
    plan = CrawlPlan(languages=settings.languages)
    report, _ = run_crawl(settings, plan, httpx.MockTransport(ReplaySite().handle), index=False)
    assert report.new == TOTAL_FILES
    return data


def _rows(data: Path, status: str) -> int:
    try:
        with closing(sqlite3.connect(data / "manifest.sqlite3", timeout=5)) as db:
            return int(db.execute("SELECT COUNT(*) FROM documents WHERE status = ?", (status,)).fetchone()[0])
    except sqlite3.Error:
        return 0


def _ok_rows(data: Path) -> int:
    return _rows(data, "ok")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_crawl_killed_mid_download_resumes_losing_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    site = FaultySite(download_delay=0.03)
    with serve(site) as base_url:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ipcw",
                "--data-dir",
                str(data),
                "crawl",
                "--base-url",
                base_url,
                "--delay",
                "0",
                "--lang",
                "all",
                "--quiet",
            ],
            cwd=ROOT,
            env={**os.environ, "IPCW_CONFIG": "/nonexistent"},
        )
        deadline = time.monotonic() + 60
        while _ok_rows(data) < 20 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        stored_before = _ok_rows(data)
        restricted_before = _rows(data, "restricted")
        assert 20 <= stored_before < TOTAL_FILES

    resumed = ReplaySite()  # a fresh replay, so that only the resumed run's requests are counted
    with serve(resumed) as base_url:
        settings = Settings(data_dir=data, base_url=base_url, delay=0, languages=("en", "fr", "es"))
        report, indexed = run_crawl(settings, CrawlPlan(languages=settings.languages))

    downloads = sum(1 for r in resumed.requests if "directdoc" in r.url.path.lower())
    # Nothing finished is fetched again; the restricted record is asked once if the killed run had
    # not reached it yet.
    assert report.new == TOTAL_FILES - stored_before
    assert downloads == report.new + (0 if restricted_before else 1)
    assert report.failed == 0 and indexed is not None and indexed.indexed == TOTAL_FILES
    assert not [p for p in data.rglob("*") if p.name.endswith(".part")]
    with Store(DataDir(data)) as store:
        entries = [e for e in store.entries() if e.document.path is not None]
        assert len(entries) == TOTAL_FILES
        for entry in entries:  # every stored file is whole and is what the manifest says
            content = entry.document.path.read_bytes()  # type: ignore[union-attr]
            assert content.startswith(b"%PDF-") and len(content) == entry.document.size
    with closing(sqlite3.connect(data / "manifest.sqlite3")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_second_concurrent_crawl_is_refused_at_once(tmp_path: Path) -> None:
    with DataDirLock(DataDir(tmp_path)):
        started = time.monotonic()
        result = CliRunner().invoke(
            cli,
            ["--data-dir", str(tmp_path), "crawl", "--source", "fixtures"],
            env={"IPCW_CONFIG": "/nonexistent"},
        )
        assert time.monotonic() - started < 5
    assert result.exit_code == 75
    assert result.stderr.strip() == (
        f"ipcw: error: another ipcw process (pid {os.getpid()}) is writing to "
        f"{tmp_path}; try again when it has finished"
    )


def test_lock_left_by_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "ipcw.lock").write_text(str(dead.pid))
    settings = Settings(data_dir=tmp_path, delay=0)
    report, _ = run_crawl(
        settings, CrawlPlan(patterns=("IP/C/W/669",)), httpx.MockTransport(ReplaySite().handle)
    )
    assert report.new == 1
    assert (tmp_path / "ipcw.lock").read_text() == ""  # released at the end


def test_partial_files_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    partial = tmp_path / "files" / "en" / ".IP_C_W_669.pdf.x1y2.part"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"%PDF-1.4 half")
    settings = Settings(data_dir=tmp_path, delay=0)
    run_crawl(settings, CrawlPlan(patterns=("IP/C/W/669",)), httpx.MockTransport(ReplaySite().handle))
    assert not partial.exists()
    assert (tmp_path / "files" / "en" / "IP_C_W_669.pdf").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_indexing_killed_midway_is_completed_by_the_next_run(tmp_path: Path) -> None:
    data = stored_unindexed(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "ipcw", "--data-dir", str(data), "index"],
        cwd=ROOT,
        env={**os.environ, "IPCW_CONFIG": "/nonexistent"},
    )
    deadline = time.monotonic() + 60
    while len(list((data / "text").glob("*.json"))) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    # kill -9 of the command alone: its extraction workers are orphaned and must not hold the lock
    # (regression: forked workers inherited it, and the next run was refused until they died).
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10  # and no worker outlives it (issue 7: three were left behind)
    while extraction_workers(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert extraction_workers(process.pid) == []

    result = CliRunner().invoke(cli, ["--data-dir", str(data), "index"], env={"IPCW_CONFIG": "/nonexistent"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"indexed {TOTAL_FILES} documents"
    with Store(DataDir(data)) as store:
        assert store.pending_index() == []
    from ipcw.indexer.opening import open_index

    index = open_index(data / "index")
    assert index.doc_count() == TOTAL_FILES
    index.close()


def answers_while_a_crawl_writes(
    data: Path, env: dict[str, str], commands: list[list[str]]
) -> list[tuple[list[str], Result]]:
    """Each of ``commands`` run again and again (``ipcw --data-dir DATA ...``, in this process)
    while a crawl of the whole site, in another process, writes ``data`` (after a first crawl of
    IP/C/W/66*, so that there is something to read); what each run answered, in order."""
    first = CliRunner().invoke(
        cli, ["--data-dir", str(data), "crawl", "--source", "fixtures", "--symbol", "IP/C/W/66*"], env=env
    )
    assert first.exit_code == 0, first.stderr
    site = FaultySite(download_delay=0.02)
    answers = []
    with serve(site) as base_url:
        crawl = subprocess.Popen(
            [sys.executable, "-m", "ipcw", "--data-dir", str(data), "crawl", "--base-url", base_url,
             "--delay", "0", "--lang", "all", "--quiet"],
            cwd=ROOT,
            env={**os.environ, **env},
        )  # fmt: skip
        while crawl.poll() is None:
            for args in commands:
                answers.append((args, CliRunner().invoke(cli, ["--data-dir", str(data), *args], env=env)))
        assert crawl.wait() == 0
    return answers


def test_searches_and_list_answer_while_a_crawl_writes(tmp_path: Path) -> None:
    """Readers never wait for the writer (issue 7 keeps this): a crawl in another process stores,
    extracts and indexes while `search` and `list` are run again and again."""
    commands = [["search", "waiver", "--format", "json"], ["list", "--format", "json"]]
    answers = answers_while_a_crawl_writes(tmp_path / "data", {"IPCW_CONFIG": "/nonexistent"}, commands)
    assert len(answers) >= 10
    assert [(args[0], r.exit_code, r.stderr) for args, r in answers if r.exit_code != 0] == []
