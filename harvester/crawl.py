"""The crawl: list what matches, download what is new or changed, validate it, store it, report.

Incremental by design. A (symbol, language) already stored is not asked for again while its listing
is unchanged (same symbols, date, files and access): a second run against an unchanged site sends
only the listing requests. When the listing changed, or with ``revalidate``, the download is a
conditional request (``If-None-Match`` / ``If-Modified-Since``), so an unchanged file costs a 304.
Restricted records are asked again only when the listing no longer says they are restricted (or
says something new); failed downloads are tried again on the next runs, until they have failed
``max_failures`` runs in a row (then only with ``retry_failed``, or when their listing changes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from ipcw.errors import FetchError, HarvestError
from ipcw.files import has_pdf_trailer, is_pdf
from ipcw.harvester import site
from ipcw.harvester.client import Fetcher
from ipcw.harvester.keywords import ELISION, TitleMatcher
from ipcw.harvester.listing import list_documents
from ipcw.harvester.manifest import Entry
from ipcw.harvester.store import Store
from ipcw.models import ROUTES, Listing, Status
from ipcw.symbols import DEFAULT_PATTERN, canonical_pattern, document_symbols, shown

log = logging.getLogger(__name__)

#: ``progress(done, total, label)``: called before each download; ``total`` is what may be fetched.
Progress = Callable[[int, int, str], None]
#: ``title_of(pdf_bytes)``: the title a downloaded document gives itself (for elided listing titles).
TitleReader = Callable[[bytes], str]


@dataclass(frozen=True)
class CrawlPlan:
    """What to crawl."""

    patterns: tuple[str, ...] = (DEFAULT_PATTERN,)
    languages: tuple[str, ...] = ("en",)
    keywords: str | None = None
    since: date | None = None
    until: date | None = None
    max_docs: int | None = None
    dry_run: bool = False
    route: str = ROUTES[0]  # see ipcw.models.ROUTES
    revalidate: bool = False
    retry_failed: bool = False  # ask again for downloads that failed max_failures runs in a row

    def __post_init__(self) -> None:
        """A plan with a malformed pattern or keywords is refused when it is made, before anything
        is requested or written."""
        if self.keywords is not None:
            TitleMatcher(self.keywords)
        for pattern in self.patterns:
            canonical_pattern(pattern)


@dataclass(frozen=True)
class CrawlLimits:
    """What bounds one crawl, whatever the site sends."""

    #: A download that failed this many runs in a row is not asked for again (unless
    #: ``CrawlPlan.retry_failed``, or its listing changes).
    max_failures: int = 3
    #: The largest PDF accepted, in bytes (``None``: the fetcher's own cap).
    max_pdf_bytes: int | None = None
    #: The most listing pages one run reads (a pager that never ends stops here).
    max_listing_pages: int = 1000


@dataclass
class CrawlReport:
    """What a crawl did."""

    listed: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    restricted: int = 0
    failed: int = 0
    would_fetch: list[tuple[str, str, str]] = field(default_factory=list)  # dry run: symbol, lang, url
    failures: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # listing rows left out, with why
    given_up: int = 0  # failed downloads not asked again: they failed max_failures runs in a row
    listing_error: HarvestError | None = None  # the listing stopped early: why

    def summary(self) -> str:
        return (
            f"listed {self.listed}, new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
            f"restricted {self.restricted}, failed {self.failed}"
        )


def fingerprint(listing: Listing | None, language: str) -> tuple[object, ...] | None:
    """What in a listing says whether one language's file may have changed: its symbols, date,
    access and that language's file path (not the title, which the HTML route elides, nor other
    languages' files, which appear as translations are published)."""
    if listing is None:
        return None
    path = listing.files.get(language, "").lower()
    return (tuple(s.upper() for s in listing.symbols), listing.date, path, listing.access)


