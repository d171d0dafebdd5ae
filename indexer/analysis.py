"""Documents read, tagged and analysed into their index fields, on every core.

Most of a rebuild from the text cache is reading each text's cover (the tags) and turning its words
into postings; both depend on the document alone. With many documents to index, that work is done
in worker processes, a chunk of documents at a time, and the writer (one process: Whoosh's segments
have one writer) is given each document's fields analysed (:class:`~ipcw.indexer.segment.Analysed`).
The documents come back in the order they were given, so the index is the one written in one
process (``tests/indexer/test_analysis.py``).

Only texts in the cache are read in the workers; PDFs to extract go through the extraction pool of
:func:`~ipcw.indexer.extract_and_tag.read_documents`, with its limits. A document that fails fails
alone, as in one process; workers that die (killed, out of memory) leave their documents to be
done in this process. Workers die with the process that started them, even by ``kill -9``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import cache
from itertools import islice

from whoosh import fields

from ipcw.datadir import DataDir
from ipcw.errors import ExtractError, IndexingError, IpcwError
from ipcw.indexer import writer
from ipcw.indexer.extract import EXTRACTORS
from ipcw.indexer.extract_and_tag import complete, read_documents
from ipcw.indexer.pool import ExtractLimits
from ipcw.indexer.schema import build_schema
from ipcw.indexer.segment import Analysed, postings_of
from ipcw.indexer.text_cache import TextCache
from ipcw.indexer.worker import die_with
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
                made = list(postings_of(field, value))
                kept = value if field.stored or field.column_type else None
                values[name] = Analysed(made, sum(freq for _, freq, _, _ in made), kept)
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
        for doc, outcome in _in_workers(docs, data, workers):
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


def _in_workers(docs: Sequence[Document], data: DataDir, workers: int) -> Iterator[tuple[Document, Outcome]]:
    """Each of ``docs`` with its outcome, in order, the work done ``CHUNK`` documents at a time in
    ``workers`` processes (at most two chunks each ahead of the writer)."""
    chunks = [docs[at : at + CHUNK] for at in range(0, len(docs), CHUNK)]
    context = multiprocessing.get_context("spawn")  # nothing of this process's open files inherited
    pending: deque[tuple[Sequence[Document], Future[list[tuple[Document, Outcome]]]]] = deque()
    with ProcessPoolExecutor(workers, context, _start_worker, (os.getpid(),)) as pool:
        todo = iter(chunks)
        for chunk in islice(todo, 2 * workers):
            pending.append((chunk, pool.submit(analyse_chunk, data, chunk)))
        while pending:
            chunk, future = pending.popleft()
            try:
                done = future.result()
            except Exception as exc:  # the pool is broken (a worker killed): the rest is done here
                why = str(exc) or type(exc).__name__
                log.warning("the indexing workers stopped (%s): going on in one process", why)
                pool.shutdown(cancel_futures=True)
                for rest in (chunk, *(c for c, _ in pending), *todo):
                    yield from analyse_chunk(data, rest)
                return
            for chunk in islice(todo, 1):
                pending.append((chunk, pool.submit(analyse_chunk, data, chunk)))
            yield from done


def _start_worker(parent: int) -> None:
    """A worker's start: it dies with ``parent`` (even by ``kill -9``), and leaves Ctrl-C to it."""
    die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
    return done
