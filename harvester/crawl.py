"""The crawl: list what matches, download what is new, validate it, store it, report."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from harvester import site
from harvester.client import Fetcher
from harvester.listing import list_documents
from harvester.store import Entry, Store
from ipcw.models import Document, Listing, Status
from ipcw.symbols import canonical_pattern, matches

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlPlan:
    """What to crawl."""

    patterns: tuple[str, ...] = ("IP/C/W/*",)
    languages: tuple[str, ...] = ("en",)
    since: date | None = None
    until: date | None = None
    max_docs: int | None = None
    dry_run: bool = False
    route: str = "auto"  # xml | html | auto


@dataclass
class CrawlReport:
    """What a crawl did; ``changed_documents`` are the stored PDFs to (re-)extract and index."""

    listed: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    restricted: int = 0
    failed: int = 0
    would_fetch: list[tuple[str, str, str]] = field(default_factory=list)  # dry run: symbol, lang, url
    changed_documents: list[Document] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"listed {self.listed}, new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
            f"restricted {self.restricted}, failed {self.failed}"
        )


def _symbol_for(listing: Listing, patterns: tuple[str, ...]) -> str:
    """The record's symbol to store it under: the first one matching the crawl's patterns."""
    for symbol in listing.symbols:
        if any(matches(p, symbol) for p in patterns):
            return symbol
    return listing.symbol


def validate_pdf(response_content: bytes, announced_length: str | None) -> str | None:
    """Why a download is not a whole PDF, or ``None`` when it is."""
    if not site.is_pdf(response_content):
        return "not a PDF"
    if announced_length and announced_length.isdigit() and int(announced_length) != len(response_content):
        return f"truncated: {len(response_content)} of {announced_length} bytes"
    if not site.has_pdf_trailer(response_content):
        return "truncated: no PDF trailer"
    return None


def crawl(
    plan: CrawlPlan,
    fetcher: Fetcher,
    store: Store,
    base_url: str,
    progress: Callable[[str], None] | None = None,
) -> CrawlReport:
    """Run one crawl: list ``plan.patterns``, download the wanted languages, store and report."""
    report = CrawlReport()
    patterns = tuple(canonical_pattern(p) for p in plan.patterns)
    query = site.idol_query(list(patterns), plan.since, plan.until)
    fetched = 0
    for listing in list_documents(fetcher, base_url, query, plan.route):
        report.listed += 1
        symbol = _symbol_for(listing, patterns)
        for language in plan.languages:
            file_path = listing.files.get(language)
            if not file_path:
                continue  # no such translation (yet)
            previous = store.get(symbol, language)
            if previous is not None and previous.status is Status.OK and previous.listing == listing:
                report.unchanged += 1
                continue
            if plan.max_docs is not None and fetched >= plan.max_docs:
                continue
            fetched += 1
            url = site.download_url(base_url, file_path)
            if plan.dry_run:
                report.would_fetch.append((symbol, language, url))
                continue
            if progress:
                progress(f"{symbol} [{language}]")
            _download(fetcher, store, report, symbol, language, url, listing, previous)
    return report


def _download(
    fetcher: Fetcher,
    store: Store,
    report: CrawlReport,
    symbol: str,
    language: str,
    url: str,
    listing: Listing,
    previous: Entry | None,
) -> None:
    from ipcw.errors import FetchError

    try:
        response = fetcher.get(url)
    except FetchError as exc:
        report.failed += 1
        report.failures.append(f"{symbol} [{language}]: {exc}")
        store.mark(symbol, language, Status.FAILED, str(exc), url, listing)
        return
    content = response.content
    problem = None if response.status_code == 200 else f"HTTP {response.status_code}"
    if problem is None and not site.is_pdf(content) and b"<html" in content[:2048].lower():
        report.restricted += 1
        store.mark(symbol, language, Status.RESTRICTED, "the site answered with an HTML page", url, listing)
        return
    problem = problem or validate_pdf(content, response.headers.get("Content-Length"))
    if problem:
        report.failed += 1
        report.failures.append(f"{symbol} [{language}]: {problem}")
        store.mark(symbol, language, Status.FAILED, problem, url, listing)
        return
    entry = store.save_pdf(
        symbol,
        language,
        content,
        url,
        listing,
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
    )
    if previous is None or previous.status is not Status.OK:
        report.new += 1
    elif previous.sha256 != entry.sha256:
        report.changed += 1
    else:
        report.unchanged += 1
        return
    report.changed_documents.append(entry.to_document())
