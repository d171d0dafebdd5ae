"""Running searches on the index: filters, sorting, snippets, lookups by symbol."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, overload

from whoosh import collectors, highlight
from whoosh import query as wq

from ipcw.errors import IndexMissingError, IpcwError, QueryError
from ipcw.indexer.opening import damaged, let_go, open_searcher
from ipcw.indexer.schema import build_schema
from ipcw.models import LANGUAGES, SORTS, Document, Hit, Kind, Origin, Topic
from ipcw.names import names_table
from ipcw.query import field_values, parse_query, symbols_in
from ipcw.search.suggest import did_you_mean
from ipcw.search.whoosh_query import date_query, submitter_query, symbol_query, top_level
from ipcw.symbols import canonical_pattern, parse_symbol
from ipcw.text import fold_space

SNIPPET_CHARS = 240
#: The rule of underscores that ends a WTO cover.
_COVER_RULE = re.compile(r"_{10,}")


@dataclass(frozen=True)
class Filters:
    """Conditions every hit must meet, besides the query."""

    origins: tuple[str, ...] = ()
    submitters: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()  # patterns: "IP/C/W/64*", "IP/C/W/640/Add.3"
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def to_whoosh(self) -> wq.Query | None:
        parts: list[wq.Query] = []
        if self.origins:
            parts.append(wq.Or([wq.Term("origin", o) for o in self.origins]))
        if self.languages:
            parts.append(wq.Or([wq.Term("lang", lang) for lang in self.languages]))
        if self.topics:
            parts.append(wq.Or([wq.Term("topic", t) for t in self.topics]))
        if self.kinds:
            parts.append(wq.Or([wq.Term("kind", k) for k in self.kinds]))
        if self.submitters:
            parts.append(wq.Or([submitter_query(name) for name in self.submitters]))
        if self.symbols:
            parts.append(wq.Or([symbol_query(canonical_pattern(p)) for p in self.symbols]))
        start = self.date_from
        end = self.date_to
        if self.year is not None:
            start, end = (
                max(filter(None, (start, date(self.year, 1, 1)))),
                min(filter(None, (end, date(self.year, 12, 31)))),
            )
        if start or end:
            parts.append(date_query(start, end))
        return wq.And(parts) if parts else None


#: How many of a document's words make the query for the documents most like it.
KEY_TERMS = 25
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


class _LazyHits(Sequence[Hit]):
    """Every hit of a search, each made when it is read: a whole result set is never held."""

    def __init__(self, results: Any, make: Callable[[Any, float], Hit]) -> None:
        self._results, self._make = results, make

    def __len__(self) -> int:
        return int(self._results.scored_length())

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Hit]: ...
    def __getitem__(self, index: int | slice) -> Hit | Sequence[Hit]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        hit = self._results[index]
        return self._make(hit, hit.score or 0.0)

    def __iter__(self) -> Iterator[Hit]:
        for hit in self._results:
            yield self._make(hit, hit.score or 0.0)


class _Marker(highlight.Formatter):  # type: ignore[misc]  # Whoosh has no type hints
    """Marks matched words ``**like this**``: readable as text, easy to style or strip."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{highlight.get_text(text, token, replace)}**"


class _BodyFirst(highlight.BasicFragmentScorer):  # type: ignore[misc]  # Whoosh has no type hints
    """Whoosh's passage score, with ties going to a passage of the body (after the cover's rule of
    underscores) over one of the cover, then to the earliest. Whoosh itself breaks ties by the
    passages' memory addresses, so the same search could show another snippet each run."""

    def __init__(self) -> None:
        super().__init__()
        # The text last scored and where its body starts. The text itself is kept, not its id():
        # an id is reused once a text is freed, and another hit's text would get this one's body.
        self._text: str | None = None
        self._body_start = 0

    def __call__(self, fragment: Any) -> float:
        score: float = super().__call__(fragment)  # whole numbers: the bonuses below never outweigh
        text = fragment.text
        if text is not self._text:
            rule = _COVER_RULE.search(text)
            self._text, self._body_start = text, rule.end() if rule else 0
        in_body = 0.5 if fragment.startchar >= self._body_start else 0.0
        return score + in_body + 0.25 / (1 + int(fragment.startchar))


def _one_line(text: str) -> str:
    """A passage on one line: words hyphenated across a line break rejoined, whitespace folded."""
    return fold_space(re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text))


class Searcher:
    """Searches the index in the folder ``index_dir``. Use as a context manager, or call :meth:`close`.

    A searcher reads the generation current when it opens, whole, whatever a rebuild swaps in
    meanwhile. An index that cannot be read is an :class:`IndexDamagedError` saying how to repair it.
    """

    def __init__(self, index_dir: Path) -> None:
        self.root = index_dir
        self._index, self._searcher = open_searcher(index_dir)
        if self._searcher.doc_count() == 0:
            self.close()
            raise IndexMissingError(
                f"the search index in {index_dir} is empty: harvest documents with `ipcw crawl` "
                "or add PDFs with `ipcw import`"
            )
        # Queries are analysed as this version indexes (its analyzers are guarded), whatever the
        # version that pickled the index's own schema.
        self.schema = build_schema()

    def close(self) -> None:
        try:
            self._searcher.close()
            self._index.close()
        except Exception as exc:  # a damaged index may fail even to close: it is read-only here
            let_go(exc)

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def search(
        self,
        text: str,
        filters: Filters | None = None,
        limit: int | None = 10,
        sort: str = "relevance",
        facets: bool = False,
    ) -> SearchResult:
        """The top ``limit`` hits of ``text`` that pass ``filters``, and how many documents match
        in all; with ``facets``, counts over every matching document (:data:`FACETS`).

        With ``limit=None``, every hit, made one at a time as the result's hits are read (their
        snippets too): read them while the searcher is open."""
        if sort not in SORTS:
            raise QueryError(f"results are sorted by {' or '.join(SORTS)}, not {sort!r}")
        if limit is not None and limit < 1:
            raise QueryError(f"a search shows at least 1 hit, not {limit}")
        tree = parse_query(text)
        q = top_level(self.schema, tree)
        filt = (filters or Filters()).to_whoosh()
        kwargs: dict[str, Any] = {"limit": limit, "filter": filt, "terms": True}
        if sort == "date":
            kwargs["sortedby"] = "date"
            kwargs["reverse"] = True
        try:
            results, matched = self._top(q, **kwargs)
            results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
            results.formatter = _Marker()
            results.scorer = _BodyFirst()
            lazy = _LazyHits(results, self._hit)
            hits: Sequence[Hit] = lazy if limit is None else list(lazy)
            counted = self._facets(matched) if facets else None
        except IpcwError:
            raise
        except Exception as exc:  # damage Whoosh meets only when it reads postings or stored fields
            raise damaged(self.root, exc) from exc
        missing = tuple(s for s in symbols_in(tree) if not self._holds(s))
        named = (*(filters or Filters()).submitters, *field_values(tree, "submitter"))
        unknown = tuple(n for n in named if not names_table().is_known(n))
        suggestion = did_you_mean(self._searcher.reader(), text, tree, (filters or Filters()).languages)
        return SearchResult(text, len(matched), hits, counted, missing, unknown, suggestion)

    def _holds(self, symbol: str) -> bool:
        """Whether some document in the index carries ``symbol`` (as its own or a co-symbol)."""
        try:
            return bool(self._searcher.doc_frequency("symbols", symbol.lower()))
        except Exception as exc:  # as in search
            raise damaged(self.root, exc) from exc

    def _top(self, q: wq.Query, **kwargs: Any) -> tuple[Any, set[int]]:
        """The top hits of ``q``, exactly, and every document that matches (and passes the
        filter), from the same pass.

        Exactly: Whoosh's pruning by estimated quality (replacing a matcher by a cheaper one once
        the top N look settled) drops documents whose true score is higher, so a search for 1 hit
        could show another first than a search for 3; it is turned off, so every match is
        collected, and the innermost collector records each one it is given."""
        collector = self._searcher.collector(optimize=False, **kwargs)
        innermost = collector
        while hasattr(innermost, "child"):
            innermost = innermost.child
        if isinstance(innermost, collectors.ScoredCollector):
            innermost.replace = 0
        matched: set[int] = set()
        collect = innermost.collect

        def recording(sub_docnum: int) -> Any:
            matched.add(innermost.offset + sub_docnum)
            return collect(sub_docnum)

        innermost.collect = recording
        self._searcher.search_with_collector(q, collector)
        return collector.results(), matched

    def _facets(self, matched: set[int]) -> dict[str, dict[str, int]]:
        """For each of :data:`FACETS`, its values among ``matched`` documents and their counts, most
        frequent first (years in order): from the index's terms and columns, no stored text read."""
        reader = self._searcher.reader()
        counted: dict[str, dict[str, int]] = {}
        for name in FACETS:
            if name == "year":
                years = reader.column_reader("year")
                counts = Counter(str(years[docnum]) for docnum in matched if years[docnum])
                counted[name] = dict(sorted(counts.items()))
                continue
            counts = Counter()
            for term in reader.lexicon(name):
                hits = len(matched.intersection(reader.postings(name, term).all_ids()))
                if hits:
                    counts[term.decode("utf-8")] = hits
            counted[name] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        return counted

    def _hit(self, hit: Any, score: float) -> Hit:
        stored = hit.fields()
        lang = stored.get("lang", "en")
        content = stored.get("content", "")
        snippet = ""
        if hasattr(hit, "highlights"):
            snippet = _one_line(hit.highlights(f"text_{lang}", text=content, top=1))
            if not snippet:  # a prefix: matched among the words as written
                snippet = _one_line(hit.highlights("words", text=content, top=1))
        if not snippet:  # matched on symbol or title only: show the start of the body
            body = _COVER_RULE.split(content, maxsplit=1)[-1]
            snippet = _one_line(body[: SNIPPET_CHARS * 4])[:SNIPPET_CHARS]
        return Hit(_document(stored), score=round(float(score), 4), snippet=snippet)

    def similar(self, symbol: str, language: str | None = None, limit: int = 10) -> SearchResult:
        """The documents most like ``symbol`` (its copy in ``language``, else its first): the
        :data:`KEY_TERMS` words of its body that set it apart most (Whoosh's Bo1 model; words in half
        the documents of its language or more left out), searched
        in the text of its language; the document itself, in every language, left out."""
        own = self.lookup(symbol, language)
        if not own:
            return SearchResult(f"similar to {symbol}", 0, missing=(canonical_pattern(symbol),))
        doc = own[0].document
        body = _COVER_RULE.split(doc.text, maxsplit=1)[-1]
        field = f"text_{doc.language}"
        try:
            # Words in half the documents of the language or more ("the", the Council's name) say
            # nothing of this one: left out, whatever weight the model gives them.
            common = self._searcher.doc_frequency("lang", doc.language) / 2
            candidates = self._searcher.key_terms_from_text(field, body, numterms=KEY_TERMS * 3)
            terms = [
                (word, weight)
                for word, weight in candidates
                if len(word) > 2 and self._searcher.doc_frequency(field, word) < common
            ][:KEY_TERMS]
            q = wq.Or([wq.Term(field, word, boost=weight) for word, weight in terms])
            itself = set(self._searcher.docs_for_query(wq.Term("symbol", doc.symbol)))
            collector = self._searcher.collector(limit=limit, mask=itself, terms=True)
            self._searcher.search_with_collector(q, collector)
            results = collector.results()
            results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
            results.formatter = _Marker()
            results.scorer = _BodyFirst()
            hits = [self._hit(h, score=h.score or 0.0) for h in results]
        except IpcwError:
            raise
        except Exception as exc:  # as in search
            raise damaged(self.root, exc) from exc
        return SearchResult(f"similar to {doc.symbol}", len(results), hits)

    def lookup(self, symbol: str, language: str | None = None) -> list[Hit]:
        """The entries of one symbol (every language, or one), their documents with their full text."""
        exact = wq.Term("symbol", canonical_pattern(symbol))
        filt = wq.Term("lang", language) if language else None
        try:
            found = [
                Hit(_document(hit.fields(), text=hit.get("content", "")))
                for hit in self._searcher.search(exact, limit=len(LANGUAGES), filter=filt)
            ]
        except IpcwError:
            raise
        except Exception as exc:  # as in search
            raise damaged(self.root, exc) from exc
        order = {lang: i for i, lang in enumerate(LANGUAGES)}
        return sorted(found, key=lambda hit: order.get(hit.document.language, 9))


def _document(stored: dict[str, Any], text: str = "") -> Document:
    """The document the index's stored fields describe (its text only when asked for)."""
    when = stored.get("date")
    return Document(
        symbol=stored["symbol"],
        language=stored.get("lang", "en"),
        path=Path(stored["path"]) if stored.get("path") else None,
        text=text,
        title=stored.get("title", ""),
        date=when.date() if isinstance(when, datetime) else None,
        pages=stored.get("pages"),
        doc_number=stored.get("doc_number", ""),
        origin=Origin(stored["origin"]) if stored.get("origin") else None,
        submitters=_split(stored.get("submitter", ""), "|"),
        topic=Topic(stored.get("topic") or "other"),
        kind=Kind(stored.get("kind") or "communication"),
        speakers=_split(stored.get("speaker", ""), "|"),
        symbols=_split(stored.get("symbols", ""), ","),
    )


def _split(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(separator) if part)
