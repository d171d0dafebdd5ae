"""PDF → text with pdfminer.six, page by page, within limits."""

from __future__ import annotations

import logging
from pathlib import Path

from ipcw.errors import ExtractError

log = logging.getLogger(__name__)

MAX_PAGES = 2000  # a larger "document" is refused rather than ground through


def extract_pages(source: Path | bytes, max_pages: int = MAX_PAGES) -> list[str]:
    """The text of each page of a PDF: the file at ``source``, or ``source``'s bytes.

    Raises :class:`ExtractError` for anything that is not a readable PDF.
    """
    import io

    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    name = "the downloaded PDF" if isinstance(source, bytes) else str(source)
    if isinstance(source, bytes):
        head = source[:1024]
    else:
        try:
            with source.open("rb") as handle:
                head = handle.read(1024)
        except OSError as exc:
            raise ExtractError(f"cannot read {source}: {exc.strerror or exc}") from exc
    if not head.lstrip().startswith(b"%PDF-"):
        raise ExtractError(f"{name} is not a PDF (no %PDF- header)")
    try:
        text = extract_text(
            io.BytesIO(source) if isinstance(source, bytes) else str(source), maxpages=max_pages
        )
    except PDFSyntaxError as exc:
        raise ExtractError(f"{name} is not a readable PDF: {exc}") from exc
    except Exception as exc:  # pdfminer raises many types on hostile input; none may escape raw
        raise ExtractError(f"{name} could not be read as a PDF: {type(exc).__name__}: {exc}") from exc
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    if not "".join(pages).strip():
        raise ExtractError(f"{name} has no extractable text (a scanned image?)")
    return pages
