"""Files: atomic writes, digests, and what makes bytes a PDF.

A write goes to a temporary file in the same directory, then fsync, rename, fsync the directory:
a reader sees the old file or the new one, never half of either, even after ``kill -9`` or a crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO, cast

from ipcw.errors import StoreError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably."""
    with _replacing(path, binary=True) as handle:
        handle.write(data)


@contextlib.contextmanager
def _replacing(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """A handle on a temporary file beside ``path`` that replaces it, fsynced, once the block
    ends; deleted, ``path`` untouched, if the block fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only where a file is written: a search writes none

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_of(path: Path) -> str:
    """The sha256 of the file at ``path``, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_pdf(content: bytes) -> bool:
    """Whether ``content`` starts as a PDF does: ``%PDF-`` (after whitespace) in its first kilobyte."""
    return content[:1024].lstrip().startswith(b"%PDF-")


def has_pdf_trailer(content: bytes) -> bool:
    """Whether ``content`` ends as a whole PDF does: ``startxref`` and ``%%EOF`` in its tail."""
    tail = content[-2048:]
    return b"%%EOF" in tail and b"startxref" in tail


@contextlib.contextmanager
def output_to(path: Path | None) -> Iterator[TextIO]:
    """A text stream for a command's output: standard output, or the file ``path``, written whole
    or not at all (a temporary file beside it, fsync, rename): a run that fails halfway leaves the
    file as it was."""
    if path is None:
        yield sys.stdout
        return
    try:
        with _replacing(path, binary=False) as handle:
            yield cast(TextIO, handle)
        path.chmod(0o666 & ~_umask())  # a user's file, as open() makes it (not mkstemp's owner-only)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_output(path: Path, data: bytes) -> None:
    """A command's output file (an image), written as :func:`output_to` writes text: whole or not
    at all, with the permissions a file the user made has."""
    try:
        write_atomic(path, data)
        path.chmod(0o666 & ~_umask())
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc
