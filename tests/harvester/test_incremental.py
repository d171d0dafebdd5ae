"""Nightly runs: only what is new or changed is fetched, and changes reach the index."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import httpx
import pytest

from ipcw.config import Settings
from ipcw.fixtures import ReplaySite
from ipcw.fixtures.corpus import SPECS
from ipcw.fixtures.render import render
from ipcw.harvester import CrawlPlan, Store
from ipcw.pipeline import run_crawl
from ipcw.search import Filters, Searcher
from tests.faulty_site import FaultySite

W669_FR = "r:/IP/C/W669.pdf"


def _settings(tmp_path: Path, languages: tuple[str, ...] = ("en",)) -> Settings:
    return Settings(data_dir=tmp_path / "data", base_url="https://docs.wto.org", delay=0, languages=languages)


def _run(settings: Settings, site: ReplaySite, index: bool = True, **plan: object) -> str:
    options: dict[str, object] = {"patterns": ("IP/C/W/66*",), "languages": settings.languages, **plan}
    transport = httpx.MockTransport(site.handle)
    report, indexed = run_crawl(settings, CrawlPlan(**options), transport, index=index)  # type: ignore[arg-type]
    return report.summary() + (f"; indexed {indexed.indexed}" if indexed else "")


def _downloads(site: ReplaySite, since: int = 0) -> list[str]:
    return [
        str(r.url.params.get("filename")) for r in site.requests[since:] if "directdoc" in r.url.path.lower()
    ]


def _new_version_of_669(marker: str) -> bytes:
    spec = next(s for s in SPECS if s.symbol == "IP/C/W/669")
    pdf, _ = render(dataclasses.replace(spec, subject=spec.subject + " " + marker), "en")
    return pdf.to_bytes()


def test_translations_published_later_are_picked_up(tmp_path: Path) -> None:
    site = FaultySite(hidden={W669_FR.lower()})
    settings = _settings(tmp_path, ("en", "fr"))
    assert (
        _run(settings, site) == "listed 2, new 2, changed 0, unchanged 0, restricted 0, failed 0; indexed 2"
    )
    site.hidden.clear()  # weeks later, the French version is out
    before = len(site.requests)
    assert (
        _run(settings, site) == "listed 2, new 1, changed 0, unchanged 2, restricted 0, failed 0; indexed 1"
    )
    assert _downloads(site, before) == [W669_FR]


def test_changed_listing_and_file_is_refetched_and_reindexed(tmp_path: Path) -> None:
    site = FaultySite()
    settings = _settings(tmp_path)
    _run(settings, site)
    record = next(r for r in site.records if r["symbols"] == ["IP/C/W/669"])
    record["date"] = "2020-10-05"  # re-issued
    site.put_file(record["files"]["en"], _new_version_of_669("ZEBRAFISH"))
    assert (
        _run(settings, site) == "listed 2, new 0, changed 1, unchanged 1, restricted 0, failed 0; indexed 1"
    )
    with Searcher(settings.data.index) as searcher:
        hits = searcher.search("zebrafish").hits
        assert [h.document.symbol for h in hits] == ["IP/C/W/669"]
        assert len(searcher.lookup("IP/C/W/669")) == 1  # replaced, not added


def test_changed_listing_with_the_same_file_costs_a_304(tmp_path: Path) -> None:
    site = ReplaySite()
    settings = _settings(tmp_path)
    _run(settings, site)
    next(r for r in site.records if r["symbols"] == ["IP/C/W/669"])["access"] = "derestricted"
    before = len(site.requests)
    assert (
        _run(settings, site) == "listed 2, new 0, changed 0, unchanged 2, restricted 0, failed 0; indexed 0"
    )
    downloads = [r for r in site.requests[before:] if "directdoc" in r.url.path.lower()]
    assert len(downloads) == 1 and downloads[0].headers["If-None-Match"]
    with Store(settings.data) as store:
        entry = store.get("IP/C/W/669", "en")
        assert (
            entry is not None
            and entry.document.listing is not None
            and entry.document.listing.access == "derestricted"
        )


def test_revalidate_finds_a_silently_replaced_file(tmp_path: Path) -> None:
    site = FaultySite()
    settings = _settings(tmp_path)
    _run(settings, site)
    site.put_file("q:/IP/C/W669.pdf", _new_version_of_669("AARDVARK"))
    assert "changed 0" in _run(settings, site)  # the listing says nothing changed
    before = len(site.requests)
    summary = _run(settings, site, revalidate=True)
    assert summary == "listed 2, new 0, changed 1, unchanged 1, restricted 0, failed 0; indexed 1"
    assert len(_downloads(site, before)) == 2
    with Searcher(settings.data.index) as searcher:
        assert [h.document.symbol for h in searcher.search("aardvark", Filters()).hits] == ["IP/C/W/669"]


def test_a_run_that_stored_but_did_not_index_is_caught_up(tmp_path: Path) -> None:
    site = ReplaySite()
    settings = _settings(tmp_path)
    report, indexed = run_crawl(
        settings, CrawlPlan(patterns=("IP/C/W/66*",)), httpx.MockTransport(site.handle), index=False
    )
    assert report.new == 2 and indexed is None
    assert (
        _run(settings, site) == "listed 2, new 0, changed 0, unchanged 2, restricted 0, failed 0; indexed 2"
    )


@pytest.mark.parametrize("route", ["xml", "html"])
def test_second_run_downloads_nothing(tmp_path: Path, route: str) -> None:
    site = ReplaySite()
    settings = _settings(tmp_path, ("en", "fr", "es"))
    _run(settings, site, index=False, patterns=("IP/C/W/*",), route=route)
    before = len(site.requests)
    summary = _run(settings, site, index=False, patterns=("IP/C/W/*",), route=route)
    assert summary == "listed 70, new 0, changed 0, unchanged 87, restricted 1, failed 0"
    assert _downloads(site, before) == []
