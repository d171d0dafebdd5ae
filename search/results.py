"""What a search returns, and how its hits are made: :class:`SearchResult`, the hits of a
whole result set made one at a time, and the documents the index's stored fields describe (the
snippets are :mod:`ipcw.search.snippets`'s).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, overload

from ipcw.errors import QueryError
from ipcw.models import SORTS, Document, Hit, Kind, Origin, Topic
from ipcw.symbols import parse_symbol, sort_key
from ipcw.text import fold_space

#: The longest snippet, in characters.
SNIPPET_CHARS = 240
#: The rule of underscores that ends a WTO cover.
COVER_RULE = re.compile(r"_{10,}")


#: The facets of a result set: what each document's index fields say, counted over every hit.
FACETS = ("origin", "submitter", "year", "lang", "topic", "kind")


@dataclass
class SearchResult:
    query: str
    total: int  # every document that matches, from the same pass as the hits
    hits: Sequence[Hit] = field(default_factory=list)
    #: With ``facets``: for each of :data:`FACETS`, value → how many of the ``total`` documents.
    facets: dict[str, dict[str, int]] | None = None
    #: Symbols the query names that the index does not hold (their families are searched).
    missing: tuple[str, ...] = ()
    #: Submitters asked for that the names table does not know (searched as words of names).
    unknown_names: tuple[str, ...] = ()
    #: The query with the words the index does not hold corrected from its vocabulary, if any.
    suggestion: str | None = None
    #: Grouped by family: for each hit (a family's base document, or its best hit when the base did
    #: not match), the family's other documents that match, in symbol order, with their languages.
    families: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None

    def notices(self) -> list[str]:
        """What a reader must be told besides the hits: a symbol asked for that is not held, a
        submitter asked for that the names table does not know."""
        said = [
            f"{name!r} is not a name ipcw knows: searched as words of submitters' names"
            for name in self.unknown_names
        ]
        for symbol in self.missing:
            base = parse_symbol(symbol).base
            if self.hits:
                said.append(f"{symbol} is not in the index: showing its family ({base}) instead")
            else:
                said.append(f"{symbol} is not in the index, nor is any document of its family ({base})")
        if self.suggestion:
            said.append(f"did you mean: {self.suggestion}?")
        return said


class LazyHits(Sequence[Hit]):
    """Every hit of a search, each made when it is read: a whole result set is never held."""

    def __init__(
        self,
        ranked: Sequence[tuple[int, float]],
        make: Callable[[int, float], Hit],
        describe: Callable[[int], Document],
    ) -> None:
        #: Each hit's document number and final score, in order.
        self._ranked, self._make, self._describe = ranked, make, describe

    def __len__(self) -> int:
        return len(self._ranked)

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Hit]: ...
    def __getitem__(self, index: int | slice) -> Hit | Sequence[Hit]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self._make(*self._ranked[index])

    def __iter__(self) -> Iterator[Hit]:
        for docnum, score in self._ranked:
            yield self._make(docnum, score)

    def documents(self) -> Iterator[Document]:
        """The document of each hit, in order, without making the hit (no snippet): cheap."""
        for docnum, _ in self._ranked:
            yield self._describe(docnum)


def facet_order(name: str, counts: dict[str, int]) -> dict[str, int]:
    """A facet's values and their counts as every engine shows them: most frequent first (then by
    value), years in order."""
    if name == "year":
        return dict(sorted(counts.items(), key=lambda item: int(item[0])))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def check_page(sort: str, limit: int | None) -> None:
    """A :class:`QueryError` for a sort ipcw does not know, or a page of fewer than one hit."""
    if sort not in SORTS:
        raise QueryError(f"results are sorted by {' or '.join(SORTS)}, not {sort!r}")
    if limit is not None and limit < 1:
        raise QueryError(f"a search shows at least 1 hit, not {limit}")


def families_of(symbols: Sequence[str], limit: int | None) -> list[tuple[int, list[str]]]:
    """The first ``limit`` families (all with ``None``) among hits whose symbols are ``symbols``
    (in ranked order), in the order of their best hit: for each, the rank of the hit shown for it
    (its base document's best copy when it matched, else its best hit) and the family's other
    matching symbols, in symbol order."""
    order: dict[str, list[tuple[int, str]]] = {}  # family base -> (rank, symbol) of its hits
    for rank, symbol in enumerate(symbols):
        base = parse_symbol(symbol).base
        if base in order or limit is None or len(order) < limit:
            order.setdefault(base, []).append((rank, symbol))
    heads = []
    for base, found in order.items():
        rank = next((r for r, symbol in found if symbol == base), found[0][0])
        others = sorted({symbol for _, symbol in found if symbol != symbols[rank]}, key=sort_key)
        heads.append((rank, others))
    return heads


def one_line(text: str) -> str:
    """A passage on one line: words hyphenated across a line break rejoined, whitespace folded."""
    return fold_space(re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text))


def document_of(stored: dict[str, Any], text: str = "") -> Document:
    """The document the index's stored fields describe (its text only when asked for)."""
    when = stored.get("date")
    return Document(
        symbol=stored["symbol"],
        language=stored.get("lang", "en"),
        path=Path(stored["path"]) if stored.get("path") else None,
        sha256=stored.get("sha256", ""),
        text=text,
        title=stored.get("title", ""),
        date=when.date() if isinstance(when, datetime) else None,
        pages=stored.get("pages"),
        doc_number=stored.get("doc_number", ""),
        origin=Origin(stored["origin"]) if stored.get("origin") else None,
        submitters=split_list(stored.get("submitter", ""), "|"),
        topic=Topic(stored.get("topic") or "other"),
        kind=Kind(stored.get("kind") or "communication"),
        speakers=split_list(stored.get("speaker", ""), "|"),
        symbols=split_list(stored.get("symbols", ""), ","),
    )


def split_list(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(separator) if part)
