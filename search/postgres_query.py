"""Translate the engine-neutral query tree of :mod:`ipcw.query` into PostgreSQL: a condition on
``ipcw_documents`` and what ranks its matches, the query's values only ever as parameters.

As :mod:`ipcw.search.whoosh_query` does for Whoosh: a word or phrase is looked for in the title,
the body and the submitters' names (``tsv``, weights A, B, C), each document in its own language
(the query is stemmed with each language's configuration and asked of that language's documents
only); ``title:`` and ``text:`` keep to weight A or B. A prefix is looked for among the words as
written (``words``). ``near``: PostgreSQL's phrase operator ``<N>`` asks for exactly N positions,
so "at most N words between, in either order" is each distance from 1 to N + 1, both ways. A symbol
is its exact terms, then its family; a symbol prefix, families and series by ``LIKE`` (its
wildcards escaped). Fields of what ipcw knows are conditions on their columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ipcw.errors import QueryError
from ipcw.indexer.postgres_schema import CONFIGURATIONS, GAP_WORD, WORDS_CONFIGURATION
from ipcw.indexer.schema import word_analyzer
from ipcw.models import LANGUAGES
from ipcw.names import names_table
from ipcw.query import And, DateRange, FieldIs, InField, Near, Node, Not, Or, Phrase, SymbolQuery, Word
from ipcw.search.searcher import SUFFIX_PENALTY, TIER_BONUS, Filters
from ipcw.symbols import canonical_pattern, parse_symbol

#: The weights of ranking (``ts_rank``'s ``{D, C, B, A}``): titles over bodies over names.
RANK_WEIGHTS = "{0.02, 0.1, 0.2, 1.0}"
#: The most alternatives one ``near`` may expand to (every distance, both ways, times those of a
#: ``near`` inside it): beyond, a :class:`QueryError`.
MAX_NEAR_ALTERNATIVES = 2048
#: The longest word PostgreSQL indexes or takes in a query, in bytes (plus one).
MAX_WORD_BYTES = 2048
#: The most values a query may send (PostgreSQL takes 65,535): a query asking more is refused.
MAX_PARAMETERS = 20_000
#: The columns a field of what ipcw knows is held in.
_COLUMNS = {"origin": "origin", "lang": "lang", "topic": "topic", "kind": "kind"}
#: Weights a text field keeps to.
_WEIGHTS = {"title": "a", "text": "b"}


@dataclass(frozen=True)
class Sql:
    """A fragment of SQL and its parameters, in order (``%s`` placeholders only)."""

    text: str
    params: tuple[object, ...] = ()

    @staticmethod
    def join(separator: str, parts: list[Sql]) -> Sql:
        return Sql(separator.join(p.text for p in parts), tuple(v for p in parts for v in p.params))

    def wrap(self, before: str, after: str = ")") -> Sql:
        return Sql(before + self.text + after, self.params)


TRUE, FALSE = Sql("TRUE"), Sql("FALSE")


@dataclass
class _Language:
    """The query in one language: its condition and the text queries that rank its matches."""

    lang: str
    ranks: list[Sql] = field(default_factory=list)  # tsqueries on tsv
    prefixes: list[Sql] = field(default_factory=list)  # tsqueries on words

    @property
    def configuration(self) -> str:
        return CONFIGURATIONS[self.lang]


def _text_query(lang: _Language, text: str) -> Sql:
    return Sql(f"phraseto_tsquery('{lang.configuration}', %s)", (text,))


def _matches(vector: str, query: Sql, weight: str | None) -> Sql:
    """``vector`` matches ``query`` (in weight ``weight`` only): the whole vector is asked first,
    so that its GIN index finds the candidates."""
    found = Sql.join("", [Sql(f"{vector} @@ "), query])
    if weight is None:
        return found
    return Sql.join(
        "", [found.wrap("(", ""), Sql(f" AND ts_filter({vector}, '{{{weight}}}') @@ "), query, Sql(")")]
    )


def lexeme(word: str) -> str:
    """``word`` quoted as one lexeme of a ``tsquery``."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _prefix(lang: _Language, text: str, within: str | None, positive: bool) -> Sql:
    folded = [token.text for token in word_analyzer()(text)][:1]
    if not folded or len(folded[0].encode("utf-8")) >= MAX_WORD_BYTES:  # no word the index holds
        return FALSE
    # The prefix as the index holds words as written (folded as Whoosh folds them), not parsed
    # again by PostgreSQL ("a_b*" is one prefix, not two).
    query = Sql("%s::tsquery", (lexeme(folded[0]) + ":*",))
    if positive:
        lang.prefixes.append(query)
    # Within title: or text:, the words of titles and bodies (weight A), not submitters' names.
    return _matches("words", query, None if within is None else "a")


