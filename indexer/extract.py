"""PDF → text with pdfminer.six, page by page, within limits."""

from __future__ import annotations

import logging
from pathlib import Path

from ipcw.errors import ExtractError

log = logging.getLogger(__name__)

MAX_PAGES = 2000  # a larger "document" is refused rather than ground through


def extract_pages(path: Path, max_pages: int = MAX_PAGES) -> list[str]:
    """The text of each page of the PDF at ``path``.

    Raises :class:`ExtractError` for anything that is not a readable PDF.
    """
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise ExtractError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not head.lstrip().startswith(b"%PDF-"):
        raise ExtractError(f"{path} is not a PDF (no %PDF- header)")
    try:
        text = extract_text(str(path), maxpages=max_pages)
    except PDFSyntaxError as exc:
        raise ExtractError(f"{path} is not a readable PDF: {exc}") from exc
    except Exception as exc:  # pdfminer raises many types on hostile input; none may escape raw
        raise ExtractError(f"{path} could not be read as a PDF: {type(exc).__name__}: {exc}") from exc
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    if not "".join(pages).strip():
        raise ExtractError(f"{path} has no extractable text (a scanned image?)")
    return pages
