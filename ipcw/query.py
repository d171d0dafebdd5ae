"""The query language researchers know from Documents Online, parsed into an engine-neutral tree.

Grammar (operators in any case; juxtaposed terms are joined by ``and``)::

    query   := or ( "or" or )*
    or      := and ( ["and"] and )*          -- "a b" means "a and b"
    and     := "not" and | atom
    atom    := word | word* | "quoted phrase" | SYMBOL | SYMBOL* | "(" query ")"

A SYMBOL is a document symbol (``IP/C/W/640/Add.3``) or symbol prefix (``IP/C/W/64*``).
Malformed input (an unbalanced quote or parenthesis, a dangling operator, nothing to search for)
raises :class:`~ipcw.errors.QueryError` with one line saying what is wrong.

Hostile input is bounded: a query is at most :data:`MAX_LENGTH` characters and nests parentheses at
most :data:`MAX_DEPTH` deep, so neither this parser nor anything that walks the tree can reach
Python's recursion limit; a chain of ``not`` is folded as it is read; repeated terms are collapsed
(``a a a`` is ``a``) and nested groups of the same operator flattened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipcw.errors import QueryError
from ipcw.symbols import SERIES_PATTERN, canonical_pattern, is_symbol

OPERATORS = {"and", "or", "not"}
#: The longest query accepted, in characters (Documents Online's own search box takes far less).
MAX_LENGTH = 1000
#: The deepest nesting of parentheses accepted.
MAX_DEPTH = 16


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False  # "cooperat*"


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class SymbolQuery:
    pattern: str  # canonical symbol, or prefix ending in "*"


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Word | Phrase | SymbolQuery | And | Or | Not

_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<word>[^\s()"]+))')
_SYMBOLISH = re.compile(rf"^{SERIES_PATTERN}[A-Za-z0-9.\-/]*\*?$", re.IGNORECASE)


def symbols_in(node: Node) -> list[str]:
    """The exact symbols (not prefixes) a query asks for, in order."""
    if isinstance(node, SymbolQuery):
        return [] if node.pattern.endswith("*") else [node.pattern]
    if isinstance(node, Not):
        return []
    if isinstance(node, And | Or):
        return [s for part in node.parts for s in symbols_in(part)]
    return []


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
        kind = match.lastgroup or ""
        if kind == "quote":
            raise QueryError(f"unbalanced quote in query: {text!r}")
        tokens.append((kind, match.group(kind)))
    return tokens


def _join(kind: type[And] | type[Or], parts: list[Node]) -> Node:
    """``kind`` of ``parts``, with nested ``kind`` groups flattened and repeated parts collapsed."""
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, kind) else (part,))
    unique = tuple(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else kind(unique)


class _Parser:
    def __init__(self, text: str) -> None:
        if len(text) > MAX_LENGTH:
            raise QueryError(f"query too long: {len(text)} characters (at most {MAX_LENGTH})")
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def is_op(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[1].lower() == name

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError('empty query: give words, a "phrase" or a symbol')
        node = self.or_()
        if self.peek() is not None:
            raise QueryError(f"unexpected {self.peek()[1]!r} in query: {self.text!r}")  # type: ignore[index]
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.is_op("or"):
            self.pos += 1
            parts.append(self.and_())
        return _join(Or, parts)

    def and_(self) -> Node:
        parts = [self.not_()]
        while True:
            token = self.peek()
            if token is None or token[0] == "close" or self.is_op("or"):
                break
            if self.is_op("and"):
                self.pos += 1
            parts.append(self.not_())
        return _join(And, parts)

    def not_(self) -> Node:
        negations = 0
        while self.is_op("not"):  # a loop, not recursion: "not not ... x" may be long
            self.pos += 1
            negations += 1
        node = self.atom()
        return Not(node) if negations % 2 else node

    def atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError(f"query ends with an operator: {self.text!r}")
        kind, value = token
        self.pos += 1
        if kind == "open":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"query nests parentheses more than {MAX_DEPTH} deep")
            node = self.or_()
            self.depth -= 1
            if self.peek() is None or self.peek()[0] != "close":  # type: ignore[index]
                raise QueryError(f"unbalanced parenthesis in query: {self.text!r}")
            self.pos += 1
            return node
        if kind == "close":
            raise QueryError(f"unbalanced parenthesis in query: {self.text!r}")
        if kind == "phrase":
            inner = value[1:-1].strip()
            if not inner:
                raise QueryError('empty phrase "" in query')
            return Phrase(inner)
        if value.lower() in OPERATORS:
            raise QueryError(f"operator {value!r} has nothing to apply to in query: {self.text!r}")
        if _SYMBOLISH.match(value) and (value.endswith("*") or is_symbol(value)):
            return SymbolQuery(canonical_pattern(value))
        if value.endswith("*"):
            stem = value.rstrip("*")
            if len(stem) < 2:
                raise QueryError(f"a wildcard needs at least two letters before '*': {value!r}")
            return Word(stem, prefix=True)
        return Word(value)


def parse_query(text: str) -> Node:
    """Parse a Documents Online-style query; raise :class:`QueryError` if it is malformed."""
    return _Parser(text).parse()
