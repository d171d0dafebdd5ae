"""Keyword crawls: the Documents Online title-search logic, applied by ipcw to listing titles.

The site's title search (``and``, ``or``, ``not``, quoted phrases, any case) is reachable only
through its form's postback, so a keyword crawl lists by symbol and keeps the records whose titles
match. Words match whole words, case- and accent-insensitively, ignoring a plural ``s``
("member" matches "Members"); ``word*`` matches words that start so.

Titles the HTML route cut in the middle (``head[...]tail``) are judged with three-valued logic: a
word absent from the visible parts is *unknown*, not false. An unknown verdict keeps the record
for a second look at the document's own title once it is downloaded (see
:func:`ipcw.harvester.crawl.crawl`'s ``title_of``).
"""

from __future__ import annotations

import re

from ipcw.errors import QueryError
from ipcw.query import (
    And,
    DateRange,
    FieldIs,
    InField,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    SymbolQuery,
    Word,
    parse_query,
)
from ipcw.text import fold

ELISION = "[...]"


def _fold_word(word: str) -> str:
    """A title word's comparison key: folded (:func:`ipcw.text.fold`), a plural's ``s`` dropped."""
    word = fold(word)
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_fold_word(w) for w in re.findall(r"\w+(?:[.\-]\w+)*", text)]


class TitleMatcher:
    """Whether listing titles match a keyword query. ``None`` means "cannot tell"."""

    def __init__(self, keywords: str) -> None:
        self.keywords = keywords
        self.tree = parse_query(keywords)
        _refuse_what_titles_cannot_tell(self.tree)

    def __call__(self, title: str, elided: bool | None = None) -> bool | None:
        elided = ELISION in title if elided is None else elided
        parts = [_words(p) for p in title.split(ELISION)] if elided else [_words(title)]
        return self._eval(self.tree, parts, elided)

    @classmethod
    def _near(cls, node: Near, parts: list[list[str]]) -> bool:
        """Both sides of ``node`` in one stretch of title, at most its distance apart."""
        return any(cls._near_in(node, words) for words in parts)

    @classmethod
    def _near_in(cls, node: Near, words: list[str]) -> list[tuple[int, int]]:
        """Where ``node`` stands in ``words``: the stretches holding both its sides close enough."""
        spans = [cls._spans(side, words) for side in node.parts]
        return [
            (min(a[0], b[0]), max(a[1], b[1]))
            for a in spans[0]
            for b in spans[1]
            if 0 <= max(a[0], b[0]) - min(a[1], b[1]) <= node.distance  # apart, as in the index
        ]

    @classmethod
    def _spans(cls, node: Node, words: list[str]) -> list[tuple[int, int]]:
        """Where ``node`` (a word, phrase or near) stands in ``words``: (first, after last) each."""
        if isinstance(node, Near):
            return cls._near_in(node, words)
        assert isinstance(node, Word | Phrase)
        wanted = _words(node.text)
        n = len(wanted)
        return [(i, i + n) for i in range(len(words) - n + 1) if n and words[i : i + n] == wanted]

    def _eval(self, node: Node, parts: list[list[str]], elided: bool) -> bool | None:
        if isinstance(node, Word | Phrase | SymbolQuery | Near):
            found = self._near(node, parts) if isinstance(node, Near) else self._contains(node, parts)
            return True if found else (None if elided else False)
        if isinstance(node, InField):  # title: (a text: or a filter was refused when parsed)
            return self._eval(node.part, parts, elided)
        if isinstance(node, Not):
            inner = self._eval(node.part, parts, elided)
            return None if inner is None else not inner
        assert isinstance(node, And | Or)  # fields of the document itself were refused when parsed
        values = [self._eval(p, parts, elided) for p in node.parts]
        if isinstance(node, And):
            if False in values:
                return False
            return None if None in values else True
        assert isinstance(node, Or)
        if True in values:
            return True
        return None if None in values else False

    @staticmethod
    def _contains(node: Word | Phrase | SymbolQuery, parts: list[list[str]]) -> bool:
        if isinstance(node, SymbolQuery):
            wanted = _words(node.pattern.rstrip("*"))
        elif isinstance(node, Word) and node.prefix:
            stem = _fold_word(node.text)
            return any(w.startswith(stem) for words in parts for w in words)
        else:
            wanted = _words(node.text)
        n = len(wanted)
        return any(words[i : i + n] == wanted for words in parts for i in range(len(words) - n + 1))


def _refuse_what_titles_cannot_tell(node: Node) -> None:
    """A title search judges titles: ``text:`` and the fields of what ipcw reads in a document
    (origin, submitter, topic, kind, language, dates) cannot be judged on a listing's title."""
    if (isinstance(node, InField) and node.field != "title") or isinstance(node, FieldIs | DateRange):
        name = f"{node.field}:" if isinstance(node, InField | FieldIs) else "year: or date:"
        raise QueryError(f"a title search cannot use {name} (it needs the document itself)")
    for part in getattr(node, "parts", ()) or ((node.part,) if isinstance(node, Not | InField) else ()):
        _refuse_what_titles_cannot_tell(part)