def _near(lang: _Language, node: Node, sides: list[Sql]) -> list[Sql]:
    """The alternatives of a side of ``near`` (tsqueries without ``|``, which PostgreSQL mishandles
    under a phrase operator): a word or phrase, or each distance of a ``near`` both ways, from 1 to
    N + 1 positions (at most N words between). Each word or phrase is added to ``sides``."""
    if isinstance(node, Word | Phrase):
        sides.append(_text_query(lang, node.text))
        return [sides[-1]]
    assert isinstance(node, Near)
    left, right = (_near(lang, part, sides) for part in node.parts)
    if 2 * (node.distance + 1) * len(left) * len(right) > MAX_NEAR_ALTERNATIVES:
        raise QueryError(
            f"near/{node.distance} inside another near asks too many distances of the PostgreSQL index "
            "(at most about 2,000): use a smaller N"
        )
    return [
        Sql.join("", [Sql("tsquery_phrase("), one, Sql(", "), other, Sql(f", {k})")])
        for k in range(1, node.distance + 2)
        for x, y in ((left, right), (right, left))
        for one in x
        for other in y
    ]


def _words(lang: _Language, node: Word | Phrase | Near, within: str | None, positive: bool) -> Sql:
    """A word, a phrase or a ``near`` in ``tsv`` (``within`` a weight). A ``near`` one of whose
    sides has no word matches nothing, as in the Whoosh index."""
    sides: list[Sql] = []
    query = Sql.join(" || ", _near(lang, node, sides)).wrap("(")
    if positive:
        lang.ranks.append(query)
    found = _matches("tsv", query, _WEIGHTS.get(within or ""))
    if not isinstance(node, Near):
        return found
    worded = [side.wrap("numnode(", ") > 0") for side in sides]
    return Sql.join(" AND ", [*worded, found]).wrap("(")


def like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def symbol_condition(pattern: str) -> Sql:
    """``IP/C/W/647`` → that document (its own symbol or a co-symbol) and its family;
    ``IP/C/W/64*`` → families and series by prefix; ``IP/C/W/*`` → a whole series."""
    if pattern.endswith("*"):
        head = pattern.rstrip("*").lower()
        likes = [like_escaped(head) + "%"]
        if head.endswith("/"):
            whole = head.rstrip("/")
            likes = [like_escaped(whole), like_escaped(whole) + "/%"]
        return Sql(
            "EXISTS (SELECT 1 FROM unnest(family || series) AS part WHERE part LIKE ANY(%s))",
            (likes,),
        )
    parsed = parse_symbol(pattern)
    return Sql("(symbol_terms && %s OR family && %s)", ([str(parsed).lower()], [parsed.base.lower()]))


def submitter_condition(written: str) -> Sql:
    """A submitter by any of its names, through the names table; a name it does not know, as
    words of the submitters' names."""
    name = names_table().resolve(written)
    if name is not None:
        return Sql("submitter_ids && %s", ([name.id],))
    query = Sql(f"phraseto_tsquery('{WORDS_CONFIGURATION}', %s)", (written,))
    return _matches("words", query, "c")


def date_condition(start: date | None, end: date | None) -> Sql:
    parts = []
    if start:
        parts.append(Sql("date >= %s", (start,)))
    if end:
        parts.append(Sql("date <= %s", (end,)))
    return Sql.join(" AND ", parts).wrap("COALESCE(", ", FALSE)") if parts else TRUE


