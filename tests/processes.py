"""What tests need to know of running processes (Linux's /proc)."""

from __future__ import annotations

from pathlib import Path


def extraction_workers(parent: int) -> list[int]:
    """The process ids of the extraction workers started by process ``parent`` still running."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"ipcw.indexer.worker" in argv and str(parent).encode() in argv:
            found.append(int(proc.name))
    return found


def running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie does not)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
