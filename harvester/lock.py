"""One writer per data directory: a lock that a second ``ipcw crawl`` meets at once.

The lock is an OS file lock (``flock``; ``msvcrt.locking`` on Windows) on ``DATA_DIR/ipcw.lock``,
which also records the holder's process id. The operating system releases it when the holder dies,
even by ``kill -9``, so a lock left by a killed run is simply taken over.
"""

from __future__ import annotations

import logging
import os
from typing import IO

from ipcw.datadir import DataDir
from ipcw.errors import LockedError, StoreError

log = logging.getLogger(__name__)


def _try_lock(handle: IO[str]) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class DataDirLock:
    """Hold the data directory for writing: ``with DataDirLock(data): ...``."""

    def __init__(self, data: DataDir) -> None:
        self.path = data.lock
        self._handle: IO[str] | None = None

    def __enter__(self) -> DataDirLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+", encoding="ascii")
        except OSError as exc:
            raise StoreError(f"cannot create the lock file {self.path}: {exc}") from exc
        handle.seek(0)
        previous = handle.read().strip()
        if not _try_lock(handle):
            handle.close()
            holder = f" (pid {previous})" if previous.isdigit() else ""
            raise LockedError(
                f"another ipcw process{holder} is writing to {self.path.parent}; "
                "try again when it has finished"
            )
        if previous.isdigit() and int(previous) != os.getpid() and not _alive(int(previous)):
            log.warning("took over the lock left by pid %s, which is no longer running", previous)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.seek(0)
            self._handle.truncate()
            self._handle.close()  # closing releases the lock
            self._handle = None
