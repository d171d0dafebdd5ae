"""Extraction in worker processes, each document within a time and a memory limit.

pdfminer.six can spend hours on a small hostile PDF (2,000 pages sharing one content stream) or
gigabytes on a compression bomb, and no thread can interrupt it. So PDFs are read in worker
processes (``python -m ipcw.indexer.worker``): a worker that exceeds ``ExtractLimits.timeout`` on a
document is killed and the document reported failed; a worker's address space is capped at
``ExtractLimits.memory_mb`` (``RLIMIT_AS``, where the platform has it), so a bomb fails with
``MemoryError`` inside the worker instead of taking the machine. Workers never outlive their
parent: on Linux the kernel kills them when it dies (``PR_SET_PDEATHSIG``; strictly, when the
thread that started them ends, so a pool is used from the thread that made it), elsewhere a watchdog
thread notices, and a closed pipe ends an idle one (see :mod:`ipcw.indexer.worker`).

The parent and its workers talk over the workers' stdin and stdout in frames: an 8-byte length,
then a pickle. Only this module writes either end, and the worker is a child of the parent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ipcw.errors import ExtractError
from ipcw.indexer.extract import EXTRACTORS, MAX_PAGES, Extracted

log = logging.getLogger(__name__)

_HEADER = 8


@dataclass(frozen=True)
class ExtractLimits:
    """What one document may cost to read."""

    #: Seconds a worker may spend on one document before it is killed.
    timeout: float = 180.0
    #: The address space of a worker, in MB (its memory limit).
    memory_mb: int = 2048
    #: Pages read of one document; the rest is left unread and the document says so.
    max_pages: int = MAX_PAGES


@dataclass(frozen=True)
class Job:
    """One PDF to read: a stored file, or downloaded bytes (whose first pages only may be wanted)."""

    source: Path | bytes
    max_pages: int
    label: str = ""  # what the document is called in messages
    extractor: str = EXTRACTORS[0]  # which extractor reads it


@dataclass(frozen=True)
class Task:
    """Other work for a worker, within the same limits: ``function`` (``"module:name"``, imported in
    the worker) called with ``args``, which are pickled to it, as its answer is pickled back."""

    function: str
    args: tuple[Any, ...]
    label: str = ""  # what the work is called in messages


# -- the parent's side -----------------------------------------------------------------------------
@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    inbox: queue.Queue[tuple[_Worker, Any]]
    errors: deque[bytes] = field(default_factory=lambda: deque(maxlen=20))
    readers: list[threading.Thread] = field(default_factory=list)

    @classmethod
    def start(cls, limits: ExtractLimits, inbox: queue.Queue[tuple[_Worker, Any]]) -> _Worker:
        command = [sys.executable, "-m", "ipcw.indexer.worker", str(os.getpid()), str(limits.memory_mb)]
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        worker = cls(process, inbox)
        for target in (worker._read_answers, worker._read_errors):
            worker.readers.append(threading.Thread(target=target, daemon=True))
            worker.readers[-1].start()
        return worker

    def send(self, job: Job) -> None:
        assert self.process.stdin is not None
        write_frame(self.process.stdin, job)

    def _read_answers(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            while True:
                frame = read_frame(self.process.stdout)
                self.inbox.put((self, frame))
                if frame is None:
                    return

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        with self.process.stderr:
            for line in self.process.stderr:
                self.errors.append(line)

    def death(self) -> str:
        """Stop the worker that stopped answering, and say what is known of how it ended."""
        self.stop()
        code = self.process.returncode
        how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        last = b"".join(self.errors).decode("utf-8", "replace").strip().splitlines()[-1:]
        return f"the extraction worker died ({how}{': ' + last[0] if last else ''})"

    def stop(self, kill: bool = False) -> None:
        """End the worker (at once with ``kill``) and release its pipes."""
        if kill:
            self.process.kill()
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()  # a worker ends at the end of its input
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self.readers:  # they end at the end of the pipes, and close them
            reader.join(timeout=5)


class ExtractionPool:
    """Reads PDFs in up to ``workers`` processes, each document within ``limits``.

    Use as a context manager; workers start when there is work and stop on exit.
    """

    def __init__(self, limits: ExtractLimits | None = None, workers: int | None = None) -> None:
        self.limits = limits or ExtractLimits()
        self.size = max(1, workers or os.cpu_count() or 1)
        self._inbox: queue.Queue[tuple[_Worker, Any]] = queue.Queue()
        self._idle: list[_Worker] = []

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        while self._idle:
            self._idle.pop().stop()

    def run(self, jobs: Iterable[Job]) -> Generator[tuple[Job, Extracted | ExtractError], None, None]:
        """Each job with its text, or the :class:`ExtractError` saying why it has none, in the order
        they finish. A job that exceeds a limit fails alone; the others go on. Workers still busy
        when the caller stops iterating are stopped."""
        for job, answer in self._answers(jobs):
            yield job, answer if isinstance(answer, ExtractError) else _result(job, answer, self.limits)

    def run_tasks(self, tasks: Iterable[Task]) -> Generator[tuple[Task, Any], None, None]:
        """Each task with what its function returned, or the :class:`ExtractError` saying why there
        is nothing (it raised, or its worker died or passed a limit), in the order they finish; as
        :meth:`run` does jobs."""
        for task, answer in self._answers(tasks):
            if isinstance(answer, ExtractError):
                yield task, answer
                continue
            kind, value = answer
            if kind == "ok":
                yield task, value
            elif kind == "memory":
                yield (
                    task,
                    ExtractError(f"{task.label}: needed more than {self.limits.memory_mb} MB of memory"),
                )
            else:
                yield task, ExtractError(f"{task.label}: {value}")

    def _answers(self, jobs: Iterable[Any]) -> Generator[tuple[Any, Any], None, None]:
        """Each job (or task) with its worker's answer, or the :class:`ExtractError` saying why there
        is none, in the order they finish."""
        todo = deque(jobs)
        running: dict[_Worker, tuple[Any, float]] = {}
        resent: set[int] = set()  # jobs already given to a second worker after the first was gone
        try:
            while todo or running:
                while todo and len(running) < self.size:
                    job = todo.popleft()
                    try:
                        worker = self._idle.pop() if self._idle else _Worker.start(self.limits, self._inbox)
                    except OSError as exc:
                        yield job, ExtractError(f"{job.label}: cannot start an extraction worker: {exc}")
                        continue
                    try:
                        worker.send(job)
                    except OSError:  # the worker is gone: once, the job goes to a fresh one
                        death = worker.death()
                        if id(job) in resent:
                            yield job, ExtractError(f"{job.label}: {death}")
                        else:
                            log.warning("%s; starting another", death)
                            resent.add(id(job))
                            todo.appendleft(job)
                        continue
                    running[worker] = (job, time.monotonic() + self.limits.timeout)
                if not running:
                    continue
                wait = min(deadline for _, deadline in running.values()) - time.monotonic()
                try:
                    worker, answer = self._inbox.get(timeout=max(0.0, wait))
                except queue.Empty:
                    yield from self._stop_late(running)
                    continue
                if worker not in running:
                    continue  # the end of a worker already stopped
                job, _ = running.pop(worker)
                if answer is None:
                    yield job, ExtractError(f"{job.label}: {worker.death()}")
                    continue
                self._idle.append(worker)
                yield job, answer
        finally:
            for worker in running:  # the caller stopped listening: nobody waits for these
                worker.stop(kill=True)

    def _stop_late(self, running: dict[_Worker, tuple[Any, float]]) -> Iterator[tuple[Any, ExtractError]]:
        now = time.monotonic()
        for worker, (job, deadline) in list(running.items()):
            if deadline <= now:
                del running[worker]
                worker.stop(kill=True)
                yield (
                    job,
                    ExtractError(
                        f"{job.label}: reading took longer than {self.limits.timeout:g} s "
                        "(extract_timeout); stopped"
                    ),
                )

    def read(self, source: Path | bytes, label: str = "", max_pages: int | None = None) -> Extracted:
        """One PDF's text, within the limits; :class:`ExtractError` when it has none."""
        job = Job(source, max_pages or self.limits.max_pages, label or str(source)[:80])
        ((_, result),) = self.run([job])
        if isinstance(result, ExtractError):
            raise result
        return result


def _result(job: Job, answer: Any, limits: ExtractLimits) -> Extracted | ExtractError:
    kind, value = answer
    if kind == "ok" and isinstance(value, Extracted):
        return value
    if kind == "memory":
        return ExtractError(
            f"{job.label}: reading needed more than {limits.memory_mb} MB of memory "
            "(extract_memory_mb); stopped"
        )
    return ExtractError(f"{job.label}: {value}")


# -- the frames ------------------------------------------------------------------------------------
def write_frame(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_HEADER, "big") + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next frame's value; ``None`` at the end of the stream (or a frame cut short)."""
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        return None
    size = int.from_bytes(header, "big")
    data = stream.read(size)
    return pickle.loads(data) if len(data) == size else None
