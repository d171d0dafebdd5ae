"""Every row of the README's query-syntax table, run through the real index built from the whole
fixture site: the documents found are exactly those the row says, computed here from the stored
texts (English copies, with the index's own analyzer as the definition of a word)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ipcw.config import Settings
from ipcw.indexer import text_analyzer
from ipcw.indexer.opening import open_searcher
from ipcw.indexer.schema import word_analyzer
from ipcw.indexer.text_cache import TextCache
from ipcw.search import Filters, Searcher

README = Path(__file__).resolve().parents[2] / "README.md"
ENGLISH = Filters(languages=("en",))


class Doc:
    """One English document of the index, as the oracle sees it: its stems in order, its words."""

    def __init__(self, stored: dict[str, Any], content: str) -> None:
        self.key = str(stored["key"])
        self.symbols = [s.upper() for s in str(stored.get("symbols", "")).split(",") if s]
        self.title, self.content = str(stored.get("title", "")), content
        text = f"{self.title}\n{self.content}"
        self.stems = [t.text for t in text_analyzer("en")(text)]
        self.stem_set = set(self.stems)
        self.words = {t.text for t in word_analyzer()(text)}
        self.language, self.origin = stored.get("lang"), stored.get("origin")
        self.topic, self.kind = stored.get("topic"), stored.get("kind")
        self.submitters = str(stored.get("submitter", "")).split("|")
        self.date: date | None = stored["date"].date() if stored.get("date") else None

    def has(self, word: str, where: str | None = None) -> bool:
        stems = set(_stems({"title": self.title, "text": self.content}[where])) if where else self.stem_set
        return all(stem in stems for stem in _stems(word))

    def has_phrase(self, phrase: str, where: str | None = None) -> bool:
        stems = _stems({"title": self.title, "text": self.content}[where]) if where else self.stems
        wanted = _stems(phrase)
        return any(stems[i : i + len(wanted)] == wanted for i in range(len(stems)))

    def near(self, one: str, other: str, distance: int) -> bool:
        """Both in one field (the title or the text), at most ``distance`` words between them."""
        for field in (self.title, self.content):
            stems = _stems(field)
            a, b = _places(stems, _stems(one)), _places(stems, _stems(other))
            if any(
                max(i, j) - min(i + len(_stems(one)), j + len(_stems(other))) <= distance
                for i in a
                for j in b
            ):
                return True
        return False

    def issued(self, start: date, end: date) -> bool:
        return self.date is not None and start <= self.date <= end

    def has_prefix(self, prefix: str) -> bool:
        return any(word.startswith(prefix) for word in self.words)


def _stems(text: str) -> list[str]:
    return [t.text for t in text_analyzer("en")(text)]


def _places(stems: list[str], wanted: list[str]) -> list[int]:
    return [i for i in range(len(stems) - len(wanted) + 1) if stems[i : i + len(wanted)] == wanted]


#: What each row of the table finds, said again independently of the query parser.
ORACLES: dict[str, Callable[[Doc], bool]] = {
    "technical cooperation": lambda d: d.has("technical") and d.has("cooperation"),
    "technical cooperation and member": lambda d: all(map(d.has, ("technical", "cooperation", "member"))),
    "wipo or unctad": lambda d: d.has("wipo") or d.has("unctad"),
    "cooperation not secretariat": lambda d: d.has("cooperation") and not d.has("secretariat"),
    '"plant varieties"': lambda d: d.has_phrase("plant varieties"),
    "cooperat*": lambda d: d.has_prefix("cooperat"),
    '(wipo or who) and "public health"': lambda d: (
        (d.has("wipo") or d.has("who")) and d.has_phrase("public health")
    ),
    "IP/C/W/647": lambda d: any(s == "IP/C/W/647" or s.startswith("IP/C/W/647/") for s in d.symbols),
    "IP/C/W/64*": lambda d: any(s.startswith("IP/C/W/64") for s in d.symbols),
    "IP/C/R/TC/*": lambda d: any(s.startswith("IP/C/R/TC/") for s in d.symbols),
    "technical near assistance": lambda d: d.near("technical", "assistance", 5),
    '"plant varieties" near/10 training': lambda d: d.near("plant varieties", "training", 10),
    "title:cooperation": lambda d: d.has("cooperation", "title"),
    'text:"public health"': lambda d: d.has_phrase("public health", "text"),
    "origin:igo workshop": lambda d: d.origin == "igo" and d.has("workshop"),
    "submitter:japon": lambda d: "Japan" in d.submitters,
    "symbol:IP/C/W/65*": lambda d: any(s.startswith("IP/C/W/65") for s in d.symbols),
    "lang:en seminar": lambda d: d.language == "en" and d.has("seminar"),
    "year:2015..2019 cooperation": lambda d: (
        d.issued(date(2015, 1, 1), date(2019, 12, 31)) and d.has("cooperation")
    ),
    "date:2019-10-01..2019-12-31": lambda d: d.issued(date(2019, 10, 1), date(2019, 12, 31)),
    "topic:article-66.2": lambda d: d.topic == "article-66.2",
    "kind:communication": lambda d: d.kind == "communication",
}


def readme_queries() -> list[str]:
    """The queries of the README's query-syntax table, as written there."""
    section = README.read_text(encoding="utf-8").split("### Query syntax", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [query for row in rows for query in re.findall(r"`([^`]+)`", row.split("|")[1])]


@pytest.fixture(scope="module")
def english(built: Settings) -> list[Doc]:
    index, searcher = open_searcher(built.data.index)
    try:
        texts = TextCache(built.data)  # the text is not stored in the index: the cache holds it
        return [
            Doc(fields, texts.text(fields["sha256"]) or "")
            for fields in searcher.all_stored_fields()
            if fields.get("lang") == "en"
        ]
    finally:
        searcher.close()
        index.close()


@pytest.fixture(scope="module")
def searcher(built: Settings) -> Iterator[Searcher]:
    with Searcher(built.data.index) as s:
        yield s


def test_every_row_of_the_readme_table_has_its_test() -> None:
    assert sorted(readme_queries()) == sorted(ORACLES)


@pytest.mark.parametrize("query", readme_queries())
def test_each_readme_query_finds_exactly_what_the_table_says(
    query: str, english: list[Doc], searcher: Searcher
) -> None:
    expected = {d.key for d in english if ORACLES[query](d)}
    result = searcher.search(query, ENGLISH, limit=1000)
    found = {f"{h.document.symbol}|{h.document.language}" for h in result.hits}
    assert expected, f"the fixtures hold no document for {query!r}: the row tests nothing"
    assert found == expected
    assert result.total == len(expected)


def test_a_symbol_puts_the_document_itself_first(searcher: Searcher) -> None:
    assert searcher.search("IP/C/W/647", ENGLISH).hits[0].document.symbol == "IP/C/W/647"
