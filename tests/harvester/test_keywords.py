"""Keyword crawls: the site's title-search logic on listing titles, and the three scripted searches
of the WTO TRIPS technical-cooperation page reproduced as one command each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ipcw.datadir import DataDir
from ipcw.errors import QueryError
from ipcw.fixtures import ReplaySite
from ipcw.harvester import CrawlPlan, PoliteClient, Store, crawl, make_client
from ipcw.harvester.keywords import TitleMatcher
from ipcw.indexer import first_page_title
from ipcw.indexer.pool import ExtractionPool
from tests.replay_server import serve

COUNCIL = "Council for Trade-Related Aspects of Intellectual Property Rights"
MEMBERS = f"{COUNCIL} - Technical cooperation activities : information from members - Japan"
ACTIVITIES = "Technical cooperation activities : information from"
IGOS = f"{COUNCIL} - {ACTIVITIES} other intergovernmental organizations - WHO"


@pytest.mark.parametrize(
    ("keywords", "title", "verdict"),
    [
        ("technical cooperation and member", MEMBERS, True),  # "member" matches "members"
        ("technical cooperation and member", IGOS, False),
        ("TECHNICAL Cooperation AND Intergovernmental Organizations", IGOS, True),
        ("technical cooperation not who", IGOS, False),
        ("japan or who", IGOS, True),
        ('"information from members"', MEMBERS, True),
        ('"members information"', MEMBERS, False),
        ("intergov*", IGOS, True),
        ("coopération", MEMBERS, True),  # accents folded
        ("technical near/4 members", MEMBERS, True),  # issue 10: cooperation activities : information from
        ("technical near/3 members", MEMBERS, False),
        ("members near japan", MEMBERS, True),  # either order
        ('title:("information from" near/0 members)', MEMBERS, True),
        ("title:japan", MEMBERS, True),
        ("technical near technical", MEMBERS, False),  # one word is not near itself, as in the index
    ],
)
def test_title_logic(keywords: str, title: str, verdict: bool) -> None:
    assert TitleMatcher(keywords)(title) is verdict


@pytest.mark.parametrize("keywords", ["origin:igo", "text:wipo", "year:2015", "not submitter:japan"])
def test_a_title_search_refuses_what_only_the_document_can_tell_issue_10(keywords: str) -> None:
    with pytest.raises(QueryError, match="a title search cannot use"):
        TitleMatcher(keywords)


def test_elided_titles_are_unknown_not_false() -> None:
    elided = f"{COUNCIL} - Technical cooperation activi[...]ental organizations - UNCTAD"
    assert TitleMatcher("technical cooperation and member")(elided) is None
    assert TitleMatcher("unctad")(elided) is True
    assert TitleMatcher("council and not wto")(elided) is None


def _crawl(tmp_path: Path, keywords: str, route: str) -> set[str]:
    """A keyword crawl over real HTTP, against the replay on a loopback server."""
    with (
        serve(ReplaySite()) as base_url,
        make_client("ipcw-tests", 10.0) as client,
        Store(DataDir(tmp_path / route)) as store,
        ExtractionPool(workers=1) as pool,
    ):
        report = crawl(
            CrawlPlan(keywords=keywords, route=route),
            PoliteClient(client, delay=0),
            store,
            base_url,
            title_of=lambda content: first_page_title(content, pool),
        )
        symbols = {e.symbol for e in store.entries()}
    assert report.listed == len(symbols)
    return symbols


def _expected(judged: dict[str, Any], origin: str | None) -> set[str]:
    return {
        t["symbol"]
        for t in judged["documents"]
        if t["language"] == "en"
        and t["topic"] == "technical-cooperation"
        and t["symbol"].startswith("IP/C/W/")
        and (origin is None or t["origin"] == origin)
    }


@pytest.mark.parametrize("route", ["xml", "html"])
@pytest.mark.parametrize(
    ("keywords", "origin"),
    [
        ("technical cooperation", None),
        ("technical cooperation and member", "member"),
        ("technical cooperation and intergovernmental organizations", "igo"),
    ],
)
def test_scripted_searches_reproduce(
    tmp_path: Path, judged: dict[str, Any], keywords: str, origin: str | None, route: str
) -> None:
    assert _crawl(tmp_path, keywords, route) == _expected(judged, origin)
