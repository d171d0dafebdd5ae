"""PDF → text with pdfminer.six, page by page, within a page limit that is reported, not silent.

This runs inside the extraction workers of :mod:`ipcw.indexer.pool`, which add the time and memory
limits; it may also be called directly on trusted files.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ipcw.errors import ExtractError
from ipcw.files import is_pdf

MAX_PAGES = 2000  # pages read of one document by default; the rest is left unread, and said so


@dataclass(frozen=True)
class Extracted:
    """The text of a PDF's pages, and how many pages the file has when it is more than were read."""

    pages: list[str]
    total: int | None = None  # the file's own page count, when pages were left unread

    @property
    def note(self) -> str:
        """``"2,000 of 100,000 pages read"`` when the page limit cut the document short, else ``""``."""
        if self.total is None or self.total <= len(self.pages):
            return ""
        return f"{len(self.pages):,} of {self.total:,} pages read"


def extract(source: Path | bytes, max_pages: int = MAX_PAGES) -> Extracted:
    """The text of each page of a PDF (the file at ``source``, or ``source``'s bytes), at most
    ``max_pages`` of them.

    Raises :class:`ExtractError` for anything that is not a readable PDF, saying what is wrong
    with it (the caller names the document).
    """
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        data = source if isinstance(source, bytes) else source.read_bytes()
    except OSError as exc:
        raise ExtractError(f"cannot read the file: {exc.strerror or exc}") from exc
    if not is_pdf(data):
        raise ExtractError("not a PDF (no %PDF- header)")
    try:
        text = extract_text(io.BytesIO(data), maxpages=max_pages)
    except PDFSyntaxError as exc:
        raise ExtractError(f"not a readable PDF: {exc}") from exc
    except MemoryError:
        raise  # the worker reports it against its memory limit
    except Exception as exc:  # pdfminer raises many types on hostile input; none may escape raw
        raise ExtractError(f"could not be read as a PDF: {type(exc).__name__}: {exc}") from exc
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    if not "".join(pages).strip():
        raise ExtractError("no extractable text (a scanned image?)")
    total = page_count(data) if len(pages) >= max_pages else None
    return Extracted(pages, total)


def page_count(data: bytes) -> int | None:
    """The page count the PDF's page tree claims (``/Count``), or ``None`` when it cannot be read."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        tree = resolve1(PDFDocument(PDFParser(io.BytesIO(data))).catalog["Pages"])
        count = resolve1(tree["Count"])
    except Exception:  # a page tree too damaged to count: the limit still held
        return None
    return count if isinstance(count, int) and count >= 0 else None
