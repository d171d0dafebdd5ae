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

from ipcw.query import And, Node, Not, Or, Phrase, SymbolQuery, Word, parse_query
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

    def __call__(self, title: str, elided: bool | None = None) -> bool | None:
        elided = ELISION in title if elided is None else elided
        parts = [_words(p) for p in title.split(ELISION)] if elided else [_words(title)]
        return self._eval(self.tree, parts, elided)

    def _eval(self, node: Node, parts: list[list[str]], elided: bool) -> bool | None:
        if isinstance(node, Word | Phrase | SymbolQuery):
            found = self._contains(node, parts)
            return True if found else (None if elided else False)
        if isinstance(node, Not):
            inner = self._eval(node.part, parts, elided)
            return None if inner is None else not inner
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
