"""The pipeline the CLI drives: crawl → store → extract/tag → index, and import of local PDFs.

Each function takes :class:`~ipcw.config.Settings` and returns what happened; none prints. Writers
hold the data directory's lock. Indexing works from the store's own record of what it has indexed,
so a run killed at any point is caught up by the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ipcw.config import Settings, is_loopback_host
from ipcw.errors import ConfigError, ExtractError, IndexDamagedError, IndexingError, IpcwError
from ipcw.files import sha256_of
from ipcw.harvester import (
    Clock,
    CrawlPlan,
    CrawlReport,
    DataDirLock,
    PoliteClient,
    Store,
    SystemClock,
    crawl,
    make_client,
)
from ipcw.harvester.client import MB
from ipcw.harvester.crawl import CrawlLimits, Progress
from ipcw.harvester.manifest import Entry
from ipcw.indexer import (
    ExtractionPool,
    ExtractLimits,
    IndexWriter,
    check_readable,
    first_page_title,
    generations,
    read_and_analyse,
    read_documents,
)
from ipcw.indexer.extract import check_extractor
from ipcw.indexer.text_cache import TextCache
from ipcw.models import LANGUAGES, Document
from ipcw.symbols import canonical_pattern

log = logging.getLogger(__name__)

#: The base URL the in-process fixture replay answers on (any host would do; this one is honest).
FIXTURE_BASE_URL = "https://docs.wto.org"


@dataclass(frozen=True)
class Failure:
    """One record or file that failed, and the whole message saying why."""

    what: str  # a record key ("IP/C/W/669|en") or a file's path
    why: str

    def __str__(self) -> str:
        return self.why


@dataclass
class IndexReport:
    indexed: int = 0
    unreadable: list[Failure] = field(default_factory=list)  # documents not read or not indexed
    notes: list[str] = field(default_factory=list)  # "key: 2,000 of 100,000 pages read"


def extract_limits(settings: Settings) -> ExtractLimits:
    """What reading one PDF may cost, from the settings."""
    return ExtractLimits(settings.extract_timeout, settings.extract_memory_mb, settings.max_pages)


def fixture_transport() -> httpx.BaseTransport:
    """An in-process transport answering like Documents Online, from the bundled fixtures."""
    from ipcw.fixtures import ReplaySite

    return httpx.MockTransport(ReplaySite().handle)


def source_settings(source: str, **given: Any) -> dict[str, Any]:
    """The settings a crawl of ``source`` (one of :data:`~ipcw.models.SOURCES`) is given: the bundled
    replay answers on :data:`FIXTURE_BASE_URL`, without delay unless one is given."""
    if source == "fixtures":
        return {
            **given,
            "base_url": FIXTURE_BASE_URL,
            "delay": 0.0 if given.get("delay") is None else given["delay"],
        }
    return given


def source_transport(source: str, settings: Settings) -> httpx.BaseTransport | None:
    """The transport a crawl of ``source`` goes through: the network (``None``) for the site, which
    needs a contact (:func:`require_contact`), or the bundled replay, in-process."""
    if source == "fixtures":
        return fixture_transport()
    require_contact(settings)
    return None


def index_pending(
    settings: Settings,
    store: Store,
    retry_failed: bool = False,
    rebuild: bool = False,
    reread: bool = False,
) -> IndexReport:
    """Extract, tag and index every stored PDF not yet indexed in its current version, and retry
    those that failed in earlier runs (a bounded number of times, or all with ``retry_failed``).

    With ``rebuild`` every stored PDF goes into a new index, swapped in once it is whole. A rebuild
    also happens by itself when the index is missing (while the store says documents were indexed),
    was built by an older ipcw, or is damaged: the next run repairs what the last one could not.

    Each document fails alone: one that cannot be read or written is recorded as failed with its
    reason, and the others are indexed.
    """
    check_extractor(settings.extractor)
    report = IndexReport()
    opened = _writer_for(settings, store, retry_failed, rebuild)
    if opened is None:
        return report
    writer, docs = opened
    done: list[tuple[str, str, str]] = []  # key, sha256, note: not the texts, which may be many
    failed: list[tuple[Document, IpcwError]] = []
    with writer:
        read = read_and_analyse(
            docs,
            settings.data,
            extract_limits(settings),
            on_error=lambda d, e: failed.append((d, e)),
            extractor=settings.extractor,
            reread=reread,
        )
        for doc, values in read:
            try:
                writer.add(doc, values)
            except IndexingError as error:
                failed.append((doc, error))
                continue
            done.append((doc.key, doc.sha256, doc.note))
    # Only once the index is committed does the store record the documents as indexed.
    for key, sha256, note in done:
        store.mark_indexed(key, sha256, note)
        if note:
            log.warning("%s: %s (max_pages)", key, note)
            report.notes.append(f"{key}: {note}")
    for doc, exc in failed:
        problem = f"unreadable: {exc}" if isinstance(exc, ExtractError) else str(exc)
        store.mark_not_indexed(doc.key, doc.sha256, problem)
        report.unreadable.append(Failure(doc.key, str(exc)))
    report.indexed = len(done)
    return report


def _writer_for(
    settings: Settings, store: Store, retry_failed: bool, rebuild: bool
) -> tuple[IndexWriter, list[Document]] | None:
    """The writer to index with and the documents to index, or ``None`` when there is nothing to do
    (and what is there is whole). Decides when a rebuild is due: see :func:`index_pending`."""
    root = settings.data.index
    generation = generations.current(root)
    if not rebuild and generation is None and store.has_indexed():
        log.warning("no index in %s, though documents were indexed: building it anew", root)
        rebuild = True
    elif not rebuild and generation is not None and generation.outdated:
        log.warning("the index in %s was built by an older ipcw: building it anew", root)
        rebuild = True
    docs = store.pending_index(retry_failed, settings.max_failures, everything=rebuild)
    try:
        if docs or rebuild:
            return IndexWriter(root, rebuild=rebuild), docs
        if generation is not None:
            check_readable(root)  # nothing to add: is what is there still whole?
        return None
    except IndexDamagedError as damage:
        log.warning("%s: building it anew now", damage)
        docs = store.pending_index(retry_failed, settings.max_failures, everything=True)
        return IndexWriter(root, rebuild=True), docs


def index_store(
    settings: Settings, rebuild: bool = False, retry_failed: bool = False, reread: bool = False
) -> IndexReport:
    """Index what is pending in the store; with ``rebuild``, everything, into a new index swapped in
    when it is whole (searches go on answering from the old one meanwhile). With ``reread``, a
    cached text another extractor than ``settings.extractor`` read is read again by it."""
    with DataDirLock(settings.data), Store(settings.data) as store:
        return index_pending(settings, store, retry_failed, rebuild, reread)


def require_contact(settings: Settings) -> None:
    """Refuse to crawl a real site anonymously: its operators must be able to reach whoever runs the
    crawl, so the User-Agent carries ``settings.contact``. A loopback server (a replay, a test) is exempt.
    """
    host = httpx.URL(settings.base_url).host
    if settings.contact or is_loopback_host(host):
        return
    raise ConfigError(
        f"crawling {settings.base_url} needs a contact URL for the User-Agent: set IPCW_CONTACT "
        "(or --contact, or contact in the config file) to a web page or e-mail address that reaches you"
    )


def run_crawl(
    settings: Settings,
    plan: CrawlPlan,
    transport: httpx.BaseTransport | None = None,
    index: bool = True,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> tuple[CrawlReport, IndexReport | None]:
    """Crawl ``plan``, then index what is new, changed or left unindexed by an earlier run.

    Without ``transport`` the crawl goes to ``settings.base_url`` over the network, and needs a contact
    (:func:`require_contact`). ``clock`` times the delays and retries (the real one by default; a
    test's fake one makes them free).

    A listing error (``report.listing_error``) does not stop the indexing of what was fetched.
    """
    if transport is None:
        require_contact(settings)
    if index:
        check_extractor(settings.extractor)  # refused before anything is fetched
    client = make_client(settings.user_agent, settings.timeout, transport)
    fetcher = PoliteClient(
        client,
        delay=settings.delay,
        max_attempts=settings.max_attempts,
        site_root=settings.base_url,
        max_bytes=int(settings.max_listing_mb * MB),
        deadline=settings.deadline,
        clock=clock or SystemClock(),
    )
    limits = CrawlLimits(
        max_failures=settings.max_failures,
        max_pdf_bytes=int(settings.max_pdf_mb * MB),
        max_listing_pages=settings.max_listing_pages,
    )
    pool = ExtractionPool(extract_limits(settings), workers=1)  # for covers of elided titles
    with client, pool, DataDirLock(settings.data), Store(settings.data) as store:
        removed = store.remove_partial_files()
        if removed:
            log.warning("removed %d partial file(s) left by an interrupted run", removed)

        def title_of(content: bytes) -> str:
            return first_page_title(content, pool)

        report = crawl(plan, fetcher, store, settings.base_url, progress, title_of, limits)
        if not index or plan.dry_run:
            return report, None
        if settings.index_url:  # a team's PostgreSQL index
            from ipcw.to_postgres import write_store

            written = write_store(settings, store, settings.index_url, retry_failed=plan.retry_failed)
            return report, IndexReport(indexed=written.written, unreadable=written.unreadable)
        return report, index_pending(settings, store, plan.retry_failed)


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the ``*.pdf`` files under the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()))
        else:
            found.append(path)
    return found


@dataclass
class ImportReport:
    imported: list[Document] = field(default_factory=list)  # as stored
    unchanged: list[Document] = field(default_factory=list)  # held already, the same bytes
    replaced: set[str] = field(default_factory=set)  # keys of the imported that replaced a file
    sources: list[Path] = field(default_factory=list)  # the file each of them was stored from
    rejected: list[Failure] = field(default_factory=list)  # files not stored, by path


def store_files(
    settings: Settings,
    store: Store,
    paths: Iterable[Path],
    languages: dict[Path, str] | None = None,
    replace: bool = True,
    record_source: bool = True,
) -> ImportReport:
    """Store PDFs, each under the symbol and language its own first page gives (``languages`` may
    say a file's language), recording where each came from. Without ``replace``, a file whose
    (symbol, language) the store already holds is rejected rather than stored over it. With
    ``record_source`` the record's URL is the file's (``file://``), else it is left for the next
    crawl to fill.

    Files are read in the extraction workers, within the limits; one that is not a readable WTO
    document is rejected with its reason, and the others are stored.
    """
    report = ImportReport()
    docs = []
    for path in paths:
        try:
            sha = sha256_of(path)
        except OSError as exc:
            report.rejected.append(Failure(str(path), f"{path}: cannot read: {exc.strerror or exc}"))
            continue
        docs.append(Document(symbol="", language=(languages or {}).get(path, ""), path=path, sha256=sha))
    order = {doc.path: n for n, doc in enumerate(docs)}
    stored: list[tuple[int, Path, Document]] = []

    def failed(doc: Document, exc: ExtractError) -> None:
        report.rejected.append(Failure(str(doc.path), str(exc)))

    for read in read_documents(docs, TextCache(settings.data), extract_limits(settings), on_error=failed):
        assert read.path is not None
        existing = store.get(read.symbol, read.language)
        if existing is not None and existing.held and existing.document.sha256 == read.sha256:
            report.unchanged.append(existing.document)
            continue
        if not replace and existing is not None and existing.held:
            why = f"{read.path}: {read.symbol} [{read.language}] is stored already"
            report.rejected.append(Failure(str(read.path), why))
            continue
        try:
            content = read.path.read_bytes()
        except OSError as exc:
            report.rejected.append(
                Failure(str(read.path), f"{read.path}: cannot read: {exc.strerror or exc}")
            )
            continue
        url = read.path.resolve().as_uri() if record_source else ""
        entry = store.save_pdf(read.symbol, read.language, content, url=url)
        if existing is not None and existing.held:
            report.replaced.add(entry.key)
        stored.append((order[read.path], read.path, entry.document))
    stored.sort(key=lambda item: item[0])
    report.imported = [doc for _, _, doc in stored]
    report.sources = [source for _, source, _ in stored]
    return report


def import_files(settings: Settings, paths: Iterable[Path]) -> ImportReport:
    """Add PDFs downloaded by hand: tag them from their own text, store and index them."""
    with DataDirLock(settings.data), Store(settings.data) as store:
        report = store_files(settings, store, find_pdfs(paths))
        if report.imported:
            index_pending(settings, store)
    return report


def stored_entries(settings: Settings) -> list[Entry]:
    """Every record of the store, in symbol order; none where nothing was harvested yet (the data
    directory is not created just to say so)."""
    if not settings.data.holds_store():
        return []
    with Store(settings.data) as store:
        return store.entries()


def why_not_indexed(settings: Settings, symbol: str, language: str | None) -> IpcwError:
    """Why ``symbol`` is not in the index: restricted or failed in the store, or never harvested."""
    wanted = canonical_pattern(symbol)
    if settings.data.holds_store():
        with Store(settings.data) as store:
            found = (store.get(wanted, lang) for lang in ([language] if language else LANGUAGES))
            held = [entry for entry in found if entry is not None]
        if held:
            return IpcwError(
                "; ".join(f"{e.symbol} [{e.language}] is {e.status.value}: {e.reason}" for e in held)
            )
    return IpcwError(f"no document {symbol}{f' [{language}]' if language else ''} in the index")
