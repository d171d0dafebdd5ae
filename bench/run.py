"""Running the benchmark: for each size, make the corpus, build the index through ``ipcw index``,
search it warm and from a new process, and do the same on tantivy as the reference.

Every measure of one size is taken in the same run on the same machine, so the ratios between
ipcw and tantivy, and between sizes, are side by side. Corpora are kept in the work folder between
runs (they are made once per size and corpus version); indexes are built anew every run.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipcw.bench.corpus import write_corpus
from ipcw.bench.measure import median_seconds, run_command, run_ipcw, size_on_disk, summary_ms
from ipcw.bench.queries import QUERIES, BenchQuery
from ipcw.datadir import DataDir
from ipcw.errors import ConfigError, IpcwError
from ipcw.harvester import Store
from ipcw.indexer import generations
from ipcw.indexer.extract_and_tag import read_documents
from ipcw.indexer.text_cache import TextCache
from ipcw.models import Document

#: The sizes run by default: the bundled fixtures in three languages, then two synthetic corpora.
SIZES = ("fixtures", "2000", "20000")
#: Bump when the corpus generator changes: kept corpora of another version are made again.
CORPUS_VERSION = 1
#: How many times each query is timed (after one untimed run that warms the caches).
REPEAT = 5
#: How many times a new process is timed.
COLD_RUNS = 5
#: The query a new process runs.
COLD_QUERY = "technical cooperation"
BARE_IMPORT = "import whoosh.index, whoosh.qparser"


@dataclass
class SizeResult:
    """Everything measured at one size."""

    size: str
    documents: int = 0
    text_bytes: int = 0
    build: dict[str, float] = field(default_factory=dict)
    queries: dict[str, dict[str, float]] = field(default_factory=dict)
    cold: dict[str, float] = field(default_factory=dict)
    tantivy: dict[str, Any] | None = None
    postgres: dict[str, Any] | None = None


def corpus(work: Path, size: str, say: Callable[[str], None]) -> DataDir:
    """The data directory holding the corpus of ``size``, made when it is not there yet."""
    data = DataDir(work / f"corpus-{size}")
    marker = data.root / "bench-corpus.json"
    wanted = {"size": size, "version": CORPUS_VERSION}
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == wanted:
        return data
    shutil.rmtree(data.root, ignore_errors=True)
    if size == "fixtures":
        say("crawling the bundled fixtures in English, French and Spanish")
        made = run_ipcw(data.root, "crawl", "--source", "fixtures", "--lang", "en,fr,es")
        if made.code != 0:
            raise IpcwError(f"the fixture crawl failed: {made.stderr.strip()}")
    elif size.isdigit() and int(size) > 0:
        say(f"writing a synthetic corpus of {int(size):,} documents")
        write_corpus(data, int(size))
    else:
        raise ConfigError(f"a benchmark size is 'fixtures' or a number of documents, not {size!r}")
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    return data


def documents_of(data: DataDir) -> list[Document]:
    """The corpus's documents as ipcw tags them, with their text (read from the text cache)."""
    with Store(data) as store:
        stored = store.pending_index(False, 0, everything=True)
    return list(read_documents(stored, TextCache(data)))


def measure_build(data: DataDir, text_bytes: int) -> tuple[int, dict[str, float]]:
    """``ipcw index --rebuild`` from the text cache: documents, docs/s, peak RSS, index size."""
    built = run_ipcw(data.root, "index", "--rebuild")
    found = re.search(r"indexed (\d+) documents", built.stdout)
    if built.code != 0 or not found:
        raise IpcwError(f"ipcw index failed: {built.stderr.strip() or built.stdout.strip()}")
    current = generations.current(data.index)
    index_bytes = size_on_disk(current.path) if current else 0
    documents = int(found[1])
    return documents, {
        "seconds": round(built.seconds, 2),
        "docs_per_s": round(documents / built.seconds, 1),
        "peak_rss_mb": round(built.peak_rss / 2**20, 1),
        "index_mb": round(index_bytes / 2**20, 1),
        "index_to_text": round(index_bytes / text_bytes, 2) if text_bytes else 0.0,
    }


