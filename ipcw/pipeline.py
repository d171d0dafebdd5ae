"""The pipeline the CLI drives: crawl → store → extract/tag → index, and import of local PDFs.

Each function takes :class:`~ipcw.config.Settings` and returns what happened; none prints.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from harvester import CrawlPlan, CrawlReport, PoliteClient, Store, crawl, make_client
from indexer import IndexWriter, read_document, read_documents
from ipcw.config import Settings
from ipcw.errors import ExtractError, IndexMissingError, IpcwError
from ipcw.models import Document

log = logging.getLogger(__name__)

#: The base URL the in-process fixture replay answers on (any host would do; this one is honest).
FIXTURE_BASE_URL = "https://docs.wto.org"


@dataclass
class IndexReport:
    indexed: int = 0
    unreadable: list[str] = field(default_factory=list)


def fixture_transport() -> httpx.BaseTransport:
    """An in-process transport answering like Documents Online, from the bundled fixtures."""
    from fixtures import ReplaySite

    return httpx.MockTransport(ReplaySite().handle)


def text_cache(settings: Settings) -> Path:
    return settings.data_dir / "text"


def index_documents(settings: Settings, docs: Iterable[Document]) -> IndexReport:
    """Extract, tag and index ``docs`` (replacing their previous entries)."""
    report = IndexReport()

    def failed(doc: Document, exc: ExtractError) -> None:
        report.unreadable.append(f"{doc.key}: {exc}")

    with IndexWriter(settings.index_dir) as writer:
        report.indexed = writer.add_all(read_documents(docs, text_cache(settings), on_error=failed))
    return report


def index_store(settings: Settings, rebuild: bool = False) -> IndexReport:
    """(Re)build the index from every PDF in the store."""
    if rebuild and settings.index_dir.exists():
        import shutil

        shutil.rmtree(settings.index_dir)
    with Store(settings.data_dir) as store:
        docs = list(store.documents())
    return index_documents(settings, docs)


def run_crawl(
    settings: Settings,
    plan: CrawlPlan,
    transport: httpx.BaseTransport | None = None,
    index: bool = True,
    progress: Callable[[str], None] | None = None,
) -> tuple[CrawlReport, IndexReport | None]:
    """Crawl ``plan``, then index what is new or changed (everything, when there is no index yet)."""
    client = make_client(settings.user_agent, settings.timeout, transport)
    fetcher = PoliteClient(client, delay=settings.delay, max_attempts=settings.max_attempts)
    with client, Store(settings.data_dir) as store:
        report = crawl(plan, fetcher, store, settings.base_url, progress)
        if not index or plan.dry_run:
            return report, None
        try:
            from indexer import open_index

            open_index(settings.index_dir).close()
            docs = report.changed_documents
        except IndexMissingError:
            docs = list(store.documents())
    return report, index_documents(settings, docs)


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
    imported: list[Document] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def import_files(settings: Settings, paths: Iterable[Path]) -> ImportReport:
    """Add PDFs downloaded by hand: tag them from their own text, store and index them."""
    report = ImportReport()
    with Store(settings.data_dir) as store:
        for path in find_pdfs(paths):
            try:
                content = path.read_bytes()
            except OSError as exc:
                report.rejected.append(f"{path}: cannot read: {exc.strerror or exc}")
                continue
            try:
                sha = hashlib.sha256(content).hexdigest()
                read = read_document(
                    Document(symbol="", language="", path=path, sha256=sha), text_cache(settings)
                )
            except IpcwError as exc:
                report.rejected.append(str(exc))
                continue
            entry = store.save_pdf(read.symbol, read.language, content, url=path.resolve().as_uri())
            report.imported.append(entry.to_document())
    if report.imported:
        index_documents(settings, report.imported)
    return report
