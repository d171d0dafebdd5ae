"""Listing documents: the XML endpoint first, the HTML results pages when it fails."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from harvester import site
from harvester.client import Fetcher
from ipcw.errors import FetchError, LayoutChangedError
from ipcw.models import Listing

log = logging.getLogger(__name__)


def list_xml(
    fetcher: Fetcher, base_url: str, query: str, on_total: Callable[[int], None] | None = None
) -> Iterator[Listing]:
    """Every record matching ``query``, through ``GetXMLResults.aspx`` paged by ``XMLStart``."""
    start = 0
    while True:
        url = site.xml_results_url(base_url, query, start)
        response = fetcher.get(url)
        if response.status_code != 200:
            raise FetchError(f"GET {url}: HTTP {response.status_code}")
        page = site.parse_xml_results(response.content, url)
        if on_total and start == 0:
            on_total(page.total)
        yield from page.listings
        start += len(page.listings)
        if not page.listings or start >= page.total:
            return


def list_html(
    fetcher: Fetcher, base_url: str, query: str, on_total: Callable[[int], None] | None = None
) -> Iterator[Listing]:
    """Every record matching ``query``, through ``FE_S_S006.aspx`` and its postback paging."""
    url = site.html_results_url(base_url, query)
    response = fetcher.get(url)
    seen = 0
    while True:
        if response.status_code != 200:
            raise FetchError(f"{response.request.method} {url}: HTTP {response.status_code}")
        page = site.parse_results_page(response.content, url)
        if on_total and seen == 0:
            on_total(page.total)
        yield from page.listings
        seen += len(page.listings)
        if page.next_form is None or not page.listings or seen >= page.total:
            return
        url = page.action_url
        response = fetcher.post(url, data=page.next_form)


def list_documents(
    fetcher: Fetcher,
    base_url: str,
    query: str,
    route: str = "auto",
    on_total: Callable[[int], None] | None = None,
) -> Iterator[Listing]:
    """List through ``route``: ``xml``, ``html``, or ``auto`` (XML, falling back to HTML).

    The fallback happens only when the XML route fails before yielding anything; a failure in the
    middle of a listing is raised, so nothing is listed twice.
    """
    if route == "html":
        yield from list_html(fetcher, base_url, query, on_total)
        return
    listed = 0
    try:
        for listing in list_xml(fetcher, base_url, query, on_total):
            listed += 1
            yield listing
    except (FetchError, LayoutChangedError) as exc:
        if route == "xml" or listed:
            raise
        log.warning("XML listing failed (%s); falling back to the HTML results pages", exc)
        yield from list_html(fetcher, base_url, query, on_total)
