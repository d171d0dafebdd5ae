"""Searching a team's PostgreSQL index: what :class:`~ipcw.search.Searcher` does on the Whoosh
index, on ``ipcw_documents`` (:mod:`ipcw.indexer.postgres_schema`).

Each call reads one snapshot (a read-only, repeatable-read transaction): its hits, total and facets
agree, whatever a crawl commits meanwhile, and a batch is seen whole or not at all. The query
reaches SQL only as parameters (:mod:`ipcw.search.postgres_query`). Snippets are made by the same
code as the Whoosh index's (:func:`ipcw.search.snippets.of_body`), from the bodies of the hits
shown only. What differs from the Whoosh index is said in the README ("For a team").
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ipcw.errors import IndexMissingError, IpcwError, StoreError
from ipcw.indexer.postgres import connect, psycopg_module, schema_version, scrubbed, shown_url
from ipcw.indexer.postgres_schema import READABLE_FROM, ROW_VERSION, SCHEMA_VERSION
from ipcw.models import LANGUAGES, Document, Hit, Kind, Origin, Topic
from ipcw.query import parse_query, symbols_in
from ipcw.search import postgres_similar, postgres_suggest, snippets
from ipcw.search.postgres_query import Sql, check_size, compile_query, filter_condition, tiers
from ipcw.search.postgres_statement import facet_counts, search_statement
from ipcw.search.results import LazyHits, SearchResult, check_page, families_of
from ipcw.search.searcher import Filters
from ipcw.search.snippets import Wanted
from ipcw.symbols import canonical_pattern

log = logging.getLogger(__name__)

#: The columns a hit's document is made from.
DOCUMENT_COLUMNS = (
    "key, symbol, lang, sha256, path, title, date, pages, doc_number, origin, submitters, topic, kind, "
    "speakers, symbols"
)
#: Hits made at once when a whole result set is read.
CHUNK = 50


def document_of_row(row: Sequence[Any], text: str = "") -> Document:
    """The document a row of :data:`DOCUMENT_COLUMNS` describes."""
    _, symbol, lang, sha, path, title, when, pages, number, origin, submitters, topic, kind, speakers, co = (
        row
    )
    return Document(
        symbol=symbol,
        language=lang,
        path=Path(path) if path else None,
        sha256=sha,
        text=text,
        title=title,
        date=when,
        pages=pages,
        doc_number=number,
        origin=Origin(origin) if origin else None,
        submitters=tuple(submitters),
        topic=Topic(topic),
        kind=Kind(kind),
        speakers=tuple(speakers),
        symbols=tuple(co),
    )


class PostgresSearcher:
    """Searches the PostgreSQL index at ``url``, as :class:`~ipcw.search.Searcher` searches the
    Whoosh index. Use as a context manager, or call :meth:`close`."""

    def __init__(self, url: str) -> None:
        self.url, self.shown = url, shown_url(url)
        self._connection = connect(url, read_only=True)
        try:
            with self._reading():
                self._check()
        except BaseException:
            self.close()
            raise

    def _check(self) -> None:
        version = schema_version(self._connection)
        if version > SCHEMA_VERSION:
            raise StoreError(f"the PostgreSQL index at {self.shown} is a newer ipcw's: upgrade ipcw")
        if version < READABLE_FROM:
            made = "an older ipcw's" if version else "empty"
            raise IndexMissingError(
                f"the PostgreSQL index at {self.shown} is {made}: fill it with `ipcw index --index-url`"
            )
        count, old = self._connection.execute(
            "SELECT count(*), count(*) FILTER (WHERE row_version <> %s) FROM ipcw_documents", (ROW_VERSION,)
        ).fetchone()
        if not count:
            raise IndexMissingError(
                f"the PostgreSQL index at {self.shown} is empty: fill it with `ipcw crawl` or `ipcw index`"
            )
        if old == count:
            raise IndexMissingError(
                f"the documents of the PostgreSQL index at {self.shown} were written by another ipcw: "
                "`ipcw index --index-url` writes them again"
            )
        if old:
            log.warning(
                "%d documents of %s were written by another ipcw: `ipcw index` writes them again "
                "(with --retry-failed, those that failed run after run)",
                old,
                self.shown,
            )

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> PostgresSearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """One snapshot, read only; the database failing is a :class:`StoreError` in one line."""
        psycopg = psycopg_module()
        try:
            with self._connection.transaction():
                yield
        except IpcwError:
            raise
        except psycopg.Error as exc:
            raise StoreError(f"searching {self.shown} failed: {scrubbed(exc, self.url)}") from exc

    def _rows(self, sql: Sql) -> list[tuple[Any, ...]]:
        return list(self._connection.execute(sql.text, sql.params).fetchall())

    def search(
        self,
        text: str,
        filters: Filters | None = None,
        limit: int | None = 10,
        sort: str = "relevance",
        facets: bool = False,
        by_family: bool = False,
    ) -> SearchResult:
        """As :meth:`ipcw.search.Searcher.search`."""
        check_page(sort, limit)
        tree = parse_query(text)
        filters = filters or Filters()
        compiled = compile_query(tree, filters.languages)
        restricted, bonus = filter_condition(filters), tiers(symbols_in(tree))
        shown = None if by_family else limit
        statement = search_statement(compiled, restricted, bonus, sort, shown, facets)
        check_size(statement)
        want = snippets.wanted(tree)
        with self._reading():
            total, ranked, counted = self._matched(statement, facets)
            missing = tuple(s for s in symbols_in(tree) if not self._holds(s))
            suggestion = postgres_suggest.did_you_mean(self._connection, text, tree, filters.languages)
            hits: Sequence[Hit]
            families = None
            made = _Hits(self, [(key, score) for key, _, score in ranked], want)
            if limit is None and not by_family:  # read later: their documents from this snapshot
                made.documents_now = {doc.key: doc for doc in self.documents_of([key for key, *_ in ranked])}
            if by_family:
                heads = families_of([symbol for _, symbol, _ in ranked], limit)
                hits = [made[rank] for rank, _ in heads]
                held = self._languages_of({s for _, others in heads for s in others})
                families = {
                    hit.document.symbol: [(s, held.get(s, ())) for s in others]
                    for hit, (_, others) in zip(hits, heads, strict=True)
                }
            else:
                hits = made if limit is None else list(made)
        unknown = filters.unknown_names(tree)
        return SearchResult(text, total, hits, counted, missing, unknown, suggestion, families)

    def _matched(
        self, statement: Sql, facets: bool
    ) -> tuple[int, list[tuple[str, str, float]], dict[str, dict[str, int]] | None]:
        """How many documents match, the first shown with their symbols and scores, and with
        ``facets`` their counts: :func:`~ipcw.search.postgres_statement.search_statement`'s answer.

        PostgreSQL's planner counts a text condition's cost as a comparison's, not as reading the
        document's vector out of line (TOAST): for a word in most documents it would scan the table
        and read every vector, where the GIN index answers alone. Scans go through an index
        wherever one applies (for this transaction only), and without compiling the statement
        (JIT: hundreds of milliseconds, for a statement that takes tens)."""
        self._connection.execute(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
        )
        total, shown, rows = self._rows(statement)[0]
        ranked = [(key, symbol, float(score)) for key, symbol, score in shown]
        return int(total), ranked, facet_counts(rows or []) if facets else None

    def _holds(self, symbol: str) -> bool:
        row = self._connection.execute(
            "SELECT EXISTS (SELECT 1 FROM ipcw_documents WHERE symbol_terms && %s)", ([symbol.lower()],)
        ).fetchone()
        return bool(row[0])

    def _languages_of(self, symbols: set[str]) -> dict[str, tuple[str, ...]]:
        """The languages in which the index holds each of ``symbols``, in :data:`LANGUAGES` order."""
        rows = self._connection.execute(
            "SELECT symbol, array_agg(lang) FROM ipcw_documents WHERE symbol = ANY(%s) GROUP BY symbol",
            (sorted(symbols),),
        ).fetchall()
        return {symbol: tuple(lang for lang in LANGUAGES if lang in langs) for symbol, langs in rows}

    def made_hits(self, ranked: Sequence[tuple[str, float]], want: Wanted) -> list[Hit]:
        """The hits of ``ranked`` (key, score), their snippets made from their bodies."""
        keys = [key for key, _ in ranked]
        rows = {
            row[0]: row
            for row in self._connection.execute(
                f"SELECT {DOCUMENT_COLUMNS}, body FROM ipcw_documents WHERE key = ANY(%s)", (keys,)
            ).fetchall()
        }
        held = self._languages_of({row[1] for row in rows.values()})
        hits = []
        for key, score in ranked:
            row = rows.get(key)
            if row is None:  # removed since the search (a whole result set read later)
                continue
            document = document_of_row(row[:-1])
            snippet = snippets.of_body(row[-1], document.language, want)
            hits.append(Hit(document, round(float(score), 4) + 0.0, snippet, held.get(document.symbol, ())))
        return hits

    def documents_of(self, keys: Sequence[str]) -> list[Document]:
        """The documents ``keys`` still held, in that order (no text), in the caller's snapshot."""
        rows = self._connection.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM ipcw_documents WHERE key = ANY(%s)", (list(keys),)
        ).fetchall()
        by_key = {row[0]: document_of_row(row) for row in rows}
        return [by_key[key] for key in keys if key in by_key]

    def similar(self, symbol: str, language: str | None = None, limit: int = 10) -> SearchResult:
        """As :meth:`ipcw.search.Searcher.similar`."""
        own = self.lookup(symbol, language)
        if not own:
            return SearchResult(f"similar to {symbol}", 0, missing=(canonical_pattern(symbol),))
        doc = own[0].document
        with self._reading():
            ranked, total, stems = postgres_similar.most_like(self._connection, doc, limit)
            hits = self.made_hits(ranked, Wanted(stems=stems))
        return SearchResult(f"similar to {doc.symbol}", total, hits)

    def lookup(self, symbol: str, language: str | None = None, with_text: bool = True) -> list[Hit]:
        """As :meth:`ipcw.search.Searcher.lookup`."""
        query = Sql(
            f"SELECT {DOCUMENT_COLUMNS}, {'body' if with_text else chr(39) * 2} FROM ipcw_documents "
            "WHERE symbol = %s AND (%s::text IS NULL OR lang = %s)",
            (canonical_pattern(symbol), language, language),
        )
        with self._reading():
            rows = self._rows(query)
        order = {lang: i for i, lang in enumerate(LANGUAGES)}
        found = [Hit(document_of_row(row[:-1], text=row[-1])) for row in rows]
        return sorted(found, key=lambda hit: order.get(hit.document.language, 9))

    def documents(self, filters: Filters | None = None) -> list[Document]:
        """As :meth:`ipcw.search.Searcher.documents` (in the order of their keys)."""
        where = filter_condition(filters or Filters())
        with self._reading():
            rows = self._rows(
                Sql.join(
                    "",
                    [
                        Sql(f"SELECT {DOCUMENT_COLUMNS} FROM ipcw_documents WHERE "),
                        where,
                        Sql(" ORDER BY key"),
                    ],
                )
            )
        return [document_of_row(row) for row in rows]

    def text_of(self, doc: Document) -> str | None:
        """The text of ``doc`` as the index holds it (``None`` when it holds none)."""
        with self._reading():
            row = self._connection.execute(
                "SELECT body FROM ipcw_documents WHERE key = %s", (doc.key,)
            ).fetchone()
        return row[0] if row else None


