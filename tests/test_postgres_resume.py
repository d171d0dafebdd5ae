"""Cron safety on a team's PostgreSQL index, with real processes and a real server: a run killed
by SIGKILL in the middle of writing leaves the database consistent (whole batches only, the
writer's lock gone with its session) and the next run completes it; searches all answer while a
crawl writes the database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from ipcw.cli import cli
from tests.conftest import database_url
from tests.test_resume import ROOT, TOTAL_FILES, answers_while_a_crawl_writes, stored_unindexed

#: Documents a transaction in the killed run, so that it has committed some batches when killed.
SMALL_BATCH = 10


def _count(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            row = connection.execute("SELECT count(*) FROM ipcw_documents").fetchone()
            return int(row[0]) if row else 0
    except psycopg.errors.UndefinedTable:
        return 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_run_killed_while_writing_leaves_whole_batches_and_the_next_run_completes_it(
    tmp_path: Path, postgres_url: str
) -> None:
    url = database_url(postgres_url, "ipcw_killed")
    data = stored_unindexed(tmp_path)
    # `ipcw index --index-url` in a process of its own, its batches made small, which stops
    # after its second batch is committed, to be killed there (in the middle of its run).
    program = (
        f"import time, ipcw.indexer.postgres as p; p.BATCH = {SMALL_BATCH}; insert = p._insert\n"
        "def slowed(connection, docs, done=[]):\n"
        "    insert(connection, docs); done.append(1)\n"
        "    if len(done) == 2: time.sleep(600)\n"
        "p._insert = slowed\n"
        "from ipcw.cli import cli; cli(prog_name='ipcw')"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", program, "--data-dir", str(data), "index", "--index-url", url],
        cwd=ROOT,
        env={**os.environ, "IPCW_CONFIG": "/nonexistent"},
    )
    deadline = time.monotonic() + 120
    while _count(url) < 2 * SMALL_BATCH and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    written = _count(url)
    # Whole batches only: readers never saw, and the database does not hold, part of one.
    assert written == 2 * SMALL_BATCH
    # The killed writer's lock went with its session: the next run is not refused, and completes it.
    again = CliRunner().invoke(
        cli, ["--data-dir", str(data), "index", "--index-url", url], env={"IPCW_CONFIG": "/nonexistent"}
    )
    assert again.exit_code == 0, again.stderr
    assert again.stdout.strip().endswith(f"({written} unchanged)")
    assert again.stdout.startswith(f"wrote {TOTAL_FILES - written} documents")
    assert _count(url) == TOTAL_FILES
    found = CliRunner().invoke(
        cli, ["--data-dir", str(data), "--index-url", url, "search", "IP/C/W/*", "--limit", "1"],
        env={"IPCW_CONFIG": "/nonexistent"},
    )  # fmt: skip
    assert found.exit_code == 0 and f"1 of {TOTAL_FILES} documents shown." in found.stdout


def test_searches_all_answer_while_a_crawl_writes_the_team_index(tmp_path: Path, postgres_url: str) -> None:
    """Readers never wait for the writer: a crawl in another process writes the database while
    `search`, `show` and `report` are run again and again against it."""
    url = database_url(postgres_url, "ipcw_concurrent")
    data = tmp_path / "data"
    env = {"IPCW_CONFIG": "/nonexistent", "IPCW_INDEX_URL": url}
    commands = [
        ["search", "IP/C/W/*", "--limit", "1", "--format", "json", "--facets"],
        ["show", "IP/C/W/669"],
        ["report", "coverage", "--format", "csv"],
    ]
    answers = answers_while_a_crawl_writes(data, env, commands)
    totals = [
        json.loads(r.stdout)["total"] for args, r in answers if args[0] == "search" and r.exit_code == 0
    ]
    shown = [r.stdout for args, r in answers if args[0] == "show" and r.exit_code == 0]
    assert shown and all("IP/C/W/669" in out for out in shown)
    assert len(answers) >= 3
    assert [(args[0], r.exit_code, r.stderr) for args, r in answers if r.exit_code != 0] == []
    assert totals and totals == sorted(totals)  # batches only ever come in whole
    final = CliRunner().invoke(cli, ["--data-dir", str(data), "search", "IP/C/W/*", "--limit", "1"], env=env)
    assert f"1 of {TOTAL_FILES} documents shown." in final.stdout
