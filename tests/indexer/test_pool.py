"""Extraction in worker processes (issue 7): a PDF that takes hours or gigabytes fails alone, within
the limits, and the workers never outlive the process that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ipcw.errors import ExtractError
from ipcw.fixtures import FIXTURES_DIR
from ipcw.indexer.extract import Extracted
from ipcw.indexer.pool import ExtractionPool, ExtractLimits, Job
from tests.hostile_pdfs import flate_bomb_pdf, many_pages_pdf, shared_stream_pdf, text_pdf
from tests.processes import extraction_workers

GOOD = FIXTURES_DIR / "site" / "files" / "q" / "IP" / "C" / "W669.pdf"
POSIX = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc, sends POSIX signals")


def test_a_pdf_that_takes_hours_is_stopped_at_the_time_limit_and_fails_alone_issue_7() -> None:
    slow = Job(shared_stream_pdf(), 2000, "IP/C/W/1|en")  # about three hours in pdfminer.six
    good = [Job(GOOD, 2000, f"good {n}") for n in range(3)]
    started = time.monotonic()
    with ExtractionPool(ExtractLimits(timeout=3.0), workers=2) as pool:
        results = dict(pool.run([slow, *good]))
    assert time.monotonic() - started < 30
    error = results.pop(slow)
    assert isinstance(error, ExtractError)
    assert str(error) == "IP/C/W/1|en: reading took longer than 3 s (extract_timeout); stopped"
    assert all(isinstance(r, Extracted) and "IP/C/W/669" in r.pages[0] for r in results.values())


@POSIX
def test_a_compression_bomb_fails_at_the_memory_limit_issue_7() -> None:
    bomb = Job(flate_bomb_pdf(1024, nested=True), 2000, "bomb")  # 3 KB, inflating to 1 GB
    with ExtractionPool(ExtractLimits(memory_mb=300), workers=1) as pool:
        results = dict(pool.run([bomb, Job(GOOD, 2000, "good")]))
    assert str(results[bomb]) == (
        "bomb: reading needed more than 300 MB of memory (extract_memory_mb); stopped"
    )
    assert isinstance(results[Job(GOOD, 2000, "good")], Extracted)


def test_the_page_limit_is_reported_not_silent_issue_7() -> None:
    with ExtractionPool(ExtractLimits(max_pages=50), workers=1) as pool:
        extracted = pool.read(many_pages_pdf(3000), "many pages")
    assert len(extracted.pages) == 50 and extracted.pages[49].strip() == "page 50"
    assert extracted.note == "50 of 3,000 pages read"
    with ExtractionPool(workers=1) as pool:
        assert pool.read(text_pdf(["one", "two"])).note == ""


@POSIX
def test_a_worker_that_dies_fails_its_document_and_the_next_one_works() -> None:
    def kill_the_workers() -> None:
        for pid in extraction_workers(os.getpid()):
            os.kill(pid, signal.SIGKILL)

    killer = threading.Timer(1.5, kill_the_workers)  # while the slow job is being read
    killer.start()
    with ExtractionPool(ExtractLimits(timeout=60), workers=1) as pool:
        results = dict(pool.run([Job(shared_stream_pdf(), 2000, "slow"), Job(GOOD, 2000, "good")]))
    killer.join()
    by_label = {job.label: result for job, result in results.items()}
    assert str(by_label["slow"]) == "slow: the extraction worker died (killed by signal 9)"
    assert isinstance(by_label["good"], Extracted)


@POSIX
def test_workers_do_not_outlive_a_parent_killed_with_sigkill_issue_7(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(shared_stream_pdf())
    script.write_text(
        "import sys\n"
        "from ipcw.indexer.pool import ExtractionPool, Job\n"
        "pool = ExtractionPool(workers=2)\n"
        f"for _ in pool.run([Job({str(slow)!r}, 2000, 'a'), Job({str(slow)!r}, 2000, 'b')]): pass\n"
    )
    parent = subprocess.Popen([sys.executable, str(script)], cwd=Path(__file__).parents[2])
    deadline = time.monotonic() + 20
    while len(extraction_workers(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(extraction_workers(parent.pid)) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while extraction_workers(parent.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert extraction_workers(parent.pid) == []


def test_what_is_not_a_pdf_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with ExtractionPool(workers=1) as pool:
        results = list(
            pool.run([Job(b"<html>login</html>", 10, "html"), Job(b"%PDF-1.4\n junk", 10, "junk")])
        )
    assert [str(r) for _, r in results] == [
        "html: not a PDF (no %PDF- header)",
        "junk: not a readable PDF: No /Root object! - Is this really a PDF?",
    ]


def test_a_worker_that_cannot_start_fails_the_job_instead_of_being_restarted_forever() -> None:
    # Under 40 MB a worker dies before it reads its job; a job larger than a pipe's buffer then
    # meets a broken pipe. The job gets one more worker, then fails (review of issue 7).
    big = many_pages_pdf(3000)
    started = time.monotonic()
    with (
        ExtractionPool(ExtractLimits(memory_mb=40), workers=1) as pool,
        pytest.raises(ExtractError) as failed,
    ):
        pool.read(big, "big")
    assert str(failed.value).startswith("big: the extraction worker died")
    assert time.monotonic() - started < 20


@POSIX
def test_workers_still_busy_are_stopped_when_the_caller_stops_listening() -> None:
    def settled(count: int) -> list[int]:
        deadline = time.monotonic() + 10
        while len(extraction_workers(os.getpid())) != count and time.monotonic() < deadline:
            time.sleep(0.05)
        return extraction_workers(os.getpid())

    with ExtractionPool(workers=3) as pool:
        slow = shared_stream_pdf()
        results = pool.run([Job(GOOD, 2000, "good"), Job(slow, 2000, "slow"), Job(slow, 2000, "slower")])
        job, _ = next(results)
        assert job.label == "good"
        results.close()  # the caller gives up while the slow two are being read
        assert len(settled(1)) == 1  # the idle one, kept for the pool's next run
    assert settled(0) == []
