"""The query language researchers know from Documents Online, parsed into an engine-neutral tree.

Grammar (operators in any case; juxtaposed terms are joined by ``and``)::

    query   := or ( "or" or )*
    or      := and ( ["and"] and )*          -- "a b" means "a and b"
    and     := "not" and | near
    near    := atom ( ("near" | "near/N") atom )*   -- within 5 (or N) words, in either order
    atom    := word | word* | "quoted phrase" | SYMBOL | SYMBOL* | "(" query ")" | field
    field   := ("title:" | "text:") (word | word* | "phrase" | "(" query ")")
             | ("origin:" | "lang:" | "topic:" | "kind:") VALUE
             | "submitter:" (word | "phrase")  | "symbol:" SYMBOL
             | ("year:" | "date:") [FROM] ".." [TO]    -- or a single year or date

A SYMBOL is a document symbol (``IP/C/W/640/Add.3``) or symbol prefix (``IP/C/W/64*``). A field
restricts the words after it to titles or to the text, or filters by what ipcw knows of each
document. Malformed input (an unbalanced quote or parenthesis, a dangling operator, an unknown
field, a bad range, nothing to search for) raises :class:`~ipcw.errors.QueryError` with one line
saying what is wrong.

Hostile input is bounded: a query is at most :data:`MAX_LENGTH` characters and nests parentheses at
most :data:`MAX_DEPTH` deep, so neither this parser nor anything that walks the tree can reach
Python's recursion limit; a chain of ``not`` is folded as it is read; repeated terms are collapsed
(``a a a`` is ``a``) and nested groups of the same operator flattened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ipcw.errors import QueryError
from ipcw.models import LANGUAGES, Kind, Origin, Topic
from ipcw.symbols import SERIES_PATTERN, canonical_pattern, is_symbol

OPERATORS = {"and", "or", "not", "near"}
#: ``near`` without a distance: the two sides at most this many words apart.
NEAR_DISTANCE = 5
#: The largest distance ``near/N`` takes.
MAX_NEAR_DISTANCE = 100
#: The fields a query can name, and what each holds: the words of titles or of the text, or what
#: ipcw knows of a document (filters).
TEXT_FIELDS = ("title", "text")
VALUE_FIELDS: dict[str, tuple[str, ...]] = {
    "origin": tuple(o.value for o in Origin),
    "lang": LANGUAGES,
    "topic": tuple(t.value for t in Topic),
    "kind": tuple(k.value for k in Kind),
}
FIELDS = (*TEXT_FIELDS, *VALUE_FIELDS, "submitter", "symbol", "year", "date")
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
class Near:
    """Both sides (words, phrases, or a ``near`` of them) at most ``distance`` words apart."""

    parts: tuple[Node, Node]
    distance: int = NEAR_DISTANCE


@dataclass(frozen=True)
class InField:
    """Words, phrases and their combinations, looked for in ``field`` only: ``title`` or ``text``."""

    field: str
    part: Node


@dataclass(frozen=True)
class FieldIs:
    """A document's ``field`` (origin, lang, topic, kind, submitter) is ``value``."""

    field: str
    value: str


@dataclass(frozen=True)
class DateRange:
    """A document issued between ``start`` and ``end`` (either open), both included."""

    start: date | None
    end: date | None


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Word | Phrase | SymbolQuery | Near | InField | FieldIs | DateRange | And | Or | Not

