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

import unicodedata

#: Letters that do not decompose into a base letter and marks, folded as readers expect.
_LOWER = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"}
_UNDECOMPOSED = _LOWER | {k.upper(): v.upper() for k, v in _LOWER.items()} | {"ß": "ss", "ı": "i"}
_UNDECOMPOSED |= {"’": "'", "‘": "'", "\u2011": "-"}
#: The Latin letters with accents, the ligatures, and full-width forms (ａ, Ｊ): to bare letters.
_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00), (0xFB00, 0xFB07), (0xFF01, 0xFF5F))
#: Combining marks, as decomposed text carries them (e followed by U+0301): dropped.
_MARKS = ((0x0300, 0x0370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30))


def _accent_table() -> dict[int, str]:
    table = {code: "" for start, end in _MARKS for code in range(start, end)}
    for start, end in _RANGES:
        for code in range(start, end):
            decomposed = unicodedata.normalize("NFKD", chr(code))
            bare = "".join(c for c in decomposed if not unicodedata.combining(c))
            if bare != chr(code):
                table[code] = bare
    return table | {ord(letter): folded for letter, folded in _UNDECOMPOSED.items()}


#: ``str.translate`` table: each accented letter, ligature or full-width letter to its bare letters
#: (é → e, ﬁ → fi, Ｊ → J), each combining mark to nothing, so decomposed text folds the same.
ACCENTS = _accent_table()


def fold_accents(text: str) -> str:
    """``text`` without accents: ``"Coopération técnica"`` → ``"Cooperation tecnica"``."""
    return text.translate(ACCENTS)


def fold(text: str) -> str:
    """``text`` without accents, in lower case: ``"Coopération"`` → ``"cooperation"``."""
    return fold_accents(text).lower()


def fold_space(text: str) -> str:
    """``text`` on one line: each run of whitespace one space, none at the ends (what
    ``re.sub(r"\\s+", " ", text).strip()`` gives: the same characters are whitespace to both)."""
    return " ".join(text.split())