class _Hits(LazyHits):
    """Every hit of a search, made :data:`CHUNK` at a time as they are read. Read after the search
    (a whole result set), each hit's document is the one of the search's snapshot
    (:attr:`documents_now`); a document removed since has the snippet of no text."""

    def __init__(self, searcher: PostgresSearcher, ranked: list[tuple[str, float]], want: Wanted) -> None:
        self._searcher, self._keys, self._want = searcher, ranked, want
        self._made: dict[int, Hit] = {}
        #: Each hit's document as the search saw it, when the hits are read later.
        self.documents_now: dict[str, Document] = {}
        super().__init__([(rank, score) for rank, (_, score) in enumerate(ranked)], self._hit, self._document)

    def _hit(self, rank: int, score: float) -> Hit:
        if rank not in self._made:
            chunk = self._keys[rank : rank + CHUNK]
            with self._searcher._reading():
                made = {h.document.key: h for h in self._searcher.made_hits(chunk, self._want)}
            self._made = {rank + i: made[key] for i, (key, _) in enumerate(chunk) if key in made}
        key = self._keys[rank][0]
        now = self.documents_now.get(key)
        if rank not in self._made:
            if now is None:
                raise StoreError(f"{key} was removed from the index while its search was read")
            return Hit(now, round(float(score), 4) + 0.0)
        hit = self._made[rank]
        return hit if now is None else replace(hit, document=now)

    def _document(self, rank: int) -> Document:
        key = self._keys[rank][0]
        if key in self.documents_now:
            return self.documents_now[key]
        with self._searcher._reading():
            found = self._searcher.documents_of([key])
        if not found:
            raise StoreError(f"{key} was removed from the index while its search was read")
        return found[0]