def time_queries(
    search: Callable[[BenchQuery], object], queries: Iterable[BenchQuery] = QUERIES, repeat: int = REPEAT
) -> dict[str, dict[str, float]]:
    """Each query once untimed, then ``repeat`` times timed: a summary by kind, and of all."""
    queries = list(queries)
    for query in queries:
        search(query)
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        for query in queries:
            start = time.perf_counter()
            search(query)
            samples.setdefault(query.kind, []).append(time.perf_counter() - start)
    every = [s for kind in samples.values() for s in kind]
    return {**{kind: summary_ms(s) for kind, s in samples.items()}, "all": summary_ms(every)}


def ipcw_search(data: DataDir, url: str = "") -> tuple[Callable[[BenchQuery], object], Callable[[], None]]:
    """A search over ``data``'s index (or the PostgreSQL index at ``url``) as ``ipcw search``
    makes it (top 10 hits with their snippets, the exact total, facets when asked), and what closes
    it."""
    from ipcw.search import Filters, Searcher
    from ipcw.search.postgres import PostgresSearcher

    searcher = PostgresSearcher(url) if url else Searcher(data.index)

    def search(query: BenchQuery) -> object:
        filters = Filters(languages=query.languages, origins=query.origins, year=query.year)
        result = searcher.search(query.text, filters, limit=10, sort=query.sort, facets=query.facets)
        return [hit.snippet for hit in result.hits], result.total

    return search, searcher.close


def measure_cold(data: DataDir) -> dict[str, float]:
    """A new ``ipcw search`` process against a bare import of Whoosh, medians of :data:`COLD_RUNS`."""
    import sys

    searches = [run_ipcw(data.root, "search", COLD_QUERY) for _ in range(COLD_RUNS)]
    if any(run.code != 0 for run in searches):
        raise IpcwError(f"ipcw search failed: {searches[0].stderr.strip()}")
    bare = [run_command([sys.executable, "-c", BARE_IMPORT]) for _ in range(COLD_RUNS)]
    search_s = median_seconds([run.seconds for run in searches])
    bare_s = median_seconds([run.seconds for run in bare])
    return {
        "ipcw_search_ms": round(1000 * search_s, 1),
        "bare_import_ms": round(1000 * bare_s, 1),
        "ratio": round(search_s / bare_s, 2),
    }


def measure_tantivy(work: Path, size: str, documents: list[Document], repeat: int) -> dict[str, Any]:
    """tantivy on the same documents and queries: build (indexing only: the documents come tagged),
    size on disk, warm queries."""
    from ipcw.bench.tantivy_ref import TantivyReference

    folder = work / f"tantivy-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    reference = TantivyReference(folder)
    start = time.perf_counter()
    count = reference.build(documents)
    seconds = time.perf_counter() - start
    return {
        "build": {
            "seconds": round(seconds, 2),
            "docs_per_s": round(count / seconds, 1),
            "index_mb": round(reference.size_bytes() / 2**20, 1),
        },
        "queries": time_queries(reference.search, repeat=repeat),
    }


def measure_postgres(data: DataDir, url: str, text_bytes: int, repeat: int) -> dict[str, Any]:
    """The PostgreSQL engine on the same corpus: the database emptied of ipcw's tables, filled by
    ``ipcw index --index-url`` from the text cache (documents a second; the tables' size with their
    indexes), then the same queries, warm, as ``ipcw search`` runs them."""
    from ipcw.indexer.postgres import connected, shown_url
    from ipcw.indexer.postgres_schema import TABLES

    with connected(url) as connection:
        connection.execute(f"DROP TABLE IF EXISTS {', '.join(TABLES)}")
    built = run_ipcw(data.root, "index", "--index-url", url)
    found = re.search(r"wrote (\d+) documents", built.stdout)
    if built.code != 0 or not found:
        raise IpcwError(f"ipcw index --index-url {shown_url(url)} failed: {built.stderr.strip()}")
    with connected(url) as connection:
        connection.execute("VACUUM ANALYZE ipcw_documents")
        row = connection.execute(
            "SELECT sum(pg_total_relation_size(name)) FROM unnest(%s::regclass[]) AS name",
            (["ipcw_documents", "ipcw_vocabulary", "ipcw_stems"],),
        ).fetchone()
    size = int(row[0]) if row and row[0] else 0
    search, close = ipcw_search(data, url)
    try:
        queries = time_queries(search, repeat=repeat)
    finally:
        close()
    documents = int(found[1])
    return {
        "build": {
            "seconds": round(built.seconds, 2),
            "docs_per_s": round(documents / built.seconds, 1),
            "index_mb": round(size / 2**20, 1),
            "index_to_text": round(size / text_bytes, 2) if text_bytes else 0.0,
        },
        "queries": queries,
    }


