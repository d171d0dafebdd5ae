"""Running searches on the index: filters, sorting, snippets, lookups by symbol."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from whoosh import query as wq

from ipcw.datadir import DataDir
from ipcw.errors import IndexMissingError, IpcwError, QueryError, StoreError
from ipcw.indexer.opening import damaged, let_go, open_searcher
from ipcw.indexer.schema import build_schema
from ipcw.indexer.text_cache import TextCache
from ipcw.models import LANGUAGES, Document, Hit
from ipcw.names import names_table
from ipcw.query import Node, field_values, parse_query, symbols_in
from ipcw.search import snippets
from ipcw.search.executor import Executor, Scores, best
from ipcw.search.results import (
    COVER_RULE,
    FACETS,
    LazyHits,
    SearchResult,
    check_page,
    document_of,
    facet_order,
    families_of,
)
from ipcw.search.snippets import Wanted
from ipcw.search.suggest import did_you_mean
from ipcw.search.whoosh_query import date_query, submitter_query, symbol_query, top_level
from ipcw.symbols import canonical_pattern, parse_symbol


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

    def __post_init__(self) -> None:
        """A filter of values given one value, or a language ipcw does not hold (a hand-edited
        alerts file, a library caller), is a :class:`QueryError`."""
        for name in ("origins", "submitters", "languages", "topics", "kinds", "symbols"):
            if isinstance(getattr(self, name), str):
                raise QueryError(f"the filter {name} takes a list of values, not {getattr(self, name)!r}")
        unknown = [lang for lang in self.languages if lang not in LANGUAGES]
        if unknown:
            raise QueryError(f"languages are {', '.join(LANGUAGES)}, not {', '.join(map(repr, unknown))}")

    def unknown_names(self, tree: Node) -> tuple[str, ...]:
        """The submitters asked for (here and by ``submitter:`` in the query ``tree``) that the
        names table does not know: searched as words of names, and said so."""
        named = (*self.submitters, *field_values(tree, "submitter"))
        return tuple(n for n in named if not names_table().is_known(n))

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


#: What a tier of a symbol query adds to a match's relevance (more than any relevance reaches), and
#: what each suffix of a match's own symbol takes away (less than any two relevances differ by).
TIER_BONUS = 1000.0
SUFFIX_PENALTY = 1e-6
#: How many of a document's words make the query for the documents most like it.
KEY_TERMS = 25


class Searcher:
    """Searches the index in the folder ``index_dir``. Use as a context manager, or call :meth:`close`.

    A searcher reads the generation current when it opens, whole, whatever a rebuild swaps in
    meanwhile. An index that cannot be read is an :class:`IndexDamagedError` saying how to repair it.
    """

    def __init__(self, index_dir: Path, texts: TextCache | None = None) -> None:
        self.root = index_dir
        #: Where the documents' texts are read (snippets, ``show --text``, ``similar``): the text
        #: cache of the data directory holding the index, unless given.
        self.texts = texts or TextCache(DataDir.holding_index(index_dir))
        self._index, self._searcher = open_searcher(index_dir)
        self._executor = Executor(self._searcher)
        self._in_language: dict[str, set[int]] | None = None
        if self._searcher.doc_count() == 0:
            self.close()
            raise IndexMissingError(
                f"the search index in {index_dir} is empty: harvest documents with `ipcw crawl` "
                "or add PDFs with `ipcw import`"
            )
        # Queries are analysed as this version indexes (its analyzers are guarded), whatever the
        # version that pickled the index's own schema.
        self.schema = build_schema()

    @cached_property
    def _symbol_column(self) -> Any:
        """Each document's symbol by document number (the column's offsets read once a searcher)."""
        return self._searcher.reader().column_reader("symbol")

    def close(self) -> None:
        self._executor.close()
        try:
            self._searcher.close()
            self._index.close()
        except Exception as exc:  # a damaged index may fail even to close: it is read-only here
            let_go(exc)

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Whoosh meets some damage only when it reads postings or stored fields: what it raises
        then is an :class:`IndexDamagedError`."""
        try:
            yield
        except IpcwError:
            raise
        except Exception as exc:
            raise damaged(self.root, exc) from exc

    def search(
        self,
        text: str,
        filters: Filters | None = None,
        limit: int | None = 10,
        sort: str = "relevance",
        facets: bool = False,
        by_family: bool = False,
    ) -> SearchResult:
        """The top ``limit`` hits of ``text`` that pass ``filters``, and how many documents match
        in all; with ``facets``, counts over every matching document (:data:`FACETS`).

        With ``limit=None``, every hit, made one at a time as the result's hits are read (their
        snippets too): read them while the searcher is open. With ``by_family``, each family once
        (``limit`` families): see :attr:`SearchResult.families`."""
        check_page(sort, limit)
        tree = parse_query(text)
        filters = filters or Filters()
        q = top_level(self.schema, tree, filters.languages)
        with self._reading():
            shown = None if by_family else limit
            ranked, matched = self._top(q, shown, filters.to_whoosh(), sort=sort, symbols=symbols_in(tree))
            want = snippets.wanted(tree)
            lazy = LazyHits(ranked, lambda docnum, score: self._hit(docnum, score, want), self._document)
            hits: Sequence[Hit] = lazy if limit is None or by_family else list(lazy)
            families = None
            if by_family:
                hits, families = self._by_family(ranked, limit, want)
            counted = self._facets(matched) if facets else None
            missing = tuple(s for s in symbols_in(tree) if not self._holds(s))
            suggestion = did_you_mean(self._searcher.reader(), text, tree, filters.languages)
        unknown = filters.unknown_names(tree)
        return SearchResult(text, len(matched), hits, counted, missing, unknown, suggestion, families)

    def _by_family(
        self, ranked: list[tuple[int, float]], limit: int | None, want: Wanted
    ) -> tuple[list[Hit], dict[str, list[tuple[str, tuple[str, ...]]]]]:
        """The first ``limit`` families among ``ranked``, in the order of their best hit: for each,
        its base document's best copy when it matched (else the best hit), and the family's other
        matching symbols. Only the hits shown are made whole (snippets); the rest are symbols."""
        column = self._symbol_column
        shown, members = [], {}
        for rank, others in families_of([_text(column[docnum]) for docnum, _ in ranked], limit):
            head = self._hit(*ranked[rank], want)
            shown.append(head)
            members[head.document.symbol] = [(symbol, self._languages_of(symbol)) for symbol in others]
        return shown, members

    def _holding(self, field: str, term: str) -> set[int]:
        """The documents holding ``term`` in ``field``."""
        return self._executor.docs(wq.Term(field, term))

    def _holds(self, symbol: str) -> bool:
        """Whether some document in the index carries ``symbol`` (as its own or a co-symbol)."""
        with self._reading():
            return bool(self._searcher.doc_frequency("symbols", symbol.lower()))

    def _ranking(self, symbols: list[str]) -> tuple[Scores, Callable[[int], float]]:
        """What raises and lowers each match's relevance to its final score: raised by a tier when
        the query names a symbol (:data:`TIER_BONUS` a tier: the document itself, then its
        descendants, then the rest of its family, then anything else), lowered by a hair for each
        suffix of the match's own symbol, so that an addendum or corrigendum that matches as well as
        the document it belongs to comes after it. A document is itself whichever of its symbols is
        asked for (a co-symbol too): the tiers are read from the index's ``symbols`` and ``family``
        terms. Returns each raised document's bonus and the penalty of any document."""
        reader = self._searcher.reader()
        column = self._symbol_column
        tiers: list[set[int]] = [set(), set(), set()]  # itself, its descendants, its family
        for wanted in map(parse_symbol, symbols):
            exact = str(wanted).lower()
            tiers[0] |= self._holding("symbols", exact)
            for term in reader.expand_prefix("symbols", f"{exact}/"):
                tiers[1] |= self._holding("symbols", _text(term))
            tiers[2] |= self._holding("family", wanted.base.lower())
        bonus: Scores = {}
        for tier in (2, 1, 0):  # a document in two tiers is in the first
            bonus.update(dict.fromkeys(tiers[tier], TIER_BONUS * (3 - tier)))

        def penalty(docnum: int) -> float:
            return SUFFIX_PENALTY * _suffixes(_text(column[docnum]))

        return bonus, penalty

    def _top(
        self,
        q: wq.Query,
        limit: int | None,
        filt: wq.Query | None = None,
        mask: set[int] | None = None,
        sort: str = "relevance",
        symbols: list[str] | None = None,
    ) -> tuple[list[tuple[int, float]], set[int]]:
        """The top ``limit`` hits of ``q`` (all with ``None``) that match the filter ``filt`` and
        are not in ``mask``, each with its final score, and every document that matches so, from one
        pass over the postings (:mod:`ipcw.search.executor`): totals and facets are exact.

        Ranked by relevance (with ``symbols``, the query's symbols, raised and lowered as
        :meth:`_ranking` says; with ``None``, by relevance alone), or with ``sort`` ``date`` newest
        first, each hit keeping its final score."""
        scores = self._executor.scores(q)
        if filt is not None:
            allowed = self._executor.docs(filt)
            scores = {d: score for d, score in scores.items() if d in allowed}
        if mask:
            scores = {d: score for d, score in scores.items() if d not in mask}
        bonus, penalty = self._ranking(symbols) if symbols is not None else ({}, _no_penalty)
        if sort == "date":
            newest = self._executor.newest_first(list(scores), "date", limit)
            return [(d, scores[d] + bonus.get(d, 0.0) - penalty(d)) for d in newest], set(scores)
        return best(scores, limit, bonus, penalty), set(scores)

    def _facets(self, matched: set[int]) -> dict[str, dict[str, int]]:
        """For each of :data:`FACETS`, its values among ``matched`` documents and their counts, most
        frequent first (years in order): from the index's terms and columns, no stored text read."""
        counted: dict[str, dict[str, int]] = {}
        for name in FACETS:
            if name == "year":
                # A document without a date holds the column's default (0, or the largest int).
                years = self._executor.column_counts("year", matched)
                counted[name] = facet_order(name, {str(y): n for y, n in years.items() if 0 < y < 10000})
                continue
            counted[name] = facet_order(name, self._executor.counts(name, matched))
        return counted

    def _hit(self, docnum: int, score: float, want: Wanted) -> Hit:
        """The hit of document ``docnum``, with its snippet (guarded: it is made after the search
        returns when the hits are read one at a time)."""
        with self._reading():
            return self._made_hit(docnum, score, want)

    def _document(self, docnum: int) -> Document:
        """The document ``docnum`` (guarded as :meth:`_hit` is)."""
        with self._reading():
            return document_of(self._searcher.stored_fields(docnum))

    def _made_hit(self, docnum: int, score: float, want: Wanted) -> Hit:
        stored = self._searcher.stored_fields(docnum)
        snippet = snippets.of_body(self._text_of(stored), stored.get("lang", "en"), want)
        held = self._languages_of(stored["symbol"])
        return Hit(document_of(stored), round(float(score), 4), snippet, held)

    def text_of(self, doc: Document) -> str | None:
        """The text of ``doc`` from the text cache (``None`` when it is not cached)."""
        return self.texts.text(doc.sha256)

    def _text_of(self, stored: Any) -> str:
        """The text of a hit (or its stored fields) from the text cache; ``""`` when not cached."""
        return self.texts.text(stored.get("sha256", "")) or ""

    def _languages_of(self, symbol: str) -> tuple[str, ...]:
        """The languages in which the index holds ``symbol``, in :data:`LANGUAGES` order."""
        if self._in_language is None:  # each language's documents, read once a searcher
            self._in_language = {lang: self._holding("lang", lang) for lang in LANGUAGES}
        copies = self._holding("symbol", symbol)
        return tuple(lang for lang, docs in self._in_language.items() if copies & docs)

    def similar(self, symbol: str, language: str | None = None, limit: int = 10) -> SearchResult:
        """The documents most like ``symbol`` (its copy in ``language``, else its first): the
        :data:`KEY_TERMS` words of its body that set it apart most (Whoosh's Bo1 model; words in half
        the documents of its language or more left out), searched
        in the text of its language; the document itself, in every language, left out."""
        own = self.lookup(symbol, language)
        if not own:
            return SearchResult(f"similar to {symbol}", 0, missing=(canonical_pattern(symbol),))
        doc = own[0].document
        if not doc.text:
            raise StoreError(
                f"the text of {doc.key} is not in the text cache: `ipcw check --repair` reads it again"
            )
        body = COVER_RULE.split(doc.text, maxsplit=1)[-1]
        field = f"text_{doc.language}"
        with self._reading():
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
            itself = self._executor.docs(wq.Term("symbol", doc.symbol))
            ranked, matched = self._top(q, limit, mask=itself)
            want = Wanted(stems=tuple(word for word, _ in terms))
            hits = [self._hit(docnum, score, want) for docnum, score in ranked]
        return SearchResult(f"similar to {doc.symbol}", len(matched), hits)

    def lookup(self, symbol: str, language: str | None = None, with_text: bool = True) -> list[Hit]:
        """The entries of one symbol (every language, or one), their documents with their full text
        (read from the text cache; without ``with_text``, none is read)."""
        exact = wq.Term("symbol", canonical_pattern(symbol))
        filt = wq.Term("lang", language) if language else None
        with self._reading():
            found = [
                Hit(document_of(hit.fields(), text=self._text_of(hit) if with_text else ""))
                for hit in self._searcher.search(exact, limit=len(LANGUAGES), filter=filt)
            ]
        order = {lang: i for i, lang in enumerate(LANGUAGES)}
        return sorted(found, key=lambda hit: order.get(hit.document.language, 9))

    def documents(self, filters: Filters | None = None) -> list[Document]:
        """Every document that passes ``filters`` (all without), as the index holds it (no text),
        in the order of the index."""
        filt = (filters or Filters()).to_whoosh()
        with self._reading():
            reader = self._searcher.reader()
            docnums = sorted(self._executor.docs(filt)) if filt is not None else reader.all_doc_ids()
            return [document_of(self._searcher.stored_fields(docnum)) for docnum in docnums]


@lru_cache(maxsize=100_000)
def _suffixes(symbol: str) -> int:
    """How many suffixes (``/Add.3``, ``/Corr.1``) ``symbol`` has: read once a symbol, as every
    match of every search asks."""
    return len(parse_symbol(symbol).suffixes)


def _no_penalty(docnum: int) -> float:
    """No document's relevance lowered (a search for similar documents)."""
    return 0.0


def _text(value: Any) -> str:
    """A term or column value of the index as text (Whoosh gives bytes or str, by field type)."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
