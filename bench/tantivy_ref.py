"""The benchmark's reference: tantivy on the same documents and queries as ipcw's Whoosh index.

Both index the field values ipcw's writer makes, analysed alike (ipcw's word pattern, lower-case,
accents folded, Snowball stems of the document's language, no stop words; titles weigh
:data:`TITLE_BOOST` more), and run the same tree (:func:`ipcw.query.parse_query`), translated as
:mod:`ipcw.search.whoosh_query` does, with ``tantivy.Query`` constructors (no query strings): a word
goes through each field's own analyzer (``TextAnalyzer.analyze``); a prefix is a regex over the
unstemmed ``words``; ``near`` a sloppy phrase each way. Matches agree; the order is tantivy's BM25
(ipcw: BM25F, symbol tiers). tantivy is the benchmark's dependency only (``ipcw[bench]``), imported
at its first use: this module imports without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipcw import query as query_language
from ipcw.bench.measure import size_on_disk
from ipcw.bench.queries import BenchQuery
from ipcw.errors import ConfigError
from ipcw.indexer.schema import TITLE_BOOST, WORD
from ipcw.indexer.writer import index_fields
from ipcw.models import LANGUAGES, Document
from ipcw.names import names_table
from ipcw.query import DateRange, FieldIs, InField, Near, Node, Not, Or, Phrase, SymbolQuery, Word
from ipcw.search.results import COVER_RULE, FACETS, SNIPPET_CHARS, one_line
from ipcw.search.whoosh_query import EXACT_SYMBOL_BOOST, FAMILY_BOOST
from ipcw.symbols import parse_symbol


class _Lazy:
    """The ``tantivy`` module, imported at its first use."""

    def __getattr__(self, name: str) -> object:
        try:
            import tantivy
        except ImportError:
            raise ConfigError("tantivy is not installed: pip install 'ipcw[bench]'") from None
        return getattr(tantivy, name)


if TYPE_CHECKING:
    import tantivy
else:
    tantivy = _Lazy()

#: Words as ipcw's analyzers split them (``medium-sized`` is one), and names as Whoosh's default does.
WORD_PATTERN, NAME_PATTERN = WORD.pattern, r"\w+(?:\.?\w+)*"
STEMMERS = {"en": "english", "fr": "french", "es": "spanish"}
#: Exact terms (tantivy's ``raw`` tokenizer); the symbol fields' terms are lower-cased, as ipcw's.
KEYWORDS = ("key", "symbol", "lang", "origin", "topic", "kind", "submitter", "submitter_id")
SYMBOL_FIELDS = ("symbols", "family", "series")
_REGEX_META = set("\\.+*?()|[]{}^$#&-~")


@dataclass(frozen=True)
class RefResult:
    """tantivy's answer: the exact total, the top hits' keys and snippets, the facets when asked."""

    total: int
    keys: list[str]
    snippets: list[str]
    facets: dict[str, dict[str, int]] | None = None


@cache
def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """The analyzers by tokenizer name: ``text_en`` (fr, es), ``words`` and ``names`` (unstemmed)."""

    def build(pattern: str, stemmer: str | None = None) -> tantivy.TextAnalyzer:
        builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(pattern))
        builder = builder.filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
        return (builder.filter(tantivy.Filter.stemmer(stemmer)) if stemmer else builder).build()

    found = {f"text_{lang}": build(WORD_PATTERN, STEMMERS[lang]) for lang in LANGUAGES}
    return found | {"words": build(WORD_PATTERN), "names": build(NAME_PATTERN)}


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in (*KEYWORDS, *SYMBOL_FIELDS):
        stored, fast = name in ("key", "symbol", "lang"), name in KEYWORDS and name != "key"
        builder.add_text_field(name, stored=stored, fast=fast, tokenizer_name="raw")
    builder.add_text_field("names", tokenizer_name="names")
    builder.add_text_field("words", tokenizer_name="words", index_option="basic")  # prefixes only
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_date_field("date", indexed=True, fast=True)
    for lang in LANGUAGES:
        builder.add_text_field(f"title_{lang}", tokenizer_name=f"text_{lang}")
        builder.add_text_field(f"text_{lang}", stored=True, tokenizer_name=f"text_{lang}")
    return builder.build()


def _document(doc: Document) -> tantivy.Document:
    """``doc`` as tantivy indexes it: the values ipcw's writer gives Whoosh, one term per value."""
    values = index_fields(doc)
    out = tantivy.Document()
    for name in ("key", "symbol", "lang", "origin", "topic", "kind", "words", "submitters"):
        if values[name]:
            out.add_text("names" if name == "submitters" else name, str(values[name]))
    for name, separator in (("submitter", "|"), ("submitter_id", ","), *((f, ",") for f in SYMBOL_FIELDS)):
        for value in filter(None, str(values[name]).split(separator)):
            out.add_text(name, value.lower() if name in SYMBOL_FIELDS else value)
    out.add_text(f"title_{doc.language}", str(values[f"title_{doc.language}"]))
    out.add_text(f"text_{doc.language}", doc.text)
    if doc.date:
        out.add_integer("year", doc.date.year)
        out.add_date("date", datetime.combine(doc.date, time()))
    return out


