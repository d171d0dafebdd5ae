"""Crawls of the replayed site through the in-process transport."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from ipcw.datadir import DataDir
from ipcw.errors import LayoutChangedError
from ipcw.fixtures import FIXTURES_DIR, ReplaySite
from ipcw.harvester import CrawlPlan, PoliteClient, Store, crawl, make_client
from ipcw.models import Status
from tests.faulty_site import FaultySite

BASE = "https://docs.wto.org"
FIXTURE_PDF = FIXTURES_DIR / "site" / "files" / "q" / "IP" / "C" / "W669.pdf"


def _downloads(site: ReplaySite) -> int:
    return sum(1 for r in site.requests if "directdoc" in r.url.path.lower())


def _fetcher(handler: Callable[[httpx.Request], httpx.Response]) -> PoliteClient:
    return PoliteClient(
        make_client("ipcw-tests", 5.0, httpx.MockTransport(handler)), delay=0, backoff=0, max_attempts=2
    )


def test_full_series_is_harvested_with_restricted_recorded(
    site: ReplaySite, fetcher: PoliteClient, store: Store
) -> None:
    report = crawl(CrawlPlan(), fetcher, store, BASE)
    ipcw_records = [r for r in site.records if r["symbols"][0].startswith("IP/C/W/")]
    assert report.listed == len(ipcw_records)
    assert report.restricted == 1 and report.failed == 0
    assert report.new == len(ipcw_records) - 1
    restricted = store.get("IP/C/W/16", "en")
    assert (
        restricted is not None and restricted.status is Status.RESTRICTED and restricted.document.path is None
    )
    stored = store.get("IP/C/W/647/Add.3", "en")
    assert (
        stored is not None
        and stored.document.path is not None
        and stored.document.path.read_bytes().startswith(b"%PDF-")
    )
    assert stored.document.listing is not None and stored.document.listing.files["en"] == "q:/IP/C/W647A3.pdf"


def test_second_run_fetches_no_pdf(site: ReplaySite, fetcher: PoliteClient, store: Store) -> None:
    crawl(CrawlPlan(), fetcher, store, BASE)
    before = len(site.requests)
    report = crawl(CrawlPlan(), fetcher, store, BASE)
    assert (report.new, report.changed, report.unchanged, report.restricted) == (0, 0, 69, 1)
    # Only robots.txt and the listing: one XML page holds the 70 records.
    assert [r.url.path for r in site.requests[before:]] == [
        "/robots.txt",
        "/dol2fe/Pages/SS/GetXMLResults.aspx",
    ]


def test_derestricted_record_is_fetched_on_the_next_run(
    site: FaultySite, fetcher: PoliteClient, store: Store
) -> None:
    crawl(CrawlPlan(patterns=("IP/C/W/1*",)), fetcher, store, BASE)
    record = next(r for r in site.records if r["symbols"] == ["IP/C/W/16"])
    record["access"] = "derestricted"
    site.put_file(record["files"]["en"], (FIXTURE_PDF).read_bytes())
    report = crawl(CrawlPlan(patterns=("IP/C/W/1*",)), fetcher, store, BASE)
    entry = store.get("IP/C/W/16", "en")
    assert report.new == 1 and entry is not None and entry.status is Status.OK


def test_html_route_stores_what_the_xml_route_stores(tmp_path: Path, site: ReplaySite) -> None:
    results = {}
    for route in ("xml", "html"):
        with Store(DataDir(tmp_path / route)) as store:
            crawl(
                CrawlPlan(patterns=("IP/C/W/6*",), languages=("en", "fr", "es"), route=route),
                _fetcher(ReplaySite().handle),
                store,
                BASE,
            )
            results[route] = {(e.symbol, e.language, e.status, e.document.sha256) for e in store.entries()}
    assert results["xml"] == results["html"]
    assert len(results["xml"]) > 20


def test_xml_route_answering_html_falls_back_to_html_pages(store: Store) -> None:
    site = ReplaySite()

    def broken_xml(request: httpx.Request) -> httpx.Response:
        if "GetXMLResults" in request.url.path:
            return httpx.Response(200, text="<html><body>maintenance</body></html>")
        return site.handle(request)

    report = crawl(CrawlPlan(patterns=("IP/C/W/647*",)), _fetcher(broken_xml), store, BASE)
    assert report.new == 4
    assert any("FE_S_S006" in r.url.path for r in site.requests)


def test_layout_change_on_both_routes_names_the_selector(store: Store) -> None:
    def nothing_matches(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html><body><form id='aspnetForm'></form></body></html>")

    report = crawl(CrawlPlan(), _fetcher(nothing_matches), store, BASE)
    assert isinstance(report.listing_error, LayoutChangedError)
    assert "span#ctl00_MainPlaceHolder_lbl010" in str(report.listing_error)


def test_layout_change_mid_listing_keeps_what_was_fetched(store: Store) -> None:
    site = ReplaySite()

    def second_page_changed(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":  # the HTML route's second page
            return httpx.Response(200, text="<html><body>redesigned</body></html>")
        return site.handle(request)

    report = crawl(CrawlPlan(route="html"), _fetcher(second_page_changed), store, BASE)
    assert isinstance(report.listing_error, LayoutChangedError)
    assert "form#aspnetForm" in str(report.listing_error)
    assert report.new == 10 and sum(e.held for e in store.entries()) == 10


def test_truncated_pdf_is_recorded_as_failed_not_stored(store: Store) -> None:
    site = ReplaySite()

    def truncating(request: httpx.Request) -> httpx.Response:
        response = site.handle(request)
        if "W669" in str(request.url):
            return httpx.Response(200, content=response.content[: len(response.content) // 2])
        return response

    report = crawl(CrawlPlan(patterns=("IP/C/W/669",)), _fetcher(truncating), store, BASE)
    entry = store.get("IP/C/W/669", "en")
    assert report.failed == 1 and entry is not None
    assert entry.status is Status.FAILED and "truncated" in entry.reason and entry.document.path is None
    assert not list((store.data.root / "files").rglob("*.pdf"))


def test_failure_after_success_keeps_the_stored_pdf(store: Store, fetcher: PoliteClient) -> None:
    crawl(CrawlPlan(patterns=("IP/C/W/669",)), fetcher, store, BASE)
    good = store.get("IP/C/W/669", "en")
    assert good is not None and good.status is Status.OK
    store.mark("IP/C/W/669", "en", Status.FAILED, "HTTP 500", "u")
    stale = store.get("IP/C/W/669", "en")
    assert stale is not None and (stale.document.path, stale.document.sha256, stale.document.listing) == (
        good.document.path,
        good.document.sha256,
        good.document.listing,
    )
    assert (stale.status, stale.failures) == (Status.STALE, 1)
    assert stale.reason == "a newer version could not be fetched (HTTP 500); the stored one is kept"


def test_dry_run_downloads_nothing(site: ReplaySite, fetcher: PoliteClient, store: Store) -> None:
    report = crawl(CrawlPlan(patterns=("IP/C/W/64*",), dry_run=True), fetcher, store, BASE)
    assert len(report.would_fetch) == 7 and _downloads(site) == 0
    assert store.entries() == []


def test_max_docs_bounds_the_downloads(site: ReplaySite, fetcher: PoliteClient, store: Store) -> None:
    crawl(CrawlPlan(max_docs=3), fetcher, store, BASE)
    assert _downloads(site) == 3


def test_languages_follow_the_plan(fetcher: PoliteClient, store: Store) -> None:
    crawl(CrawlPlan(patterns=("IP/C/W/669",), languages=("en", "fr", "es")), fetcher, store, BASE)
    assert {e.language for e in store.entries()} == {"en", "fr", "es"}


def test_date_bounds_reach_the_listing_query(site: ReplaySite, fetcher: PoliteClient, store: Store) -> None:
    from datetime import date

    report = crawl(CrawlPlan(since=date(2020, 1, 1)), fetcher, store, BASE)
    assert {e.symbol for e in store.entries()} == {"IP/C/W/668", "IP/C/W/669"}
    assert report.listed == 2


def test_date_bounds_hold_even_if_the_site_ignores_them(store: Store) -> None:
    from datetime import date

    site = ReplaySite()

    def ignoring_dates(request: httpx.Request) -> httpx.Response:
        query = request.url.params.get("query", "")
        if query:  # drop the @meta_Date terms, as a site that does not know them would
            params = dict(request.url.params)
            params["query"] = query.split(" AND @meta_Date")[0]
            request = httpx.Request(request.method, request.url.copy_with(params=params))
        return site.handle(request)

    report = crawl(
        CrawlPlan(since=date(2019, 10, 1), until=date(2019, 10, 31)), _fetcher(ignoring_dates), store, BASE
    )
    assert {e.symbol for e in store.entries()} == {
        "IP/C/W/654/Add.1",
        "IP/C/W/655/Add.1",
        "IP/C/W/655/Add.2",
        "IP/C/W/655/Add.3",
        "IP/C/W/658",
    }
    assert report.listed == 5
