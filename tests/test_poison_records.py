"""One poison record fails alone (issue 7): odd symbols in a listing row, a record that fails run
after run, a document the index cannot take. The run goes on with the others, records the failure
on that record, and the next runs neither fail nor stop on it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import httpx
import pytest

from ipcw.config import Settings
from ipcw.fixtures import ReplaySite
from ipcw.harvester import CrawlPlan, Store
from ipcw.indexer import writer as index_writer
from ipcw.models import Document, Status
from ipcw.pipeline import index_store, run_crawl
from ipcw.search import Searcher
from tests.faulty_site import Fault, FaultySite

SIXES = CrawlPlan(patterns=("IP/C/W/66*",))  # IP/C/W/668 and IP/C/W/669
LONG = "IP/C/W/" + "9" * 10_000


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", delay=0, base_url="https://docs.wto.org")


def _crawl(settings: Settings, site: ReplaySite, plan: CrawlPlan = SIXES) -> str:
    report, indexed = run_crawl(settings, plan, httpx.MockTransport(site.handle))
    assert indexed is not None
    return report.summary() + f"; indexed {indexed.indexed}, unreadable {len(indexed.unreadable)}"


def _row(site: ReplaySite, symbol: str) -> dict[str, object]:
    return next(r for r in site.records if r["symbols"] == [symbol])


def _hostile_rows(site: ReplaySite) -> list[dict[str, object]]:
    """Rows a broken or hostile site lists beside the real ones, pointing at a real file."""
    rows = []
    for n, symbols in enumerate([[".."], ["<"], ["technical"], ["IP/C/W/668\x00"], [LONG]]):
        row = copy.deepcopy(_row(site, "IP/C/W/668"))
        row.update(symbols=symbols, catalogue_id=f"99900{n}")
        rows.append(row)
    return rows


@pytest.mark.parametrize("route", ["xml", "html"])
def test_odd_symbols_in_listing_rows_fail_alone_issue_7(tmp_path: Path, route: str) -> None:
    site = FaultySite(xml_enabled=route == "xml")
    _row(site, "IP/C/W/669")["symbols"] = ["WT/MIN(05)/DEC", "IP/C/W/669"]  # a co-symbol of another shape
    site.injected = [r for r in _hostile_rows(site) if route == "html" or "\x00" not in str(r["symbols"])]
    settings = _settings(tmp_path)
    summary = _crawl(settings, site)
    assert summary.startswith("listed 2, new 2, changed 0, unchanged 0, restricted 0, failed 0")
    with Searcher(settings.data.index) as searcher:
        hit, *_ = searcher.lookup("IP/C/W/669")
        assert hit.document.symbols == ("IP/C/W/669", "WT/MIN(05)/DEC")
        assert searcher.search("IP/C/W/668").hits[0].document.symbol == "IP/C/W/668"
    with Store(settings.data) as store:
        assert {e.symbol for e in store.entries()} == {"IP/C/W/668", "IP/C/W/669"}
    # ...and the next runs work too: crawl, index, index --rebuild.
    assert _crawl(settings, site).startswith("listed 2, new 0, changed 0, unchanged 2")
    assert index_store(settings, rebuild=True).indexed == 2


def test_a_10000_character_symbol_does_not_stop_the_documents_after_it_issue_7(tmp_path: Path) -> None:
    site = FaultySite()
    long_row = next(r for r in _hostile_rows(site) if r["symbols"] == [LONG])
    long_row["symbols"] = [LONG, "IP/C/W/667"]  # listed first, with a valid co-symbol
    site.injected = [long_row]
    settings = _settings(tmp_path)
    summary = _crawl(settings, site, CrawlPlan(patterns=("IP/C/W/66*",)))
    assert summary.startswith("listed 3, new 3")
    with Store(settings.data) as store:
        names = [e.document.path.name for e in store.entries() if e.document.path]
    assert max(len(name) for name in names) <= 124


def test_a_download_that_keeps_failing_is_left_alone_after_three_runs_issue_7(tmp_path: Path) -> None:
    site = FaultySite(faults=[Fault("w669.pdf", "status", status=404, times=99)])
    settings = _settings(tmp_path)

    def asked() -> int:
        return sum(1 for r in site.requests if "w669.pdf" in str(r.url).lower())

    for run in (1, 2, 3):
        assert "failed 1" in _crawl(settings, site)
        assert asked() == run
    assert "failed 0" in _crawl(settings, site)  # a fourth run leaves it alone...
    assert asked() == 3
    with Store(settings.data) as store:
        entry = store.get("IP/C/W/669", "en")
        assert entry is not None and entry.status is Status.FAILED and entry.failures == 3
    assert "failed 1" in _crawl(settings, site, CrawlPlan(patterns=("IP/C/W/66*",), retry_failed=True))
    assert asked() == 4  # ...until asked to retry


def test_a_document_the_index_cannot_take_fails_alone_issue_7(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fields = index_writer.index_fields

    def poisoned(doc: Document) -> dict[str, object]:
        values = real_fields(doc)
        if doc.symbol == "IP/C/W/668":
            values["year"] = "not a year"  # fails in the middle of the document, after other fields
        return values

    monkeypatch.setattr(index_writer, "index_fields", poisoned)
    settings = _settings(tmp_path)
    site = FaultySite()
    assert _crawl(settings, site, CrawlPlan(patterns=("IP/C/W/6*",))).endswith("; indexed 21, unreadable 1")
    with Store(settings.data) as store:
        failed = [e for e in store.entries() if e.status is Status.FAILED]
        assert [(e.symbol, e.failures) for e in failed] == [("IP/C/W/668", 1)]
        assert failed[0].reason.startswith("IP/C/W/668|en: cannot be indexed: ")
        assert failed[0].document.path is not None and failed[0].document.path.is_file()  # the file is kept
    # The documents written around it are whole: each symbol finds its own stored fields.
    with Searcher(settings.data.index) as searcher:
        for symbol in ("IP/C/W/658", "IP/C/W/669", "IP/C/W/647/Add.3"):
            assert searcher.search(symbol).hits[0].document.symbol == symbol
        assert searcher.search("IP/C/W/668").total == 0
    monkeypatch.setattr(index_writer, "index_fields", real_fields)
    assert index_store(settings).indexed == 1  # the next run retries it, and it goes in


def test_list_shows_a_document_that_failed_indexing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from ipcw.cli import cli

    monkeypatch.setattr(index_writer, "index_fields", lambda doc: {"year": "x", "key": doc.key})
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path), "crawl", "--source", "fixtures", "--symbol", "IP/C/W/669"],
        env={"IPCW_CONFIG": "/nonexistent"},
    )
    assert result.exit_code == 5, result.output
    args = ["--data-dir", str(tmp_path), "list", "--status", "failed", "--format", "json"]
    listed = CliRunner().invoke(cli, args)
    rows = json.loads(listed.stdout)
    assert [(r["symbol"], r["status"]) for r in rows] == [("IP/C/W/669", "failed")]
    assert "cannot be indexed" in rows[0]["reason"]


def test_a_newer_version_that_cannot_be_fetched_leaves_the_stored_one_stale_issue_7(tmp_path: Path) -> None:
    site = FaultySite()
    settings = _settings(tmp_path)
    assert _crawl(settings, site).startswith("listed 2, new 2")
    _row(site, "IP/C/W/669")["date"] = "2020-10-05"  # the listing announces a new version...
    site.faults = [Fault("w669.pdf", "status", status=404, times=99)]  # ...that cannot be fetched

    def asked() -> int:
        return sum(1 for r in site.requests if "w669.pdf" in str(r.url).lower())

    before = asked()
    for run in (1, 2, 3):
        assert "failed 1" in _crawl(settings, site)
        assert asked() == before + run
    with Store(settings.data) as store:
        entry = store.get("IP/C/W/669", "en")
        assert (
            entry is not None
            and entry.held
            and entry.document.path is not None
            and entry.document.path.is_file()
        )
        assert (entry.status, entry.failures) == (Status.STALE, 3)
        assert entry.reason == "a newer version could not be fetched (HTTP 404); the stored one is kept"
    with Searcher(settings.data.index) as searcher:  # the stored version is still found
        assert searcher.search("IP/C/W/669").hits[0].document.symbol == "IP/C/W/669"
    assert "failed 0" in _crawl(settings, site) and asked() == before + 3  # then left alone
    site.faults.clear()
    retried = _crawl(settings, site, CrawlPlan(patterns=("IP/C/W/66*",), retry_failed=True))
    assert "unchanged 2" in retried and asked() == before + 4  # asked again: the file had not changed
    with Store(settings.data) as store:
        entry = store.get("IP/C/W/669", "en")
        assert entry is not None and (entry.status, entry.failures, entry.reason) == (Status.OK, 0, "")


def test_a_new_version_the_index_cannot_take_leaves_the_version_indexed_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replacement is added before the indexed version is deleted: when it fails, the version
    indexed before is still found (AtomicSegmentWriter.update_document)."""
    settings = _settings(tmp_path)
    crawled = _crawl(settings, FaultySite(), CrawlPlan(patterns=("IP/C/W/66*",)))
    assert crawled.endswith("; indexed 2, unreadable 0")
    with Store(settings.data) as store:
        store.reset_indexed("IP/C/W/669|en")  # as if a new version had to be indexed
    real_fields = index_writer.index_fields

    def poisoned(doc: Document) -> dict[str, object]:
        return {**real_fields(doc), "year": "not a year"}

    monkeypatch.setattr(index_writer, "index_fields", poisoned)
    report = index_store(settings)
    assert report.indexed == 0 and [f.what for f in report.unreadable] == ["IP/C/W/669|en"]
    with Searcher(settings.data.index) as searcher:
        assert [h.document.key for h in searcher.search("IP/C/W/669", limit=1).hits] == ["IP/C/W/669|en"]
        assert searcher.search("covid-19").total == 1
