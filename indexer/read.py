"""Read a stored PDF into a complete :class:`~ipcw.models.Document`: text, cover, tags.

Extracted text is cached by the file's sha256 (``DATA_DIR/text/<sha256>.json``), so re-indexing an
unchanged file costs no PDF parsing. :func:`read_documents` spreads the work over a process pool.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from indexer.cover import detect_language, parse_cover
from indexer.extract import extract_pages
from indexer.tags import tag
from ipcw.atomic import write_atomic
from ipcw.errors import ExtractError
from ipcw.models import Document

log = logging.getLogger(__name__)


def _cached_pages(doc: Document, cache_dir: Path | None) -> list[str]:
    if doc.path is None:
        raise ExtractError(f"{doc.key}: no stored file to read")
    cache = cache_dir / f"{doc.sha256}.json" if cache_dir and doc.sha256 else None
    if cache is not None and cache.is_file():
        try:
            pages = json.loads(cache.read_text(encoding="utf-8"))
            if isinstance(pages, list):
                return [str(p) for p in pages]
        except (OSError, ValueError):
            log.warning("ignoring unreadable text cache %s", cache)
    pages = extract_pages(doc.path)
    if cache is not None:
        write_atomic(cache, json.dumps(pages, ensure_ascii=False).encode("utf-8"))
    return pages


def read_document(doc: Document, cache_dir: Path | None = None) -> Document:
    """``doc`` completed from its PDF: text, title, date, origin, submitters, topic, symbol parts."""
    pages = _cached_pages(doc, cache_dir)
    cover = parse_cover(pages[0])
    tags = tag(cover)
    listing = doc.listing
    symbol = doc.symbol or cover.symbol
    if not symbol:
        raise ExtractError(f"{doc.path}: no document symbol found on the first page")
    if listing and cover.symbol and cover.symbol not in listing.symbols:
        log.warning(
            "%s: the cover says %s, the listing %s", doc.key, cover.symbol, ", ".join(listing.symbols)
        )
    if listing and cover.date and listing.date and cover.date != listing.date:
        log.info("%s: cover date %s, listing date %s", doc.key, cover.date, listing.date)
    symbols = tuple(
        dict.fromkeys(
            [symbol, *(listing.symbols if listing else ()), *([cover.symbol] if cover.symbol else [])]
        )
    )
    return replace(
        doc,
        symbol=symbol,
        language=doc.language or detect_language("\n".join(pages[:3])),
        text="\n\n".join(pages),
        title=cover.title or (listing.title if listing else ""),
        subtitle=" - ".join(cover.subheadings),
        date=cover.date or (listing.date if listing else None),
        doc_number=cover.doc_number or (listing.doc_number if listing else ""),
        pages=cover.pages or len(pages),
        origin=tags.origin,
        submitters=tags.submitters,
        topic=tags.topic,
        symbols=symbols,
    )


def _read_one(args: tuple[Document, Path | None]) -> Document | ExtractError:
    try:
        return read_document(*args)
    except ExtractError as exc:
        return exc


def read_documents(
    docs: Iterable[Document],
    cache_dir: Path | None = None,
    workers: int | None = None,
    on_error: Callable[[Document, ExtractError], None] | None = None,
) -> Iterator[Document]:
    """Read many documents, on every core; a document that fails is reported, not raised."""
    todo = [(doc, cache_dir) for doc in docs]
    workers = workers or min(os.cpu_count() or 1, max(1, len(todo)))
    if workers <= 1 or len(todo) < 4:
        results: Iterable[Document | ExtractError] = map(_read_one, todo)
        yield from _report(todo, results, on_error)
        return
    # "spawn": workers start afresh rather than as forks, so they inherit no open file: not the data
    # directory's lock (which would outlive a killed crawl in orphaned workers), not the store.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from _report(todo, pool.map(_read_one, todo, chunksize=2), on_error)


def _report(
    todo: list[tuple[Document, Path | None]],
    results: Iterable[Document | ExtractError],
    on_error: Callable[[Document, ExtractError], None] | None,
) -> Iterator[Document]:
    for (doc, _), result in zip(todo, results, strict=True):
        if isinstance(result, ExtractError):
            log.warning("%s", result)
            if on_error:
                on_error(doc, result)
        else:
            yield result


def first_page_title(content: bytes) -> str:
    """The title and sub-headings a PDF's cover gives, from its bytes ("" when unreadable)."""
    try:
        first = extract_pages(content, max_pages=1)[0]
    except ExtractError as exc:  # hostile input must not stop a crawl: the caller keeps the record
        log.warning("could not read the cover of a downloaded PDF: %s", exc)
        return ""
    cover = parse_cover(first)
    return " ".join((cover.title, *cover.subheadings))
