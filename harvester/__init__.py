"""The harvester: list documents on WTO Documents Online, download them politely, store them.

Public API: :func:`crawl` with a :class:`CrawlPlan`, the :class:`Store` it writes to, and the
:class:`PoliteClient` it fetches with.
"""

from ipcw.harvester.client import Clock, Fetched, Fetcher, PoliteClient, SystemClock, make_client
from ipcw.harvester.crawl import CrawlLimits, CrawlPlan, CrawlReport, crawl
from ipcw.harvester.lock import DataDirLock
from ipcw.harvester.manifest import Entry
from ipcw.harvester.store import Store

__all__ = [
    "Clock",
    "CrawlLimits",
    "CrawlPlan",
    "CrawlReport",
    "DataDirLock",
    "Entry",
    "Fetched",
    "Fetcher",
    "PoliteClient",
    "Store",
    "SystemClock",
    "crawl",
    "make_client",
]