_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<word>[^\s()"]+))')
_SYMBOLISH = re.compile(rf"^{SERIES_PATTERN}[A-Za-z0-9.\-/]*\*?$", re.IGNORECASE)
_NEAR = re.compile(r"near(?:/(\d+))?", re.IGNORECASE)
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$")


def symbols_in(node: Node) -> list[str]:
    """The exact symbols (not prefixes) a query asks for, in order."""
    if isinstance(node, SymbolQuery):
        return [] if node.pattern.endswith("*") else [node.pattern]
    if isinstance(node, InField):
        return symbols_in(node.part)
    if isinstance(node, And | Or):
        return [s for part in node.parts for s in symbols_in(part)]
    return []


def field_values(node: Node, field: str) -> list[str]:
    """The values a query gives ``field`` (``submitter:japon`` → ``["japon"]``), in order."""
    if isinstance(node, FieldIs):
        return [node.value] if node.field == field else []
    if isinstance(node, Not | InField):
        return field_values(node.part, field)
    if isinstance(node, And | Or):
        return [value for part in node.parts for value in field_values(part, field)]
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
        value = match.group(kind)
        if kind == "word" and value.endswith(":") and (pos == len(text) or text[pos].isspace()):
            kind = "bare"  # a field's name with a space after it: no value (`title: "x"`)
        tokens.append((kind, value))
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
        if "\x00" in text:  # no document holds one, and PostgreSQL takes none
            raise QueryError("a query cannot hold a NUL character")
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def is_op(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[1].lower() == name

    def near_distance(self) -> int | None:
        """The distance of the ``near`` or ``near/N`` at the cursor; ``None`` when there is none."""
        token = self.peek()
        if token is None or token[0] != "word" or not token[1].lower().startswith("near/"):
            match = _NEAR.fullmatch(token[1]) if token is not None and token[0] == "word" else None
        else:
            match = _NEAR.fullmatch(token[1])
            if match is None:
                raise QueryError(f"near/N takes a whole number of words: {token[1]!r}")
        if match is None:
            return None
        distance = int(match[1]) if match[1] else NEAR_DISTANCE
        if not 0 <= distance <= MAX_NEAR_DISTANCE:
            raise QueryError(f"near/N takes a distance from 0 to {MAX_NEAR_DISTANCE} words: {token[1]!r}")  # type: ignore[index]
        return distance

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
        node = self.near()
        return Not(node) if negations % 2 else node

    def near(self) -> Node:
        node = self.atom()
        while (distance := self.near_distance()) is not None:
            self.pos += 1
            token = self.peek()
            if token is None or token[0] == "close" or token[1].lower() in OPERATORS:
                raise QueryError(f"near needs a word or phrase on each side: {self.text!r}")
            node = Near((_nearable(node, self.text), _nearable(self.atom(), self.text)), distance)
        return node

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
        if value.lower() in OPERATORS or value.lower().startswith("near/"):
            if value.lower().startswith("near"):
                raise QueryError(f"near needs a word or phrase on each side: {self.text!r}")
            raise QueryError(f"operator {value!r} has nothing to apply to in query: {self.text!r}")
        field = _FIELD.match(value)
        if field:
            return self.field(field[1].lower(), field[2], alone=kind == "bare")
        if _SYMBOLISH.match(value) and (value.endswith("*") or is_symbol(value)):
            return SymbolQuery(canonical_pattern(value))
        return _word(value)

    def field(self, name: str, value: str, alone: bool = False) -> Node:
        """The field ``name:`` with the ``value`` written after its colon (or, when that is empty,
        the phrase or group that follows it without a space; ``alone``: a space follows)."""
        if name not in FIELDS:
            raise QueryError(f"unknown field {name + ':'!r} in query (fields: {', '.join(FIELDS)})")
        if not value:
            token = None if alone else self.peek()
            if token is None or token[0] not in ("phrase", "open"):
                raise QueryError(f"field {name + ':'!r} has no value in query: {self.text!r}")
            if name not in (*TEXT_FIELDS, "submitter"):
                raise QueryError(f"field {name + ':'!r} takes one value, such as {_example(name)}")
            part = self.atom()
            if name != "submitter":
                return InField(name, part)
            if not isinstance(part, Phrase):
                raise QueryError('submitter: takes a name, or a "quoted name"')
            return FieldIs(name, part.text)
        if name in TEXT_FIELDS:
            return InField(name, _word(value))
        if name in VALUE_FIELDS:
            if value.lower() not in VALUE_FIELDS[name]:
                raise QueryError(f"{name}: takes {', '.join(VALUE_FIELDS[name])}: got {value!r}")
            return FieldIs(name, value.lower())
        if name == "submitter":
            return FieldIs(name, value)
        if name == "symbol":
            if not ((value.endswith("*") and _SYMBOLISH.match(value)) or is_symbol(value)):
                raise QueryError(
                    f"symbol: takes a document symbol or a prefix such as IP/C/W/64*: got {value!r}"
                )
            return SymbolQuery(canonical_pattern(value))
        return _range(name, value)


def _word(value: str) -> Word:
    """A word, or a prefix ``word*`` (of at least two letters)."""
    if value.endswith("*"):
        stem = value.rstrip("*")
        if len(stem) < 2:
            raise QueryError(f"a wildcard needs at least two letters before '*': {value!r}")
        return Word(stem, prefix=True)
    return Word(value)


def _nearable(node: Node, text: str) -> Node:
    """``node`` as a side of ``near``: a word, a phrase, or a ``near`` of them."""
    if (isinstance(node, Word) and not node.prefix) or isinstance(node, Phrase | Near):
        return node
    raise QueryError(f"near takes words or phrases on each side (no wildcards, symbols or fields): {text!r}")


def _example(name: str) -> str:
    return {"year": "2015..2019", "date": "2019-10-01..2019-12-31", "symbol": "IP/C/W/64*"}.get(
        name, VALUE_FIELDS.get(name, ("a value",))[0]
    )


def _range(name: str, value: str) -> DateRange:
    """``year:2015..2019``, ``year:2015``, ``date:2019-10-01..2019-12-31``, open at either end."""
    low, dots, high = value.partition("..")
    if not dots:
        high = low
    try:
        if name == "year":
            start = date(int(low), 1, 1) if low else None
            end = date(int(high), 12, 31) if high else None
        else:
            start = date.fromisoformat(low) if low else None
            end = date.fromisoformat(high) if high else None
    except ValueError:
        raise QueryError(f"{name}: takes a range such as {_example(name)}: got {value!r}") from None
    if start is None and end is None:
        raise QueryError(f"{name}: takes a range such as {_example(name)}: got {value!r}")
    if start and end and start > end:
        raise QueryError(f"{name}: range ends before it starts: {value!r}")
    return DateRange(start, end)


def parse_query(text: str) -> Node:
    """Parse a Documents Online-style query; raise :class:`QueryError` if it is malformed."""
    return _Parser(text).parse()
