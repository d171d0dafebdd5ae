"""Shared test fixtures: the replayed site (in-process and on a loopback socket) and an index
built once per session from a full crawl of it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.fixtures import JUDGED_FILE, ReplaySite
from ipcw.harvester import CrawlPlan, PoliteClient, Store, make_client
from ipcw.pipeline import FIXTURE_BASE_URL, run_crawl
from tests.faulty_site import FaultySite
from tests.replay_server import serve

ALL_SERIES = ("IP/C/W/*", "IP/C/R/TC/*")


@pytest.fixture
def site() -> FaultySite:
    """The fixture site, its files replaceable and its faults injectable."""
    return FaultySite()


@pytest.fixture
def fetcher(site: ReplaySite) -> Iterator[PoliteClient]:
    client = make_client("ipcw-tests", 10.0, httpx.MockTransport(site.handle))
    with client:
        yield PoliteClient(client, delay=0, backoff=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(DataDir(tmp_path / "data")) as s:
        yield s


@pytest.fixture
def live_site() -> Iterator[tuple[ReplaySite, str]]:
    """The replay behind a real HTTP server on 127.0.0.1; yields the site and its base URL."""
    replay = ReplaySite()
    with serve(replay) as base_url:
        yield replay, base_url


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a data directory holding the whole fixture site, crawled in all languages and indexed."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("built"),
        delay=0,
        base_url=FIXTURE_BASE_URL,
        languages=("en", "fr", "es"),
    )
    plan = CrawlPlan(patterns=ALL_SERIES, languages=settings.languages)
    report, indexed = run_crawl(settings, plan, httpx.MockTransport(ReplaySite().handle))
    assert report.failed == 0 and indexed is not None and not indexed.unreadable
    return settings


@pytest.fixture(scope="session")
def built_fields(built: Settings) -> list[dict[str, object]]:
    """The index fields of every document of ``built``'s index, text included: what a writer is
    given for each."""
    from ipcw.indexer.writer import index_fields
    from ipcw.search import Searcher

    with Searcher(built.data.index) as searcher:
        found = searcher.search("not nothingsuchword", limit=None)
        docs = [searcher.lookup(h.document.symbol, h.document.language)[0].document for h in found.hits]
    return [{k: v for k, v in index_fields(doc).items() if v is not None} for doc in docs]


@pytest.fixture(scope="session")
def judged() -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(JUDGED_FILE.read_text(encoding="utf-8"))
    return truth


#: What the ``data`` fixture holds: the IP/C/W/6* documents in English and French (29 files).
PATTERNS = ("--symbol", "IP/C/W/6*", "--lang", "en,fr")


@pytest.fixture(scope="session")
def crawled_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory crawled from the fixtures with ``PATTERNS`` through the CLI, and indexed."""
    from tests.test_cli import run

    data = tmp_path_factory.mktemp("crawled") / "data"
    result = run(data, "crawl", "--source", "fixtures", *PATTERNS)
    assert result.exit_code == 0, result.stderr
    return data


@pytest.fixture
def data(crawled_data: Path, tmp_path: Path) -> Path:
    """A copy of ``crawled_data`` of the test's own, to damage at will."""
    return Path(shutil.copytree(crawled_data, tmp_path / "data"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the run (:mod:`tests.postgres_server`), its ``ipcw`` database's
    URL. In CI (``CI`` set) a missing PostgreSQL fails the tests that need it; elsewhere they are
    skipped, saying why."""
    from tests.postgres_server import binaries, postgres_server

    if binaries() is None:
        missing = "PostgreSQL is not installed (.ci/run installs postgresql and postgresql-contrib)"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    with postgres_server() as url:
        yield url