def _any(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    should = [(tantivy.Occur.Should, q) for q in queries]
    return tantivy.Query.boolean_query(should) if should else tantivy.Query.empty_query()


def _prefix(schema: tantivy.Schema, field: str, head: str) -> tantivy.Query:
    """Every term of ``field`` that starts with ``head`` (escaped for tantivy's Rust regexes)."""
    escaped = "".join("\\" + c if c in _REGEX_META else c for c in head)
    return tantivy.Query.regex_query(schema, field, escaped + ".*")


def _terms(schema: tantivy.Schema, field: str, terms: list[Any]) -> list[tantivy.Query]:
    if len(terms) < 2:
        return [tantivy.Query.term_query(schema, field, term) for term in terms]
    return [tantivy.Query.phrase_query(schema, field, terms)]


def _near_terms(node: Node, analyzer: tantivy.TextAnalyzer) -> list[Any]:
    if isinstance(node, Near):
        return [term for part in node.parts for term in _near_terms(part, analyzer)]
    assert isinstance(node, Word | Phrase)
    return analyzer.analyze(node.text)


def _text(
    schema: tantivy.Schema, node: Word | Phrase | Near, within: str | None, langs: Sequence[str]
) -> tantivy.Query:
    """A word or phrase in titles, text (or ``within`` one of them) and names; a ``near`` in titles
    and text, a sloppy phrase each way; a prefix among the words as written, unstemmed."""
    if isinstance(node, Word) and node.prefix:
        where = ("words", "names")[: 1 if within else 2]
        return _any([_prefix(schema, f, t[0]) for f in where if (t := analyzers()[f].analyze(node.text))])
    fields = [f"{kind}_{lang}" for lang in langs for kind in ("title", "text") if within in (None, kind)]
    found = []
    for field in [*fields, *(["names"] if within is None and not isinstance(node, Near) else [])]:
        analyzer = analyzers()[field.replace("title_", "text_")]
        if isinstance(node, Near):
            left, right = (_near_terms(part, analyzer) for part in node.parts)
            sides = [left + right, right + left] if left and right else []
            queries = [tantivy.Query.phrase_query(schema, field, w, slop=node.distance) for w in sides]
        else:
            queries = _terms(schema, field, analyzer.analyze(node.text))
        found += [tantivy.Query.boost_query(q, TITLE_BOOST) if "title_" in field else q for q in queries]
    return _any(found)


def _symbol(schema: tantivy.Schema, pattern: str) -> tantivy.Query:
    """As ipcw: a symbol is itself (or a co-symbol) and its family; a prefix, families and series."""
    term, boost = tantivy.Query.term_query, tantivy.Query.boost_query
    if pattern.endswith("*"):
        head = pattern.rstrip("*").lower()
        if not head.endswith("/"):
            return _any([_prefix(schema, field, head) for field in ("family", "series")])
        whole = head.rstrip("/")  # IP/C/W/*: the series, and what is below it
        exact = [term(schema, field, whole) for field in ("series", "family")]
        return _any([*exact, *(_prefix(schema, field, whole + "/") for field in ("series", "family"))])
    parsed = parse_symbol(pattern)
    family = term(schema, "family", parsed.base.lower())
    itself = boost(term(schema, "symbols", str(parsed).lower()), EXACT_SYMBOL_BOOST)
    return _any([itself, boost(family, FAMILY_BOOST) if parsed.is_base else family])


def to_tantivy(
    index: tantivy.Index, node: Node, languages: Sequence[str] = LANGUAGES, within: str | None = None
) -> tantivy.Query:
    """The tantivy query for ``node``, its words looked for in the fields of ``languages``."""
    schema, occur, everything = index.schema, tantivy.Occur, tantivy.Query.all_query()

    def sub(part: Node) -> tantivy.Query:
        return to_tantivy(index, part, languages, within)

    if isinstance(node, Word | Phrase | Near):
        return _text(schema, node, within, languages)
    if isinstance(node, InField):
        return to_tantivy(index, node.part, languages, node.field)
    if isinstance(node, FieldIs) and node.field == "submitter":
        name = names_table().resolve(node.value)  # by any of its names, else as words of names
        if name is not None:
            return tantivy.Query.term_query(schema, "submitter_id", name.id)
        return _any(_terms(schema, "names", analyzers()["names"].analyze(node.value)))
    if isinstance(node, FieldIs):
        return tantivy.Query.term_query(schema, node.field, node.value)
    if isinstance(node, DateRange):
        low = datetime.combine(node.start, time()) if node.start else None
        high = datetime.combine(node.end, time(23, 59, 59)) if node.end else None
        return tantivy.Query.range_query(schema, "date", tantivy.FieldType.Date, low, high)
    if isinstance(node, SymbolQuery):
        return _symbol(schema, node.pattern)
    if isinstance(node, Not):
        return tantivy.Query.boolean_query([(occur.Must, everything), (occur.MustNot, sub(node.part))])
    if isinstance(node, Or):
        return _any([sub(part) for part in node.parts])
    parts = [(occur.MustNot, sub(p.part)) if isinstance(p, Not) else (occur.Must, sub(p)) for p in node.parts]
    if all(isinstance(part, Not) for part in node.parts):  # nothing but negations: of every document
        parts.append((occur.Must, everything))
    return tantivy.Query.boolean_query(parts)


def _filtered(index: tantivy.Index, query: BenchQuery) -> tantivy.Query:
    """The query with its filters (languages, origins, year), which add nothing to the score."""
    Q, schema = tantivy.Query, index.schema
    q = to_tantivy(index, query_language.parse_query(query.text), query.languages or LANGUAGES)
    year = () if query.year is None else (query.year,)
    asked = {"lang": query.languages, "origin": query.origins, "year": year}
    conditions = [_any([Q.term_query(schema, f, v) for v in values]) for f, values in asked.items() if values]
    filters = [(tantivy.Occur.Must, Q.const_score_query(c, 0.0)) for c in conditions]
    return Q.boolean_query([(tantivy.Occur.Must, q), *filters]) if filters else q


def _marked(snippet: tantivy.Snippet) -> str:
    """The snippet's passage, its matched words marked ``**like this**`` (its ranges are in bytes)."""
    raw, parts, at = snippet.fragment().encode("utf-8"), [], 0
    for span in snippet.highlighted():
        parts += [raw[at : span.start], b"**", raw[span.start : span.end], b"**"]
        at = span.end
    return b"".join([*parts, raw[at:]]).decode("utf-8", errors="replace")


class TantivyReference:
    """tantivy on the same documents and queries as ipcw's Whoosh index."""

    def __init__(self, path: Path) -> None:
        self.path, schema = path, _schema()  # first: without tantivy, no folder is made
        path.mkdir(parents=True, exist_ok=True)
        self._index = tantivy.Index(schema, path=str(path))
        for name, analyzer in analyzers().items():  # the index keeps their names, not the analyzers
            self._index.register_tokenizer(name, analyzer)

    def build(self, documents: Iterable[Document]) -> int:
        """Index ``documents`` in place of what the folder held, in one commit; return how many."""
        writer = self._index.writer(heap_size=200_000_000, num_threads=2)
        writer.delete_all_documents()
        count = 0
        for doc in documents:
            writer.add_document(_document(doc))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        self._index.reload()
        return count

    def search(self, query: BenchQuery, limit: int = 10) -> RefResult:
        """The top ``limit`` hits of ``query`` (newest first with sort "date") and the exact total."""
        q, searcher = _filtered(self._index, query), self._index.searcher()
        by_date = "date" if query.sort == "date" else None  # else by relevance, whatever `order` says
        found = searcher.search(q, limit, count=True, order_by_field=by_date, order=tantivy.Order.Desc)
        docs = [searcher.doc(address) for _, address in found.hits]
        keys = [str(doc.get_first("key")) for doc in docs]
        facets = self._facets(searcher, q) if query.facets else None
        total = int(found.count)  # type: ignore[attr-defined]  # the stub leaves `count` out
        return RefResult(total, keys, self._snippets(searcher, q, docs), facets)

    def _snippets(self, searcher: tantivy.Searcher, q: tantivy.Query, docs: list[Any]) -> list[str]:
        """As ipcw's: the best passage of the body (its cover left out), else the body's start."""
        generators: dict[str, tantivy.SnippetGenerator] = {}
        snippets = []
        for doc in docs:
            field = f"text_{doc.get_first('lang')}"
            if field not in generators:
                generators[field] = tantivy.SnippetGenerator.create(searcher, q, self._index.schema, field)
                generators[field].set_max_num_chars(SNIPPET_CHARS)
            body = COVER_RULE.split(str(doc.get_first(field) or ""), maxsplit=1)[-1]
            snippet = generators[field].snippet_from_doc(tantivy.Document.from_dict({field: body}))
            start = one_line(body[: SNIPPET_CHARS * 4])[:SNIPPET_CHARS]  # a prefix marks no word of the body
            snippets.append(one_line(_marked(snippet)) if snippet.highlighted() else start)
        return snippets

    def _facets(self, searcher: tantivy.Searcher, q: tantivy.Query) -> dict[str, dict[str, int]]:
        """Counts over every match: tantivy's terms aggregations on the fast fields (exact, as every
        bucket is asked for), in ipcw's order: years in order, the rest most frequent first."""
        every = {"size": 100_000, "segment_size": 100_000}
        answer = searcher.aggregate(q, {name: {"terms": {"field": name, **every}} for name in FACETS})
        counted: dict[str, dict[str, int]] = {}
        for name in FACETS:
            pairs = [(str(b["key"]), int(b["doc_count"])) for b in answer[name]["buckets"]]
            order = (lambda p: int(p[0])) if name == "year" else (lambda p: (-p[1], p[0]))
            counted[name] = dict(sorted(pairs, key=order))
        return counted

    def size_bytes(self) -> int:
        """The index's size on disk, in bytes."""
        return size_on_disk(self.path)
