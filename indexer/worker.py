"""The extraction worker: ``python -m ipcw.indexer.worker PARENT_PID MEMORY_MB``.

Started by :class:`ipcw.indexer.pool.ExtractionPool`: it reads :class:`~ipcw.indexer.pool.Job` frames on
stdin (or :class:`~ipcw.indexer.pool.Task` frames, other work) and answers each on stdout with
``("ok", Extracted)`` (or what the task's function returned), ``("error", message)`` or
``("memory", "")``, within an address-space limit of ``MEMORY_MB``, and ends with its input or
with its parent.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import signal
import sys
import threading
import time
from typing import IO

from ipcw.errors import ExtractError
from ipcw.indexer.extract import extract
from ipcw.indexer.pool import Task, read_frame, write_frame

log = logging.getLogger(__name__)


def die_with(parent: int) -> None:
    """End this process when ``parent`` ends, even by ``kill -9``."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (where the platform can)."""
    try:
        import resource
    except ImportError:  # Windows: no address-space limit; the time limit still holds
        return
    limit = megabytes * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError) as exc:
        log.warning("cannot limit the extraction worker's memory: %s", exc)


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Answer jobs until the input ends."""
    while (job := read_frame(requests)) is not None:
        try:
            if isinstance(job, Task):
                answer: tuple[str, object] = ("ok", _called(job))
            else:
                answer = ("ok", extract(job.source, job.max_pages, job.extractor))
        except MemoryError:
            answer = ("memory", "")
        except ExtractError as exc:
            answer = ("error", str(exc))
        except Exception as exc:  # anything else pdfminer raises on hostile input
            what = "failed" if isinstance(job, Task) else "could not be read as a PDF"
            answer = ("error", f"{what}: {type(exc).__name__}: {exc}")
        del job
        write_frame(answers, answer)


def _called(task: Task) -> object:
    """What ``task``'s function returns, given its arguments."""
    module, name = task.function.split(":")
    return getattr(importlib.import_module(module), name)(*task.args)


def main() -> None:
    parent, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.basicConfig(level=logging.ERROR)
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by a library may corrupt the answers
    limit_memory(memory_mb)
    serve(requests, answers)


if __name__ == "__main__":
    main()
