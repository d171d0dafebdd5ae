"""Crawls for tests: over loopback HTTP from a replayed site, on a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ipcw.config import Settings
from ipcw.datadir import DataDir
from ipcw.fixtures import ReplaySite
from ipcw.harvester import Clock, CrawlPlan, CrawlReport, Store
from ipcw.pipeline import run_crawl
from tests.replay_server import serve


class FakeClock:
    """Implements :class:`ipcw.harvester.Clock`: ``sleep`` moves ``time`` on at once, and is recorded."""

    def __init__(self) -> None:
        self.time = 0.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += seconds


@contextmanager
def crawled(
    tmp_path: Path, site: ReplaySite, plan: CrawlPlan, clock: Clock | None = None, **settings: object
) -> Iterator[tuple[CrawlReport, Store]]:
    """Crawl ``plan`` from ``site`` served on a loopback port, without indexing; waits cost no time
    unless a real ``clock`` is given (a test of the deadline needs one)."""
    with serve(site) as base_url:
        options: dict[str, object] = {"delay": 0, "timeout": 2.0, "max_attempts": 3, **settings}
        config = Settings(data_dir=tmp_path / "data", base_url=base_url, languages=plan.languages, **options)  # type: ignore[arg-type]
        report, _ = run_crawl(config, plan, index=False, clock=clock or FakeClock())
    with Store(DataDir(config.data_dir)) as store:
        yield report, store