def _condition(lang: _Language | None, node: Node, within: str | None, positive: bool) -> Sql:
    """The condition of ``node`` in ``lang`` (``None``: a query without words, the same in every
    language); ``positive``: not under ``not`` (its words rank the matches)."""
    if isinstance(node, Word | Phrase | Near):
        if lang is None:
            raise AssertionError("a query with words is asked language by language")
        if isinstance(node, Word) and node.prefix:
            return _prefix(lang, node.text, within, positive)
        return _words(lang, node, within, positive)
    if isinstance(node, InField):
        return _condition(lang, node.part, node.field, positive)
    if isinstance(node, FieldIs):
        if node.field == "submitter":
            return submitter_condition(node.value)
        return Sql(f"COALESCE({_COLUMNS[node.field]} = %s, FALSE)", (node.value,))
    if isinstance(node, DateRange):
        return date_condition(node.start, node.end)
    if isinstance(node, SymbolQuery):
        return symbol_condition(node.pattern)
    if lang is not None and within is None and _plain(node):  # one text query: the GIN index's
        return _matches("tsv", _merged(lang, node, positive), None)
    if isinstance(node, Not):
        return _condition(lang, node.part, within, False).wrap("NOT (")
    assert isinstance(node, And | Or)
    merge = lang is not None and within is None and sum(map(_plain, node.parts)) > 1
    plain = [part for part in node.parts if merge and _plain(part)]
    parts = [_condition(lang, part, within, positive) for part in node.parts if part not in plain]
    if lang is not None and plain:
        parts.insert(0, _matches("tsv", _merged(lang, type(node)(tuple(plain)), positive), None))
    return Sql.join(" AND " if isinstance(node, And) else " OR ", parts).wrap("(")


def _plain(node: Node) -> bool:
    """Whether ``node`` is words and phrases joined by ``and``, ``or`` and ``not`` only: one text
    query (:func:`_merged`)."""
    if isinstance(node, Word):
        return not node.prefix
    if isinstance(node, Phrase):
        return True
    if isinstance(node, Not):
        return _plain(node.part)
    return isinstance(node, And | Or) and all(map(_plain, node.parts))


def _merged(lang: _Language, node: Node, positive: bool) -> Sql:
    """The :func:`_plain` ``node`` as one ``tsquery`` (``&&``, ``||``, ``!!``): answered by the GIN
    index alone, where a condition a word would read each matching document's vector again for a
    ``not`` (and for each phrase). A word or phrase without a word PostgreSQL indexes matches
    nothing, as a condition of its own does: it stands for :data:`GAP_WORD`, in no document."""
    if isinstance(node, Word | Phrase):
        query = _text_query(lang, node.text)
        if positive:
            lang.ranks.append(query)
        return Sql.join("", [Sql("coalesce(nullif("), query, Sql(f", ''::tsquery), '{GAP_WORD}'::tsquery)")])
    if isinstance(node, Not):
        return _merged(lang, node.part, False).wrap("(!! ", ")")
    assert isinstance(node, And | Or)
    parts = [_merged(lang, part, positive) for part in node.parts]
    return Sql.join(" && " if isinstance(node, And) else " || ", parts).wrap("(")


def has_words(node: Node) -> bool:
    """Whether ``node`` looks for words (the rest is the same in every language)."""
    if isinstance(node, Word | Phrase | Near):
        return True
    if isinstance(node, Not | InField):
        return has_words(node.part)
    return any(has_words(part) for part in getattr(node, "parts", ()))


@dataclass(frozen=True)
class Branch:
    """The query in one language (``None``: in all, a query without words): the condition a
    document must meet (its language included), and its relevance."""

    lang: str | None
    condition: Sql
    relevance: Sql


@dataclass(frozen=True)
class Compiled:
    """A query as SQL: a :class:`Branch` for each language asked (one for all of them, a query
    without words). Asked branch by branch (``UNION ALL``), each condition is a plain ``AND`` whose
    text conditions PostgreSQL answers from the GIN index alone, without reading a document's
    vectors again (an ``OR`` of languages would be checked again, row by row)."""

    branches: tuple[Branch, ...]

    @property
    def relevance(self) -> Sql:
        """The relevance of any matching document, whatever its language."""
        if len(self.branches) == 1:
            return self.branches[0].relevance
        whens = [Sql.join("", [Sql("WHEN %s THEN ", (b.lang,)), b.relevance]) for b in self.branches]
        return Sql.join(" ", whens).wrap("CASE lang ", " ELSE 0.0 END")


