"""Read a stored PDF into a complete :class:`~ipcw.models.Document`: text, cover, tags.

Extracted text comes from the :class:`~ipcw.indexer.text_cache.TextCache` when it is there; PDFs not
in the cache are read by the worker processes of :mod:`ipcw.indexer.pool`, within its time and
memory limits. The cover and tags are read here from the text.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from ipcw.errors import ExtractError
from ipcw.indexer.cover import detect_language, parse_cover
from ipcw.indexer.extract import EXTRACTORS, Extracted
from ipcw.indexer.pool import ExtractionPool, ExtractLimits, Job
from ipcw.indexer.tags import tag
from ipcw.indexer.text_cache import TextCache, joined
from ipcw.models import Document

log = logging.getLogger(__name__)

#: How much of the second page the tagger reads, besides the first: the opening paragraphs.
OPENING_CHARS = 3000


def _named(doc: Document) -> str:
    """How messages name ``doc``: its key, or its file before its symbol is known (an import)."""
    return doc.key if doc.symbol else str(doc.path)


def complete(doc: Document, extracted: Extracted) -> Document:
    """``doc`` completed from its text: title, date, origin, submitters, topic, symbol parts."""
    pages = extracted.pages
    if not pages:
        raise ExtractError(f"{_named(doc)}: no text")
    try:
        cover = parse_cover(pages[0], pages[1][:OPENING_CHARS] if len(pages) > 1 else "")
        tags = tag(cover)
    except Exception as exc:  # a bug met on one file's text fails that file, not the run
        log.exception("reading the cover of %s", _named(doc))
        raise ExtractError(f"{_named(doc)}: cannot read its cover: {exc!r}") from exc
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
            [
                symbol,
                *(listing.symbols if listing else ()),
                *([cover.symbol] if cover.symbol else []),
                *cover.cosymbols,
            ]
        )
    )
    text = joined(pages)
    return replace(
        doc,
        symbol=symbol,
        language=doc.language or detect_language("\n".join(pages[:3])),
        text=text,
        title=cover.title or (listing.title if listing else ""),
        subtitle=" - ".join(cover.subheadings),
        date=cover.date or (listing.date if listing else None),
        doc_number=cover.doc_number or (listing.doc_number if listing else ""),
        pages=cover.pages or extracted.total or len(pages),
        origin=tags.origin,
        submitters=tags.submitters,
        topic=tags.topic,
        kind=tags.kind,
        speakers=tags.speakers,
        symbols=symbols,
        note=extracted.note,
    )


def read_documents(
    docs: Iterable[Document],
    cache: TextCache | None = None,
    limits: ExtractLimits | None = None,
    on_error: Callable[[Document, ExtractError], None] | None = None,
    workers: int | None = None,
    extractor: str = EXTRACTORS[0],
    reread: bool = False,
) -> Iterator[Document]:
    """Read many documents: from the text cache, or by ``extractor`` in worker processes within
    ``limits``. With ``reread``, a text another extractor read is read again by ``extractor`` (and
    kept, should that fail). A document that fails is passed to ``on_error`` (logged when there is
    none), not raised; the others go on."""

    def failed(doc: Document, error: ExtractError) -> None:
        if on_error:
            on_error(doc, error)
        else:
            log.warning("%s", error)

    max_pages = (limits or ExtractLimits()).max_pages
    misses: dict[int, tuple[Document, Extracted | None]] = {}
    jobs = []
    for doc in docs:
        if doc.path is None:
            failed(doc, ExtractError(f"{doc.key}: no stored file to read"))
            continue
        hit = cache.get(doc.sha256) if cache else None
        if hit is None or (reread and hit.extractor != extractor):
            job = Job(doc.path, max_pages, _named(doc), extractor)
            misses[id(job)] = (doc, hit)
            jobs.append(job)
            continue
        try:
            yield complete(doc, hit)
        except ExtractError as exc:
            failed(doc, exc)
    if not jobs:
        return
    with ExtractionPool(limits, workers=min(workers or os.cpu_count() or 1, len(jobs))) as pool:
        for job, result in pool.run(jobs):
            doc, kept = misses[id(job)]
            if isinstance(result, ExtractError) and kept is not None:
                log.warning("%s; the text %s read is kept", result, kept.extractor)
                result = kept
            elif isinstance(result, ExtractError):
                failed(doc, result)
                continue
            elif cache:
                cache.put(doc.sha256, result)
            try:
                yield complete(doc, result)
            except ExtractError as exc:
                failed(doc, exc)


def first_page_title(content: bytes, pool: ExtractionPool | None = None) -> str:
    """The title and sub-headings a PDF's cover gives, from its bytes ("" when unreadable)."""
    try:
        if pool is None:
            with ExtractionPool(workers=1) as own:
                first = own.read(content, "a downloaded PDF", max_pages=1).pages[0]
        else:
            first = pool.read(content, "a downloaded PDF", max_pages=1).pages[0]
    except ExtractError as exc:  # hostile input must not stop a crawl: the caller keeps the record
        log.warning("could not read the cover of a downloaded PDF: %s", exc)
        return ""
    try:
        cover = parse_cover(first)
    except Exception:  # as in complete: the caller keeps the record with the listing's title
        log.exception("could not read the cover of a downloaded PDF")
        return ""
    return " ".join((cover.title, *cover.subheadings))
