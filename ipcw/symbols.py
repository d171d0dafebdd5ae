"""WTO document symbols: parsing, canonical spelling, families and the IP/C/W file-name rule.

``IP/C/W/34/Add.3/Suppl.3`` is the third supplement to the third addendum of the 34th working
document of the Council for TRIPS: its *base* is ``IP/C/W/34``, its *series* ``IP/C/W`` and its
*chain* ``(("Add", 3), ("Suppl", 3))``.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from ipcw.errors import ConfigError

#: Suffixes that make a document part of a base document's family, in WTO spelling.
SUFFIXES = ("Add", "Rev", "Corr", "Suppl")
_SUFFIX_BY_LOWER = {s.lower(): s for s in SUFFIXES}
_SUFFIX_RE = re.compile(r"^(add|rev|corr|suppl)\.?\s*(\d+)$", re.IGNORECASE)
_FILE_CODES = {"Add": "A", "Rev": "R", "Corr": "C", "Suppl": "S"}

#: Series a user can ask for by name, and the symbol pattern each stands for. IP/C/R/TC took the
#: technical-cooperation reports over from IP/C/W in 2020.
SERIES = {"ip-c-w": "IP/C/W/*", "ip-c-r-tc": "IP/C/R/TC/*"}

#: Series whose base documents carry a name part before the number (``IP/C/R/TC/CHE/3``).
NAMED_SERIES = ("IP/C/R/TC",)

#: What a symbol looks like inside free text or a query: at least two slash-separated parts.
SYMBOL_PATTERN = re.compile(
    r"(?<![\w/])(?:[A-Z]{1,6}/)+(?:[A-Z0-9-]+)(?:/(?:[A-Z0-9-]+|(?:Add|Rev|Corr|Suppl)\.\d+))*",
    re.IGNORECASE,
)


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

    def suffix(self, kind: str) -> int | None:
        """The number of the last ``kind`` suffix (``Add``, ``Rev``...) in the chain, if any."""
        found = [n for k, n in self.chain if k == kind]
        return found[-1] if found else None

    @property
    def is_base(self) -> bool:
        return not self.chain

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The chain as WTO writes it: ``("Add.3", "Suppl.1")``."""
        return tuple(f"{kind}.{n}" for kind, n in self.chain)

    def file_name(self, language: str = "en") -> str:
        """The Documents Online path of an IP/C/W document, by the series' naming rule.

        Only a fallback: the listing's own path is always preferred. Other series break the rule.
        """
        if self.series != "IP/C/W" or self.number is None:
            raise ConfigError(f"no file-name rule for {self}: only IP/C/W symbols have one")
        drive = {"en": "q", "fr": "r", "es": "s"}[language]
        codes = "".join(f"{_FILE_CODES[kind]}{n}" for kind, n in self.chain)
        return f"{drive}:/IP/C/W{self.number}{codes}.pdf"


def parse_symbol(text: str) -> Symbol:
    """Parse ``text`` into a :class:`Symbol`, spelling it canonically.

    >>> str(parse_symbol(" ip/c/w/640/add.3 "))
    'IP/C/W/640/Add.3'
    """
    raw = text.strip().strip("/")
    parts = [p.strip() for p in raw.split("/") if p.strip()]
    if len(parts) < 2 or not all(re.fullmatch(r"[A-Za-z0-9.\- ]+", p) for p in parts):
        raise ConfigError(f"not a document symbol: {text!r}")
    chain: list[tuple[str, int]] = []
    while parts:
        match = _SUFFIX_RE.match(parts[-1])
        if not match or len(parts) == 1:
            break
        chain.insert(0, (_SUFFIX_BY_LOWER[match.group(1).lower()], int(match.group(2))))
        parts.pop()
    if len(parts) < 2:
        raise ConfigError(f"not a document symbol: {text!r}")
    return Symbol(base="/".join(p.upper() for p in parts), chain=tuple(chain))


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
