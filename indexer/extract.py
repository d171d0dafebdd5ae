"""PDF → text, page by page, within a page limit that is reported, not silent.

Two extractors: pdfminer.six (the default, pure Python) and pdfium (``pip install 'ipcw[fast]'``:
Google's PDF library through pypdfium2, about twenty times as fast, for bulk re-extraction). Both
give the same tags on every fixture and every shared real text (``tests/indexer/test_extractors.py``);
pdfium's text has no blank line between blocks and may put two columns' words on one line.

This runs inside the extraction workers of :mod:`ipcw.indexer.pool`, which add the time and memory
limits; it may also be called directly on trusted files.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ipcw.errors import ConfigError, ExtractError
from ipcw.files import is_pdf

MAX_PAGES = 2000  # pages read of one document by default; the rest is left unread, and said so
#: The extractors, the default first.
EXTRACTORS = ("pdfminer", "pdfium")


@dataclass(frozen=True)
class Extracted:
    """The text of a PDF's pages, and how many pages the file has when it is more than were read."""

    pages: list[str]
    total: int | None = None  # the file's own page count, when pages were left unread
    extractor: str = EXTRACTORS[0]  # which extractor read them

    @property
    def note(self) -> str:
        """``"2,000 of 100,000 pages read"`` when the page limit cut the document short, else ``""``."""
        if self.total is None or self.total <= len(self.pages):
            return ""
        return f"{len(self.pages):,} of {self.total:,} pages read"


def check_extractor(name: str) -> None:
    """A :class:`ConfigError` unless ``name`` is an extractor this installation can run."""
    if name not in EXTRACTORS:
        raise ConfigError(f"the extractor is one of {', '.join(EXTRACTORS)}: got {name!r}", "extractor")
    if name == "pdfium":
        try:
            import pypdfium2  # noqa: F401
        except ImportError:
            raise ConfigError(
                "the pdfium extractor needs pypdfium2: pip install 'ipcw[fast]'", "extractor"
            ) from None


def extract(source: Path | bytes, max_pages: int = MAX_PAGES, extractor: str = EXTRACTORS[0]) -> Extracted:
    """The text of each page of a PDF (the file at ``source``, or ``source``'s bytes), at most
    ``max_pages`` of them, read by ``extractor`` (one of :data:`EXTRACTORS`).

    Raises :class:`ExtractError` for anything that is not a readable PDF, saying what is wrong
    with it (the caller names the document).
    """
    try:
        data = source if isinstance(source, bytes) else source.read_bytes()
    except OSError as exc:
        raise ExtractError(f"cannot read the file: {exc.strerror or exc}") from exc
    if not is_pdf(data):
        raise ExtractError("not a PDF (no %PDF- header)")
    try:
        pages, total = (_pdfium if extractor == "pdfium" else _pdfminer)(data, max_pages)
    except MemoryError:
        raise  # the worker reports it against its memory limit
    except ExtractError:
        raise
    except Exception as exc:  # the libraries raise many types on hostile input; none may escape raw
        raise ExtractError(f"could not be read as a PDF: {type(exc).__name__}: {exc}") from exc
    if pages and not pages[-1].strip():
        pages.pop()
    if not "".join(pages).strip():
        raise ExtractError("no extractable text (a scanned image?)")
    return Extracted(pages, total, extractor)


def _pdfminer(data: bytes, max_pages: int) -> tuple[list[str], int | None]:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pages = extract_text(io.BytesIO(data), maxpages=max_pages).split("\f")
    except PDFSyntaxError as exc:
        raise ExtractError(f"not a readable PDF: {exc}") from exc
    return pages, page_count(data) if len(pages) >= max_pages else None


def _as_pdfminer_lays_out(text: str) -> str:
    """pdfium's page text with pdfminer.six's line ends: ``\\n``, and a word hyphenated at the end
    of a line kept on two lines (pdfium joins it with U+FFFE where the hyphen was)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-\n")


def _pdfium(data: bytes, max_pages: int) -> tuple[list[str], int | None]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ExtractError(f"not a readable PDF: {exc}") from exc
    try:
        pages = []
        for number in range(min(len(pdf), max_pages)):
            page = pdf[number]
            text = page.get_textpage()
            pages.append(_as_pdfminer_lays_out(text.get_text_range()))
            text.close()
            page.close()
        return pages, len(pdf) if len(pdf) > max_pages else None
    finally:
        pdf.close()


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
