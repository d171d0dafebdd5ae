"""How the benchmark measures: wall time and peak memory of a command, percentiles, sizes on disk."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One command's wall time (seconds), peak resident memory (bytes) and output."""

    seconds: float
    peak_rss: int
    stdout: str
    stderr: str
    code: int


def run_command(args: Sequence[str], env: dict[str, str] | None = None, clean: bool = False) -> Run:
    """Run ``args``: its wall time, and its peak resident memory: the larger of the kernel's count
    for the process (``wait4``) and the most its whole process tree held at once (its workers
    too), sampled every :data:`SAMPLE_EVERY` seconds. With ``clean``, no ``IPCW_`` setting of the
    environment reaches it (a user's extractor or page limit would change what is measured)."""
    inherited = {k: v for k, v in os.environ.items() if not (clean and k.startswith("IPCW_"))}
    start = time.perf_counter()
    process = subprocess.Popen(
        list(args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**inherited, **(env or {})},
        text=True,
    )
    sampler = _TreeMemory(process.pid)
    sampler.start()
    try:
        stdout, stderr = _read_to_the_end(process)
    except BaseException:  # Ctrl-C, a bad byte: the command is not left running
        process.kill()
        os.waitpid(process.pid, 0)
        raise
    finally:
        sampler.stop.set()
        sampler.join()
    _, status, usage = os.wait4(process.pid, 0)  # reaped here, not by Popen: its usage is ours
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, max(usage.ru_maxrss * 1024, sampler.peak), stdout, stderr, process.returncode)


#: How often the memory of a process tree is sampled, in seconds.
SAMPLE_EVERY = 0.02


class _TreeMemory(threading.Thread):
    """The most resident memory a process and its descendants held at once, from ``/proc``."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_EVERY):
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux; only ``pid`` where ``/proc`` does not say)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def _rss(pid: int) -> int:
    """Bytes of ``pid``'s resident memory; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return 0
    return 0


def _read_to_the_end(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Both of the process's outputs, read to the end (one in a thread: neither pipe fills)."""
    out, err = process.stdout, process.stderr
    assert out is not None and err is not None
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(err.read()))
    reader.start()
    stdout = out.read()
    reader.join()
    out.close()
    err.close()
    return stdout, "".join(errors)


def ipcw_command(data_dir: Path, *args: str) -> list[str]:
    """``ipcw --data-dir DATA_DIR ARGS`` as a new process of this Python."""
    return [sys.executable, "-m", "ipcw", "--data-dir", str(data_dir), *args]


def run_ipcw(data_dir: Path, *args: str) -> Run:
    """``ipcw --data-dir DATA_DIR ARGS``, measured, with ipcw's defaults: no config file and no
    ``IPCW_`` setting of the user's."""
    return run_command(ipcw_command(data_dir, *args), QUIET_ENV, clean=True)


#: The environment the benchmark's commands run in: no config file of the user's.
QUIET_ENV = {"IPCW_CONFIG": "/nonexistent"}


def percentile(samples: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) of ``samples``, nearest rank."""
    ordered = sorted(samples)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(samples: Sequence[float]) -> dict[str, float]:
    """p50, p90, p99 and max of ``samples`` (seconds), in milliseconds."""
    return {
        "p50": round(1000 * percentile(samples, 50), 1),
        "p90": round(1000 * percentile(samples, 90), 1),
        "p99": round(1000 * percentile(samples, 99), 1),
        "max": round(1000 * max(samples), 1) if samples else math.nan,
        "n": len(samples),
    }


def median_seconds(samples: Sequence[float]) -> float:
    return statistics.median(samples) if samples else math.nan


def size_on_disk(path: Path) -> int:
    """Bytes of every file under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
