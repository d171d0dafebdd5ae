"""WTO document symbols: parsing, canonical spelling, families and the IP/C/W file-name rule.

``IP/C/W/34/Add.3/Suppl.3`` is the third supplement to the third addendum of the 34th working
document of the Council for TRIPS: its *base* is ``IP/C/W/34``, its *series* ``IP/C/W`` and its
*chain* ``(("Add", 3), ("Suppl", 3))``.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ipcw.errors import ConfigError

#: Suffixes that make a document part of a base document's family, in WTO spelling.
SUFFIXES = ("Add", "Rev", "Corr", "Suppl")
_SUFFIX_BY_LOWER = {s.lower(): s for s in SUFFIXES}
_SUFFIX_RE = re.compile(r"^(add|rev|corr|suppl)\.?\s*(\d+)$", re.IGNORECASE)
#: One part of a symbol: letters, digits, dots, hyphens; a two-digit year in parentheses after a
#: word, as in ``WT/MIN(05)/17`` or ``JOB(02)/160``.
_PART = re.compile(r"[A-Za-z0-9.\- ]+(?:\(\d\d\)[A-Za-z0-9.\- ]*)?")

#: The one pattern of a symbol in running text (covers, minutes, queries), in two pieces.
#: Its series: parts of one to six capitals, one possibly dated: ``IP/C/W/``, ``WT/MIN(05)/``.
SERIES_PATTERN = r"(?:[A-Z]{1,6}(?:\(\d\d\))?/)+"
#: The whole symbol: the series, the number, then suffixes (``/Add.3``) or further parts.
_SUFFIX_WORDS = "|".join((*SUFFIXES, *(s.upper() for s in SUFFIXES)))
SYMBOL_PATTERN = (
    SERIES_PATTERN + r"[A-Z0-9][A-Z0-9-]*(?:\(\d\d\))?"
    rf"(?:/(?:(?:{_SUFFIX_WORDS})\.?\s?\d+|[A-Z0-9][A-Za-z0-9-]*))*"
)

#: The longest symbol accepted. Real ones are under 40 characters; a longer "symbol" is hostile or
#: garbage, and would make a file name too long for the file system.
MAX_LENGTH = 100

#: Series a user can ask for by name, and the symbol pattern each stands for. IP/C/R/TC took the
#: technical-cooperation reports over from IP/C/W in 2020.
SERIES = {"ip-c-w": "IP/C/W/*", "ip-c-r-tc": "IP/C/R/TC/*"}
#: What a crawl lists when it is given no symbol and no series.
DEFAULT_PATTERN = SERIES["ip-c-w"]

#: Series whose base documents carry a name part before the number (``IP/C/R/TC/CHE/3``).
NAMED_SERIES = ("IP/C/R/TC",)


@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed document symbol."""

    base: str
    chain: tuple[tuple[str, int], ...] = ()

    def __str__(self) -> str:
        return self.base + "".join(f"/{kind}.{n}" for kind, n in self.chain)

    @property
    def series(self) -> str:
        """The series: ``IP/C/W`` for ``IP/C/W/640/Add.3``, ``IP/C/R/TC`` for ``IP/C/R/TC/CHE/3``."""
        for named in NAMED_SERIES:
            if self.base.startswith(named + "/"):
                return named
        head, _, _ = self.base.rpartition("/")
        return head or self.base

    @property
    def number(self) -> int | None:
        """The base document's number (640 for ``IP/C/W/640/Add.3``), when it is a number."""
        last = self.base.rpartition("/")[2]
        return int(last) if last.isdigit() else None

    @property
    def is_base(self) -> bool:
        return not self.chain

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The chain as WTO writes it: ``("Add.3", "Suppl.1")``."""
        return tuple(f"{kind}.{n}" for kind, n in self.chain)


def parse_symbol(text: str) -> Symbol:
    """Parse ``text`` into a :class:`Symbol`, spelling it canonically.

    >>> str(parse_symbol(" ip/c/w/640/add.3 "))
    'IP/C/W/640/Add.3'
    """
    raw = text.strip().strip("/")
    if len(raw) > MAX_LENGTH:
        raise ConfigError(f"not a document symbol: {shown(text)} is {len(raw)} characters long")
    parts = [p.strip() for p in raw.split("/") if p.strip()]
    if len(parts) < 2 or not all(_PART.fullmatch(p) for p in parts):
        raise ConfigError(f"not a document symbol: {shown(text)}")
    chain: list[tuple[str, int]] = []
    while parts:
        match = _SUFFIX_RE.match(parts[-1])
        if not match or len(parts) == 1:
            break
        chain.insert(0, (_SUFFIX_BY_LOWER[match.group(1).lower()], int(match.group(2))))
        parts.pop()
    if len(parts) < 2:
        raise ConfigError(f"not a document symbol: {shown(text)}")
    return Symbol(base="/".join(p.upper() for p in parts), chain=tuple(chain))


def shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters: hostile input can be any length."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} characters)"


def document_symbols(candidates: Iterable[str], patterns: Iterable[str] = ("*",)) -> tuple[str, ...]:
    """A listing row's symbols, checked one by one: the document's own symbol first, canonically
    spelled, then its co-symbols as the site wrote them.

    The document's symbol is the first valid symbol matching one of ``patterns`` (the series being
    crawled), else the first valid symbol. A co-symbol is kept whatever its shape (``WT/MIN(05)/DEC``
    has parentheses) as long as it is printable, at most :data:`MAX_LENGTH` characters and has a
    letter or digit; others (``..``, ``<``, control characters) are dropped. An empty tuple means the
    row has no valid symbol at all.

    >>> document_symbols(["WT/MIN(05)/DEC", "ip/c/w/460"], ["IP/C/W/*"])
    ('IP/C/W/460', 'WT/MIN(05)/DEC')
    """
    raw = [c.strip() for c in candidates]
    valid = [(c, canonical(c)) for c in raw if is_symbol(c)]
    if not valid:
        return ()
    wanted = list(patterns)
    own_raw, own = next(((c, s) for c, s in valid if any(matches(p, s) for p in wanted)), valid[0])
    others = (
        c
        for c in raw
        if c != own_raw
        and c.isprintable()
        and len(c) <= MAX_LENGTH
        and any(ch.isalnum() for ch in c)
        and canonical_or_none(c) != own
    )
    return (own, *dict.fromkeys(others))


def canonical_or_none(text: str) -> str | None:
    """The canonical spelling of ``text``, or ``None`` when it is not a symbol."""
    return canonical(text) if is_symbol(text) else None


def canonical(text: str) -> str:
    """The canonical spelling of a symbol (``ip/c/w/640/add.3`` → ``IP/C/W/640/Add.3``)."""
    return str(parse_symbol(text))


def canonical_pattern(pattern: str) -> str:
    """A symbol or symbol prefix spelled canonically: ``ip/c/w/64*`` → ``IP/C/W/64*``."""
    if not pattern.endswith("*"):
        return canonical(pattern)
    head = pattern.rstrip("*")
    try:
        return canonical(head.rstrip("/")) + ("/" if head.endswith("/") else "") + "*"
    except ConfigError:
        return head.upper() + "*"


def is_symbol(text: str) -> bool:
    """Whether ``text`` (without wildcards) reads as a document symbol."""
    try:
        parse_symbol(text)
    except ConfigError:
        return False
    return "/" in text.strip().strip("/")


def matches(pattern: str, symbol: str) -> bool:
    """Whether ``symbol`` matches a pattern such as ``IP/C/W/64*`` (case-insensitive glob)."""
    return fnmatch.fnmatchcase(symbol.upper(), pattern.strip().upper())


def sort_key(symbol: str) -> tuple[object, ...]:
    """A key that sorts symbols naturally: ``IP/C/W/9`` before ``IP/C/W/10``, base before addenda."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.upper()) for part in re.split(r"[/.]", symbol)
    )
