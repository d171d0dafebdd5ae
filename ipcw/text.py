"""Folding text for comparison: the one place ipcw says what "the same word" means.

Two verbs, two meanings, across the code:

- *fold*: a comparison key, never shown. :func:`fold` (accents and case), :func:`fold_space`
  (runs of whitespace); built on them, :func:`ipcw.names.fold_name` (a name's lookup key) and the
  title matcher's words (:mod:`ipcw.harvester.keywords`). The search index folds accents with the
  same table (:data:`ACCENTS`, see :mod:`ipcw.indexer.schema`), so a word matches the same words
  in a title search, a names lookup and the index.
- *canonical*: the official spelling, shown to people: :func:`ipcw.symbols.canonical` for symbols,
  :meth:`ipcw.names.NamesTable.canonical` for names.
"""

from __future__ import annotations

import re
import unicodedata

#: Letters that do not decompose into a base letter and marks, folded as readers expect.
_UNDECOMPOSED = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
_UNDECOMPOSED |= {"œ": "oe", "Œ": "OE", "ı": "i", "’": "'", "‘": "'", "\u2011": "-"}
#: The Latin letters with accents, the ligatures, and the letters above.
_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00), (0xFB00, 0xFB07))


def _accent_table() -> dict[int, str]:
    table = {}
    for start, end in _RANGES:
        for code in range(start, end):
            decomposed = unicodedata.normalize("NFKD", chr(code))
            bare = "".join(c for c in decomposed if not unicodedata.combining(c))
            if bare != chr(code):
                table[code] = bare
    return table | {ord(letter): folded for letter, folded in _UNDECOMPOSED.items()}


#: ``str.translate`` table: each accented letter (and ligature) to its bare letters (é → e, ﬁ → fi).
ACCENTS = _accent_table()


def fold_accents(text: str) -> str:
    """``text`` without accents: ``"Coopération técnica"`` → ``"Cooperation tecnica"``."""
    return text.translate(ACCENTS)


def fold(text: str) -> str:
    """``text`` without accents, in lower case: ``"Coopération"`` → ``"cooperation"``."""
    return fold_accents(text).lower()


def fold_space(text: str) -> str:
    """``text`` on one line: each run of whitespace one space, none at the ends."""
    return re.sub(r"\s+", " ", text).strip()
