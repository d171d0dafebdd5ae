"""Documents read, tagged and analysed into their index fields, on every core.

Most of a rebuild from the text cache is reading each text's cover (the tags) and turning its words
into postings; both depend on the document alone. With many documents to index, that work is done
in worker processes, a chunk of documents at a time, and the writer (one process: Whoosh's segments
have one writer) is given each document's fields analysed (:class:`~ipcw.indexer.segment.Analysed`).
The documents come back in the order they were given, so the index is the one written in one
process (``tests/indexer/test_analysis.py``).

The workers are the extraction pool's (:class:`~ipcw.indexer.pool.ExtractionPool`: a pipe each,
within its time and memory limits, dying with the process that started them, even by ``kill -9``).
Only texts in the cache are read there; PDFs to extract go through the same pool's extraction, in
:func:`~ipcw.indexer.extract_and_tag.read_documents`. A document that fails fails alone, as in one
process; a chunk whose worker dies or passes a limit is done again in this process.
"""

from __future__ import annotations

import logging
import os
import queue
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache
from logging.handlers import QueueHandler
from typing import Any

from whoosh import fields

from ipcw.datadir import DataDir
from ipcw.errors import ExtractError, IndexingError, IpcwError
from ipcw.indexer import writer
from ipcw.indexer.extract import EXTRACTORS
from ipcw.indexer.extract_and_tag import complete, read_documents
from ipcw.indexer.pool import ExtractionPool, ExtractLimits, Task
from ipcw.indexer.schema import build_schema
from ipcw.indexer.segment import analysed
from ipcw.indexer.text_cache import TextCache
from ipcw.models import Document

log = logging.getLogger(__name__)

#: Documents to index from which the work is spread over worker processes (starting one costs
#: about half a second: fewer are done sooner here).
PARALLEL_FROM = 400
#: Documents a worker is given at a time.
CHUNK = 50

#: A document's index fields, ready for the writer.
Fields = dict[str, object]


@cache
def _schema() -> fields.Schema:
    return build_schema()


def analysed_fields(doc: Document) -> Fields:
    """The index fields of ``doc`` (:func:`~ipcw.indexer.writer.index_fields`, without empty ones),
    each indexed one analysed (:class:`~ipcw.indexer.segment.Analysed`). Raises
    :class:`IndexingError` when they cannot be made."""
    try:
        values = {name: value for name, value in writer.index_fields(doc).items() if value is not None}
        for name, field in _schema().items():
            value = values.get(name)
            if value is not None and field.indexed:
                values[name] = analysed(field, value, value if field.stored or field.column_type else None)
    except IpcwError as exc:
        raise IndexingError(f"{doc.key}: cannot be indexed: {exc}") from exc
    except Exception as exc:  # an analyzer refused this document's text: it alone fails
        raise IndexingError(f"{doc.key}: cannot be indexed: {type(exc).__name__}: {exc}") from exc
    return values


def read_and_analyse(
    docs: Sequence[Document],
    data: DataDir,
    limits: ExtractLimits | None = None,
    on_error: Callable[[Document, IpcwError], None] | None = None,
    workers: int | None = None,
    extractor: str = EXTRACTORS[0],
    reread: bool = False,
) -> Iterator[tuple[Document, Fields]]:
    """Each document of ``docs`` completed (:func:`~ipcw.indexer.extract_and_tag.read_documents`)
    with its index fields, its text dropped. A document that fails is passed to ``on_error`` (logged
    when there is none) and the others go on."""

    def failed(doc: Document, error: IpcwError) -> None:
        if on_error:
            on_error(doc, error)
        else:
            log.warning("%s", error)

    workers = workers or os.cpu_count() or 1
    misses: list[Document] = []
    if len(docs) >= PARALLEL_FROM and workers > 1 and not reread:
        for doc, outcome in _in_workers(docs, data, workers, limits):
            if outcome is None:
                misses.append(doc)
            elif isinstance(outcome, IpcwError):
                failed(doc, outcome)
            else:
                yield doc, outcome
    else:
        misses = list(docs)
    cache = TextCache(data)
    for doc in read_documents(misses, cache, limits, failed, workers, extractor, reread):
        try:
            yield replace(doc, text=""), analysed_fields(doc)
        except IndexingError as exc:
            failed(doc, exc)


#: What a worker gives back for one document: its fields, ``None`` when its text is not in the
#: cache (it is extracted here), or why it failed.
Outcome = Fields | IpcwError | None


def _in_workers(
    docs: Sequence[Document], data: DataDir, workers: int, limits: ExtractLimits | None
) -> Iterator[tuple[Document, Outcome]]:
    """Each of ``docs`` with its outcome, in order, the work done ``CHUNK`` documents at a time in
    ``workers`` worker processes (those of :class:`~ipcw.indexer.pool.ExtractionPool`, within its
    limits). A chunk whose worker died, or passed a limit, is done here."""
    chunks = [docs[at : at + CHUNK] for at in range(0, len(docs), CHUNK)]
    level = logging.getLogger().getEffectiveLevel()
    tasks = [
        Task(
            f"{__name__}:{analyse_in_worker.__name__}",
            (data, chunk, level),
            f"{chunk[0].key}...{chunk[-1].key}",
        )
        for chunk in chunks
    ]
    number = {id(task): at for at, task in enumerate(tasks)}
    ready: dict[int, Any] = {}  # answers come as they finish; documents go on in order
    following = 0
    with ExtractionPool(limits, workers) as pool:
        for task, answer in pool.run_tasks(tasks):
            ready[number[id(task)]] = answer
            while following in ready:
                answer, chunk = ready.pop(following), chunks[following]
                following += 1
                if isinstance(answer, ExtractError):
                    log.warning("indexing worker: %s; its documents are read here", answer)
                    yield from analyse_chunk(data, chunk)
                    continue
                done, records = answer
                for record in records:  # what the worker logged, logged here
                    logging.getLogger(record.name).handle(record)
                yield from done


#: What a worker gives back for a chunk: each document's outcome, and the records it logged.
AnalysedChunk = tuple[list[tuple[Document, Outcome]], list[logging.LogRecord]]


def analyse_in_worker(data: DataDir, docs: Sequence[Document], level: int) -> AnalysedChunk:
    """:func:`analyse_chunk` in a worker, with the records it logged at ``level`` (made picklable by
    ``QueueHandler``: their messages formatted, a traceback as text)."""
    logged: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    root = logging.getLogger()
    kept, root.handlers, old_level = root.handlers, [QueueHandler(logged)], root.level
    root.setLevel(level)
    try:
        done = analyse_chunk(data, docs)
    finally:
        root.handlers = kept
        root.setLevel(old_level)
    records = []
    while not logged.empty():
        records.append(logged.get_nowait())
    return done, records


def analyse_chunk(data: DataDir, docs: Sequence[Document]) -> list[tuple[Document, Outcome]]:
    """Each of ``docs`` completed from its cached text and analysed, or why not (in a worker)."""
    cache = TextCache(data)
    done: list[tuple[Document, Outcome]] = []
    for doc in docs:
        hit = cache.get(doc.sha256) if doc.path is not None else None
        if hit is None:
            done.append((doc, None))
            continue
        try:
            completed = complete(doc, hit)
            done.append((replace(completed, text=""), analysed_fields(completed)))
        except (ExtractError, IndexingError) as exc:
            done.append((doc, exc))
        except Exception as exc:  # a bug met on one document fails it, not the others
            log.exception("analysing %s", doc.key)
            done.append((doc, IndexingError(f"{doc.key}: cannot be indexed: {type(exc).__name__}: {exc}")))
    return done
