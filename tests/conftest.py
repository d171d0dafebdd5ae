"""Shared test fixtures: the replayed site (in-process and on a loopback socket) and an index
built once per session from a full crawl of it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.fixtures import JUDGED_FILE, ReplaySite
from ipcw.harvester import CrawlPlan, PoliteClient, Store, make_client
from ipcw.pipeline import FIXTURE_BASE_URL, run_crawl
from tests.faulty_site import FaultySite
from tests.replay_server import serve

if TYPE_CHECKING:
    from ipcw.models import Document
    from ipcw.search import Engine

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


def database_url(server_url: str, name: str) -> str:
    """The URL of a database ``name`` on the test server, made anew (empty)."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def built_postgres(built: Settings, postgres_url: str) -> str:
    """The URL of a PostgreSQL index (a database of its own) holding what ``built``'s store holds,
    written by ``ipcw index --index-url``'s library call."""
    from ipcw.to_postgres import fill_database

    url = database_url(postgres_url, "ipcw_built")
    written = fill_database(built, url)
    assert written.written and not written.unreadable
    return url


@pytest.fixture(scope="module", params=["whoosh", "postgres"])
def engine_settings(request: pytest.FixtureRequest, built: Settings) -> Settings:
    """``built``'s settings, searching its Whoosh index, then a PostgreSQL index of the same store
    (``index_url``): every test using it runs on both engines."""
    import dataclasses

    if request.param == "whoosh":
        return built
    return dataclasses.replace(built, index_url=request.getfixturevalue("built_postgres"))


#: Makes a searcher of an index holding the documents given, on one engine.
IndexOf = Callable[..., "Engine"]


@pytest.fixture(params=["whoosh", "postgres"])
def index_of(request: pytest.FixtureRequest, tmp_path: Path) -> IndexOf:
    """A maker of small indexes of the documents a test gives, on each engine in turn: a Whoosh
    index in ``tmp_path``, then a PostgreSQL database of its own written as ``ipcw index`` writes."""
    from ipcw.indexer import IndexWriter
    from ipcw.indexer.postgres import connected, migrate, refresh, write_batches, writing
    from ipcw.search import Searcher
    from ipcw.search.postgres import PostgresSearcher

    def whoosh(*docs: Document) -> Engine:
        with IndexWriter(tmp_path / "index") as writer:
            for doc in docs:
                writer.add(doc)
        return Searcher(tmp_path / "index")

    def postgres(*docs: Document) -> Engine:
        url = database_url(request.getfixturevalue("postgres_url"), "ipcw_small")

        def refused(doc: Document, error: Exception) -> None:
            raise error

        with connected(url) as connection, writing(connection):
            migrate(connection)
            for _ in write_batches(connection, docs, refused):
                pass
            refresh(connection)
        return PostgresSearcher(url)

    return whoosh if request.param == "whoosh" else postgres