def language_code(code: str) -> str:
    """``code``, one of ipcw's languages (written in statements as it is), or a :class:`QueryError`."""
    for known in CONFIGURATIONS:
        if known == code:
            return known  # ipcw's own string, whatever the caller gave
    raise QueryError(f"no such language: {code!r} (one of {', '.join(CONFIGURATIONS)})")


def compile_query(node: Node, languages: tuple[str, ...] = ()) -> Compiled:
    """``node`` as conditions on ``ipcw_documents`` and their relevance, over ``languages``'
    documents (all when none)."""
    if not has_words(node):
        return Compiled((Branch(None, _condition(None, node, None, True), Sql("0.0")),))
    branches = []
    for code in dict.fromkeys(languages or LANGUAGES):
        lang = _Language(language_code(code))
        # The language as written in the statement, not a value: the planner then uses that
        # language's own index (a partial one) in every plan, generic ones too.
        condition = Sql.join(" AND ", [Sql(f"lang = '{lang.lang}'"), _condition(lang, node, None, True)])
        rank = Sql("0.0")
        if lang.ranks:
            query = Sql.join(" || ", lang.ranks)
            rank = Sql.join("", [Sql(f"ts_rank('{RANK_WEIGHTS}', tsv, "), query, Sql(", 1)")])
        if lang.prefixes:
            query = Sql.join(" || ", lang.prefixes)
            prefix_rank = Sql.join("", [Sql(f"ts_rank('{RANK_WEIGHTS}', words, "), query, Sql(", 1)")])
            rank = Sql.join(" + ", [rank, prefix_rank])
        branches.append(Branch(lang.lang, condition, rank))
    return Compiled(tuple(branches))


def check_size(*parts: Sql) -> None:
    """A :class:`QueryError` for a statement of more than :data:`MAX_PARAMETERS` values."""
    if sum(len(part.params) for part in parts) > MAX_PARAMETERS:
        raise QueryError("query too large for the PostgreSQL index: fewer words, phrases or near")


def filter_condition(filters: Filters) -> Sql:
    """The condition of ``filters`` (``TRUE`` without any)."""
    parts: list[Sql] = []
    for column, values in (
        ("origin", filters.origins),
        ("lang", filters.languages),
        ("topic", filters.topics),
        ("kind", filters.kinds),
    ):
        if values:
            parts.append(Sql(f"COALESCE({column} = ANY(%s), FALSE)", (list(values),)))
    if filters.submitters:
        parts.append(Sql.join(" OR ", [submitter_condition(name) for name in filters.submitters]).wrap("("))
    if filters.symbols:
        found = [symbol_condition(canonical_pattern(pattern)) for pattern in filters.symbols]
        parts.append(Sql.join(" OR ", found).wrap("("))
    start, end = filters.date_from, filters.date_to
    if filters.year is not None:
        start = max(filter(None, (start, date(filters.year, 1, 1))))
        end = min(filter(None, (end, date(filters.year, 12, 31))))
    if start or end:
        parts.append(date_condition(start, end))
    return Sql.join(" AND ", parts) if parts else Sql("TRUE")


def tiers(symbols: list[str]) -> Sql:
    """What a query's symbols add to a match's relevance (:data:`TIER_BONUS` a tier: the document
    itself, its descendants, the rest of its family), less :data:`SUFFIX_PENALTY` a suffix of its
    own symbol: the Whoosh index's ranking rules."""
    if not symbols:
        return Sql(f"- suffixes * {SUFFIX_PENALTY}")
    parsed = [parse_symbol(symbol) for symbol in symbols]
    exact = [str(p).lower() for p in parsed]
    below = [like_escaped(symbol) + "/%" for symbol in exact]
    bases = [p.base.lower() for p in parsed]
    return Sql(
        f"+ CASE WHEN symbol_terms && %s THEN {3 * TIER_BONUS} "
        f"WHEN EXISTS (SELECT 1 FROM unnest(symbol_terms) AS s WHERE s LIKE ANY(%s)) THEN {2 * TIER_BONUS} "
        f"WHEN family && %s THEN {TIER_BONUS} ELSE 0 END - suffixes * {SUFFIX_PENALTY}",
        (exact, below, bases),
    )