def validate_pdf(content: bytes, announced_length: str | None, received: int | None = None) -> str | None:
    """Why a download is not a whole PDF, or ``None`` when it is.

    ``announced_length`` (``Content-Length``) counts the bytes sent on the wire, so it is checked
    against ``received``, the bytes received before any ``Content-Encoding`` was undone (by default
    the length of ``content``, for an answer sent as it is).
    """
    if not is_pdf(content):
        return "not a PDF"
    got = len(content) if received is None else received
    if announced_length and announced_length.isdigit() and int(announced_length) != got:
        return f"truncated: {got} of {announced_length} bytes"
    if not has_pdf_trailer(content):
        return "truncated: no PDF trailer"
    return None


@dataclass(frozen=True)
class _Fetch:
    """One file to ask for, and what is known of it."""

    symbol: str
    language: str
    url: str
    listing: Listing
    previous: Entry | None  # what the store holds for it
    recheck: TitleMatcher | None  # keywords to judge on the document's own title (elided listing)

    @property
    def name(self) -> str:
        return f"{self.symbol} [{self.language}]"

    def conditional_headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a file already stored."""
        headers = {}
        if self.previous is not None and self.previous.held:
            if self.previous.etag:
                headers["If-None-Match"] = self.previous.etag
            if self.previous.last_modified:
                headers["If-Modified-Since"] = self.previous.last_modified
        return headers


@dataclass
class _Crawl:
    plan: CrawlPlan
    fetcher: Fetcher
    store: Store
    base_url: str
    progress: Progress | None
    title_of: TitleReader | None
    limits: CrawlLimits
    report: CrawlReport = field(default_factory=CrawlReport)
    fetched: int = 0
    total: int = 0

    def run(self) -> CrawlReport:
        patterns = tuple(canonical_pattern(p) for p in self.plan.patterns)
        matcher = TitleMatcher(self.plan.keywords) if self.plan.keywords else None
        query = site.idol_query(list(patterns), self.plan.since, self.plan.until)

        def on_total(total: int) -> None:
            self.total = total * len(self.plan.languages)

        try:
            self.fetcher.load_robots(self.base_url)
            listings = list_documents(
                self.fetcher, self.base_url, query, self.plan.route, on_total, self.limits.max_listing_pages
            )
            for listing in listings:
                if not self.in_dates(listing):
                    continue
                verdict = matcher(listing.title, listing.title_elided) if matcher else True
                if verdict is False:
                    continue
                symbols = document_symbols(listing.symbols, patterns)
                if not symbols:
                    self.skip(listing, "no valid document symbol")
                    continue
                listing = replace(listing, symbols=symbols)
                symbol = symbols[0]
                self.report.listed += 1
                for language in self.plan.languages:
                    if not self.harvest_file(symbol, language, listing, matcher if verdict is None else None):
                        self.report.listed -= 1  # its full title did not match after all
                        break
        except HarvestError as exc:
            # Keep everything fetched so far; say why the listing stopped.
            self.report.listing_error = exc
        if self.report.given_up:
            log.warning(
                "%d download(s) that failed %d runs in a row not asked for again: "
                "`ipcw list --status failed` (or `stale`) shows them, `--retry-failed` asks again",
                self.report.given_up,
                self.limits.max_failures,
            )
        return self.report

    def skip(self, listing: Listing, reason: str) -> None:
        """Leave out one listing row the site sent malformed; the crawl goes on with the others."""
        what = " ; ".join(shown(s) for s in listing.symbols[:3]) or "(none)"
        problem = f"listing row {what}: {reason}; skipped"
        log.warning("%s", problem)
        self.report.skipped.append(problem)

    def in_dates(self, listing: Listing) -> bool:
        """The date bounds, checked here too: the listing query's date terms are not documented."""
        when = listing.date
        if when is None:
            return True
        return not (
            (self.plan.since and when < self.plan.since) or (self.plan.until and when > self.plan.until)
        )

    def harvest_file(
        self, symbol: str, language: str, listing: Listing, recheck: TitleMatcher | None
    ) -> bool:
        """Fetch one file if needed; ``False`` when the keywords turned out not to match."""
        file_path = listing.files.get(language)
        if not file_path:
            return True  # no such translation (yet)
        previous = self.store.get(symbol, language)
        same = previous is not None and fingerprint(previous.document.listing, language) == fingerprint(
            listing, language
        )
        if previous is not None and same and not self.plan.revalidate:
            if previous.held:  # stored whole (indexing retries an unreadable one on its own)
                self.report.unchanged += 1
                return True
            if previous.status is Status.RESTRICTED and listing.access == "restricted":
                self.report.restricted += 1
                return True
        if (
            previous is not None
            and previous.failures >= self.limits.max_failures
            and not self.plan.retry_failed
            and (same or previous.held)  # a failed download whose listing changed is asked again
        ):
            self.report.given_up += 1  # failed run after run: left alone until --retry-failed
            return True
        if self.plan.max_docs is not None and self.fetched >= self.plan.max_docs:
            return True
        self.fetched += 1
        job = _Fetch(
            symbol, language, site.download_url(self.base_url, file_path), listing, previous, recheck
        )
        if self.plan.dry_run:
            self.report.would_fetch.append((symbol, language, job.url))
            return True
        if self.progress:
            self.progress(self.fetched, self.total, job.name)
        return self.download(job)

    def download(self, job: _Fetch) -> bool:
        """Ask for the file until it comes whole (or the attempts run out), then keep or record it."""
        problem = ""
        for _attempt in range(self.fetcher.max_attempts):
            try:
                response = self.fetcher.get(
                    job.url, headers=job.conditional_headers(), max_bytes=self.limits.max_pdf_bytes
                )
            except FetchError as exc:
                problem = str(exc)
                break
            if response.status_code == 304 and job.previous is not None:
                self.report.unchanged += 1
                self.store.update_listing(job.previous, job.listing)
                return True
            content = response.content
            if response.status_code != 200:
                problem = f"HTTP {response.status_code}"
                break
            if not is_pdf(content) and b"<html" in content[:4096].lower():
                self.report.restricted += 1
                self.store.mark(
                    job.symbol,
                    job.language,
                    Status.RESTRICTED,
                    "the site answered with an HTML page",
                    job.url,
                    job.listing,
                )
                return True
            problem = validate_pdf(content, response.headers.get("Content-Length"), response.received) or ""
            if not problem:
                return self.accept(job, response.headers, content)
            log.warning("%s: %s; asking again", job.name, problem)
        self.report.failed += 1
        self.report.failures.append(f"{job.name}: {problem}")
        self.store.mark(job.symbol, job.language, Status.FAILED, problem, job.url, job.listing)
        return True

    def accept(self, job: _Fetch, headers: Mapping[str, str], content: bytes) -> bool:
        """Store a whole PDF, unless its own title shows it does not match the keywords."""
        if job.recheck is not None and self.title_of is not None:
            # The listing's title was elided: judge the keywords on the document's own title too.
            seen = job.listing.title.replace(ELISION, " ") + " " + self.title_of(content)
            if job.recheck(seen, elided=False) is False:
                log.info("%s: its full title does not match %r; not kept", job.symbol, job.recheck.keywords)
                return False
        entry = self.store.save_pdf(
            job.symbol,
            job.language,
            content,
            job.url,
            job.listing,
            etag=headers.get("ETag", ""),
            last_modified=headers.get("Last-Modified", ""),
        )
        previous = job.previous
        if previous is None or not previous.held:
            self.report.new += 1
        elif previous.document.sha256 != entry.document.sha256:
            self.report.changed += 1
        else:
            self.report.unchanged += 1
        return True


def crawl(
    plan: CrawlPlan,
    fetcher: Fetcher,
    store: Store,
    base_url: str,
    progress: Progress | None = None,
    title_of: TitleReader | None = None,
    limits: CrawlLimits | None = None,
) -> CrawlReport:
    """Run one crawl: list ``plan.patterns``, download the wanted languages, store and report.

    A listing that fails part-way (the site is down, its layout changed) ends the crawl with
    ``report.listing_error`` set; everything stored until then stays stored. See
    :class:`CrawlLimits` for what bounds a crawl.
    """
    return _Crawl(plan, fetcher, store, base_url, progress, title_of, limits or CrawlLimits()).run()
