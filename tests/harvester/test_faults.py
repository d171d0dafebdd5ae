"""The site's bad days, over real HTTP: the replay behind a loopback server, with faults injected."""

from __future__ import annotations

from pathlib import Path

from ipcw import __version__
from ipcw.errors import LayoutChangedError
from ipcw.fixtures import ReplaySite
from ipcw.harvester import CrawlPlan
from ipcw.models import Status
from tests.crawls import FakeClock, crawled
from tests.faulty_site import Fault, FaultySite

W669 = "filename=q:/ip/c/w669.pdf"


def _downloads(site: ReplaySite, needle: str = "directdoc") -> int:
    return sum(1 for r in site.requests if needle in str(r.url).lower())


def test_503_with_retry_after_is_waited_out(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "status", status=503, retry_after="5", times=2)])
    clock = FakeClock()
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",)), clock) as (report, store):
        assert report.new == 1 and report.failed == 0
        assert _downloads(site, W669) == 3  # two 503s, then the PDF
        assert sum(1 for s in clock.sleeps if s >= 5.0) >= 2  # Retry-After: 5, honoured each time
        entry = store.get("IP/C/W/669", "en")
        assert entry is not None and entry.status is Status.OK


def test_429_on_the_listing_is_waited_out(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault("getxmlresults", "status", status=429, retry_after="30", times=1)])
    clock = FakeClock()
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/66*",)), clock) as (report, _):
        assert report.listing_error is None and report.new == 2
        assert _downloads(site, "getxmlresults") == 2
        assert max(clock.sleeps) >= 30.0  # waited as long as the site asked, at no cost to the suite


def test_a_timeout_is_retried(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "hang", seconds=1.0, times=1)])
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",)), timeout=0.3) as (report, _):
        assert report.new == 1 and _downloads(site, W669) == 2


def test_a_truncated_pdf_is_asked_again(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "truncate", times=1)])
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",))) as (report, store):
        assert report.new == 1 and _downloads(site, W669) == 2
        entry = store.get("IP/C/W/669", "en")
        assert (
            entry is not None
            and entry.document.path is not None
            and entry.document.path.read_bytes().rstrip().endswith(b"%%EOF")
        )


def test_a_body_shorter_than_announced_is_asked_again(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "short", times=1)])
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",))) as (report, _):
        assert report.new == 1 and _downloads(site, W669) == 2


def test_a_pdf_that_stays_truncated_is_recorded_as_failed(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "truncate", times=99)])
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",))) as (report, store):
        assert report.failed == 1 and _downloads(site, W669) == 3  # max_attempts
        entry = store.get("IP/C/W/669", "en")
        assert entry is not None and entry.status is Status.FAILED and "truncated" in entry.reason
        assert entry.document.path is None and not list((store.data.root / "files").rglob("*"))


def test_html_instead_of_pdf_is_restricted_not_failed(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "html", times=1)])
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",))) as (report, store):
        assert (report.restricted, report.failed) == (1, 0)
        entry = store.get("IP/C/W/669", "en")
        assert entry is not None and entry.status is Status.RESTRICTED


def test_404_is_not_retried(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "status", status=404, times=9)])
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",))) as (report, _):
        assert report.failed == 1 and _downloads(site, W669) == 1


def test_html_route_gives_identical_results_with_xml_switched_off(tmp_path: Path) -> None:
    plan = CrawlPlan(patterns=("IP/C/W/*", "IP/C/R/TC/*"), languages=("en", "fr", "es"))
    results = {}
    for name, site in (("xml", FaultySite()), ("html", FaultySite(xml_enabled=False))):
        with crawled(tmp_path / name, site, plan) as (report, store):
            results[name] = (
                report.summary(),
                [
                    (e.key, e.status, e.document.sha256, e.document.path.name if e.document.path else "")
                    for e in store.entries()
                ],
            )
        if name == "html":
            assert _downloads(site, "fe_s_s006") == 8  # 73 records, 10 a page: one GET, seven postbacks
    assert results["xml"] == results["html"]
    assert results["xml"][0] == "listed 73, new 90, changed 0, unchanged 0, restricted 1, failed 0"


def test_robots_txt_is_obeyed(tmp_path: Path) -> None:
    site = FaultySite(robots_txt="User-agent: *\nDisallow: /dol2fe/Pages/SS/directdoc.aspx\n")
    with crawled(tmp_path, site, CrawlPlan(patterns=("IP/C/W/669",))) as (report, _):
        assert report.failed == 1 and "robots.txt" in report.failures[0]
        assert _downloads(site) == 0


def test_layout_change_stops_the_listing_and_keeps_what_was_fetched(tmp_path: Path) -> None:
    site = FaultySite(xml_enabled=False, faults=[Fault("fe_s_s006", "html", times=99)])
    with crawled(tmp_path, site, CrawlPlan()) as (report, _):
        assert isinstance(report.listing_error, LayoutChangedError)
        assert "form#aspnetForm" in str(report.listing_error)


def test_second_run_over_http_sends_only_listing_requests(tmp_path: Path) -> None:
    site = FaultySite()
    plan = CrawlPlan(languages=("en", "fr", "es"))
    with crawled(tmp_path, site, plan):
        pass
    first = len(site.requests)
    with crawled(tmp_path, site, plan) as (report, _):
        assert report.summary() == "listed 70, new 0, changed 0, unchanged 87, restricted 1, failed 0"
    assert [r.url.path for r in site.requests[first:]] == [
        "/robots.txt",
        "/dol2fe/Pages/SS/GetXMLResults.aspx",
    ]


def test_the_contact_goes_out_in_every_request(tmp_path: Path) -> None:
    site = FaultySite()
    plan = CrawlPlan(patterns=("IP/C/W/669",))
    with crawled(tmp_path, site, plan, contact="https://example.org/me") as (report, _):
        assert report.new == 1
    assert {r.headers["User-Agent"] for r in site.requests} == {
        f"ipcw/{__version__} (TRIPS Council document harvester; +https://example.org/me)"
    }
