"""The harvester: list documents on WTO Documents Online, download them politely, store them.

Public API: :func:`crawl` with a :class:`CrawlPlan`, the :class:`Store` it writes to, and the
:class:`PoliteClient` it fetches with.
"""

from harvester.client import Fetched, Fetcher, PoliteClient, make_client
from harvester.crawl import CrawlLimits, CrawlPlan, CrawlReport, crawl
from harvester.lock import DataDirLock
from harvester.store import Entry, Store

__all__ = [
    "CrawlLimits",
    "CrawlPlan",
    "CrawlReport",
    "DataDirLock",
    "Entry",
    "Fetched",
    "Fetcher",
    "PoliteClient",
    "Store",
    "crawl",
    "make_client",
]