def run_size(
    work: Path, size: str, tantivy: bool, repeat: int, say: Callable[[str], None], postgres: str = ""
) -> SizeResult:
    """Every measure at one size."""
    data = corpus(work, size, say)
    documents = documents_of(data)
    result = SizeResult(size, text_bytes=sum(len(doc.text.encode("utf-8")) for doc in documents))
    say(f"{size}: building the index of {len(documents):,} documents with ipcw index")
    result.documents, result.build = measure_build(data, result.text_bytes)
    say(f"{size}: {len(QUERIES)} queries, {repeat} times each, warm")
    search, close = ipcw_search(data)
    try:
        result.queries = time_queries(search, repeat=repeat)
    finally:
        close()
    say(f"{size}: a new ipcw search process, {COLD_RUNS} times")
    result.cold = measure_cold(data)
    if tantivy:
        say(f"{size}: the same on tantivy")
        result.tantivy = measure_tantivy(work, size, documents, repeat)
    if postgres:
        say(f"{size}: the same on PostgreSQL")
        result.postgres = measure_postgres(data, postgres, result.text_bytes, repeat)
    return result


def run_benchmark(
    work: Path,
    sizes: Iterable[str] = SIZES,
    tantivy: bool = True,
    repeat: int = REPEAT,
    say: Callable[[str], None] = lambda line: None,
    postgres: str = "",
) -> list[SizeResult]:
    """Every size in turn, smallest first. ``tantivy`` needs the optional ``tantivy`` package
    (``pip install 'ipcw[bench]'``); ``postgres``, the URL of a database the benchmark may empty
    and fill (``pip install 'ipcw[postgres]'``), measures the PostgreSQL engine too."""
    if tantivy:
        try:
            import tantivy as _  # noqa: F401
        except ImportError as exc:
            raise ConfigError("tantivy is not installed: pip install 'ipcw[bench]', or --no-tantivy") from exc
    work.mkdir(parents=True, exist_ok=True)
    return [run_size(work, size, tantivy, repeat, say, postgres) for size in sizes]


def measure_extraction(
    say: Callable[[str], None] = lambda line: None, files: list[Path] | None = None
) -> dict[str, Any]:
    """Both extractors on every fixture PDF (or ``files``), in this process (no worker, no limits):
    pages a second each, and on how many documents pdfium's text gives the tags pdfminer.six's gives."""
    from ipcw.fixtures.make import SITE_FILES
    from ipcw.indexer.extract import check_extractor, extract
    from ipcw.indexer.extract_and_tag import complete

    files = files if files is not None else sorted(SITE_FILES.rglob("*.pdf"))
    say(f"extraction: {len(files)} fixture PDFs, pdfminer.six and pdfium")
    found: dict[str, Any] = {"files": len(files)}
    tagged: dict[str, list[tuple[Any, ...]]] = {}
    for extractor in ("pdfminer", "pdfium"):
        try:
            check_extractor(extractor)
        except ConfigError as missing:
            found[extractor] = str(missing)
            continue
        seconds, pages, tags = 0.0, 0, []
        for path in files:
            start = time.perf_counter()
            extracted = extract(path, extractor=extractor)
            seconds += time.perf_counter() - start  # the extraction alone, not the tagging
            pages += len(extracted.pages)
            doc = complete(Document(symbol="", language=""), extracted)
            tags.append((doc.symbol, doc.date, doc.origin, doc.submitters, doc.kind, doc.topic, doc.title))
        found[extractor] = {
            "pages": pages,
            "seconds": round(seconds, 2),
            "pages_per_s": round(pages / seconds, 1),
        }
        tagged[extractor] = tags
    if len(tagged) == 2:
        found["same_tags"] = sum(a == b for a, b in zip(tagged["pdfminer"], tagged["pdfium"], strict=True))
    return found
