"""A hostile site cannot stop a crawl or exhaust the machine (issue 7): the replay behind a loopback
server sends redirect loops, other hosts, giant and endless bodies, gzip bombs and pagers that never
end; each is contained on its own record or ends the listing with a reason, and the rest is kept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ipcw.errors import HarvestError, LayoutChangedError
from ipcw.fixtures import ReplaySite
from ipcw.harvester import CrawlPlan, Store, SystemClock
from ipcw.harvester.site import parse_xml_results
from ipcw.models import Status
from tests.crawls import crawled
from tests.faulty_site import Fault, FaultySite
from tests.replay_server import serve

W669 = "filename=q:/ip/c/w669.pdf"
SIXES = CrawlPlan(patterns=("IP/C/W/66*",))  # IP/C/W/669 and IP/C/W/660


def _failed_reason(store: Store, symbol: str = "IP/C/W/669") -> str:
    entry = store.get(symbol, "en")
    assert entry is not None and entry.status is Status.FAILED and entry.document.path is None
    return entry.reason


def _requests(site: ReplaySite, needle: str) -> int:
    return sum(1 for r in site.requests if needle in str(r.url).lower())


def test_a_redirect_loop_is_recorded_on_its_record_issue_7(tmp_path: Path) -> None:
    directdoc = "/dol2fe/Pages/SS/directdoc.aspx"
    site = FaultySite()
    site.faults = [Fault(W669, "redirect", location=f"{directdoc}?filename=loop", times=99)]
    site.faults.append(Fault("filename=loop", "redirect", location=f"{directdoc}?{W669}", times=99))
    with crawled(tmp_path, site, SIXES, max_attempts=2) as (report, store):
        assert (report.new, report.failed) == (1, 1) and report.listing_error is None
        assert "redirect loop" in _failed_reason(store)


def test_redirects_to_another_host_are_not_followed_issue_7(tmp_path: Path) -> None:
    elsewhere = FaultySite()
    with serve(elsewhere) as other_host:
        site = FaultySite(faults=[Fault(W669, "redirect", location=f"{other_host}/steal", times=99)])
        site.faults.append(Fault("getxmlresults", "redirect", location=f"{other_host}/listing", times=99))
        with crawled(tmp_path, site, SIXES, max_attempts=2) as (report, store):
            assert report.new == 1 and report.failed == 1  # listed through the HTML route instead
            assert "redirected" in _failed_reason(store) and "not on the site" in _failed_reason(store)
    assert elsewhere.requests == []


def test_a_form_posting_to_another_host_is_refused_issue_7(tmp_path: Path) -> None:
    elsewhere = FaultySite()
    with serve(elsewhere) as other_host:
        site = FaultySite(xml_enabled=False, form_action=f"{other_host}/collect")
        with crawled(tmp_path, site, CrawlPlan(), max_attempts=2) as (report, _):
            assert isinstance(report.listing_error, HarvestError)
            assert "not on the site" in str(report.listing_error)
            assert report.new == 10  # the first page's records are kept
    assert elsewhere.requests == []


def test_a_download_announcing_2_gb_is_refused_unread_issue_7(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "huge", size=2_000_000_000, times=99)])
    with crawled(tmp_path, site, SIXES, max_attempts=2) as (report, store):
        assert (report.new, report.failed) == (1, 1)
        assert "announces 2,000,000,000 bytes" in _failed_reason(store)
        assert _requests(site, W669) == 1  # too large is not worth a retry


def test_an_endless_body_stops_at_the_size_cap_issue_7(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "huge", size=500_000_000, announce=False, times=99)])
    started = time.monotonic()
    with crawled(tmp_path, site, SIXES, max_attempts=2, max_pdf_mb=2) as (_, store):
        assert "larger than 2,000,000 bytes" in _failed_reason(store)
    assert time.monotonic() - started < 20


def test_a_gzip_bomb_stops_at_the_size_cap_issue_7(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "bomb", size=100_000_000, times=99)])  # 0.1 MB sent
    with crawled(tmp_path, site, SIXES, max_attempts=2, max_pdf_mb=5) as (_, store):
        assert "larger than 5,000,000 bytes" in _failed_reason(store)
    assert _requests(site, W669) == 1


def test_a_gzip_encoded_pdf_is_accepted_whole_issue_7(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "gzip", times=99)])
    with crawled(tmp_path, site, SIXES, max_attempts=2) as (report, store):
        assert (report.new, report.failed) == (2, 0)
        entry = store.get("IP/C/W/669", "en")
        assert entry is not None and entry.document.path is not None
        assert entry.document.path.read_bytes().startswith(b"%PDF-")
        assert entry.document.path.read_bytes().rstrip().endswith(b"%%EOF")


def test_a_slow_loris_body_is_abandoned_at_the_deadline_issue_7(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault(W669, "slow", seconds=0.1, times=99)])  # ~50 s for the whole PDF
    started = time.monotonic()
    with crawled(tmp_path, site, SIXES, SystemClock(), max_attempts=2, deadline=1.0) as (report, store):
        assert (report.new, report.failed) == (1, 1)
        assert "more than 1 s in all" in _failed_reason(store)
    assert time.monotonic() - started < 15  # two attempts of about a second each


@pytest.mark.parametrize("xml", [True, False])
def test_a_pager_that_never_ends_is_stopped_issue_7(tmp_path: Path, xml: bool) -> None:
    site = FaultySite(endless=True, xml_enabled=xml)
    with crawled(tmp_path, site, CrawlPlan(), max_attempts=2) as (report, _):
        assert isinstance(report.listing_error, HarvestError)
        assert "repeats rows already seen" in str(report.listing_error)
        assert report.listed == (70 if xml else 10)  # the first page's records are kept


def test_listing_pages_are_capped_per_run_issue_7(tmp_path: Path) -> None:
    site = FaultySite(xml_enabled=False)
    with crawled(tmp_path, site, CrawlPlan(), max_attempts=2, max_listing_pages=3) as (report, _):
        assert "beyond 3 pages" in str(report.listing_error)
        assert report.new == 30


def test_xml_with_entities_is_refused_not_expanded_issue_7() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<autnresponse xmlns:autn="http://schemas.autonomy.com/aci/">'
        b"<autn:totalhits>1</autn:totalhits>&b;</autnresponse>"
    )
    with pytest.raises(LayoutChangedError, match="DTD or entities, refused"):
        parse_xml_results(bomb, "https://docs.wto.org/x")
