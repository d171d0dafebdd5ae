"""Listing documents: the XML endpoint first, the HTML results pages when it fails.

Both routes are bounded: at most ``max_pages`` pages a listing, and a page that brings no row not
seen before ends it (a pager that never runs out, a site that answers every page with the first);
either stop is a :class:`~ipcw.errors.HarvestError`, so the crawl keeps what was listed and says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ipcw.errors import FetchError, HarvestError, LayoutChangedError
from ipcw.harvester import site
from ipcw.harvester.client import Fetcher
from ipcw.models import Listing

log = logging.getLogger(__name__)

#: The default of ``max_pages``: 100,000 records on the XML route, 10,000 on the HTML one.
MAX_PAGES = 1000


@dataclass
class _Pages:
    """The pages of one listing read so far, and the rows they brought."""

    url: str
    max_pages: int
    read: int = 0
    seen: set[tuple[object, ...]] = field(default_factory=set)

    def new_rows(self, page: site.ResultsPage) -> list[Listing]:
        """The rows of ``page`` not seen on an earlier page; stops a listing that runs away."""
        self.read += 1
        if self.read > self.max_pages:
            raise HarvestError(
                f"the listing {self.url} goes on beyond {self.max_pages} pages; stopped there "
                "(max_listing_pages)"
            )
        fresh = []
        for listing in page.listings:
            row = (listing.catalogue_id, listing.symbols, tuple(sorted(listing.files.items())))
            if row not in self.seen:
                self.seen.add(row)
                fresh.append(listing)
        if page.listings and not fresh:
            raise HarvestError(
                f"page {self.read} of the listing {self.url} repeats rows already seen; stopped there"
            )
        return fresh


def _xml_pages(fetcher: Fetcher, base_url: str, query: str) -> Iterator[site.ResultsPage]:
    """The pages of ``GetXMLResults.aspx`` for ``query``, paged by ``XMLStart``."""
    start = 0
    while True:
        url = site.xml_results_url(base_url, query, start)
        response = fetcher.get(url)
        if response.status_code != 200:
            raise FetchError(f"GET {url}: HTTP {response.status_code}")
        page = site.parse_xml_results(response.content, url)
        yield page
        start += len(page.listings)
        if not page.listings or start >= page.total:
            return


def _html_pages(fetcher: Fetcher, base_url: str, query: str) -> Iterator[site.ResultsPage]:
    """The pages of ``FE_S_S006.aspx`` for ``query``, the next one reached by posting the form back."""
    url = site.html_results_url(base_url, query)
    response = fetcher.get(url)
    seen = 0
    while True:
        if response.status_code != 200:
            raise FetchError(f"{response.method} {url}: HTTP {response.status_code}")
        page = site.parse_results_page(response.content, url)
        yield page
        seen += len(page.listings)
        if page.next_form is None or not page.listings or seen >= page.total:
            return
        url = page.action_url
        response = fetcher.post(url, data=page.next_form)


def list_route(
    route: str,
    fetcher: Fetcher,
    base_url: str,
    query: str,
    on_total: Callable[[int], None] | None = None,
    max_pages: int = MAX_PAGES,
) -> Iterator[Listing]:
    """Every record matching ``query`` through ``route`` (``xml`` or ``html``): each new row once,
    the announced total passed to ``on_total`` when the first page comes."""
    if route == "xml":
        read_pages, first_url = _xml_pages, site.xml_results_url(base_url, query, 0)
    else:
        read_pages, first_url = _html_pages, site.html_results_url(base_url, query)
    pages = _Pages(first_url, max_pages)
    for number, page in enumerate(read_pages(fetcher, base_url, query)):
        if on_total and number == 0:
            on_total(page.total)
        yield from pages.new_rows(page)


def list_documents(
    fetcher: Fetcher,
    base_url: str,
    query: str,
    route: str = "auto",
    on_total: Callable[[int], None] | None = None,
    max_pages: int = MAX_PAGES,
) -> Iterator[Listing]:
    """List through ``route``: ``xml``, ``html``, or ``auto`` (XML, falling back to HTML).

    The fallback happens only when the XML route fails before yielding anything; a failure in the
    middle of a listing is raised, so nothing is listed twice.
    """
    if route == "html":
        yield from list_route("html", fetcher, base_url, query, on_total, max_pages)
        return
    listed = 0
    try:
        for listing in list_route("xml", fetcher, base_url, query, on_total, max_pages):
            listed += 1
            yield listing
    except (FetchError, LayoutChangedError) as exc:
        if route == "xml" or listed:
            raise
        log.warning("XML listing failed (%s); falling back to the HTML results pages", exc)
        yield from list_route("html", fetcher, base_url, query, on_total, max_pages)
