"""Snippets: the passage of a document's body where the query's words are, matched words marked
``**like this**``.

Whoosh's highlighter analyses a hit's whole text (every word stemmed, in Python) to find a few
matches: most of a search's time. Here the body is scanned by a regular expression for words that
begin as one of the query's words does (in C), and only those few words are folded and stemmed to
see whether they are the query's (in a text with ligatures, where folding moves characters, every
word is). The passage is the window of :data:`SNIPPET_CHARS` holding the
most of the query's different words (then the most matches; then the earliest).

What a snippet looks for (:func:`wanted`): the words of words, phrases and ``near`` (stemmed in the
hit's language, as the index stems them) and prefixes (as written), except under ``not`` and in
``title:``, which the body is not searched for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ipcw.indexer.schema import WORD, text_analyzer, word_analyzer
from ipcw.query import InField, Near, Node, Not, Phrase, Word
from ipcw.search.results import COVER_RULE, SNIPPET_CHARS, one_line
from ipcw.text import ACCENTS, fold

#: Characters a word must share with the query's to be looked at more closely. A Snowball stem
#: changes a word's ending, at most its third letter (try → tri, dying → die): two are safe.
HEAD = 2
#: Folding one letter for one letter (é → e, Ｊ → J): places in text folded so are the text's. What
#: folds otherwise (œ → oe, ß → ss, a combining mark → nothing, a non-breaking hyphen → -) is left.
_ONE_FOR_ONE = {code: bare for code, bare in ACCENTS.items() if len(bare) == 1 and bare.isalnum()}
#: Words holding a letter that folds to more than one (œuvre, ﬁrst, Straße): folded word by word.
_SPREADING = "".join(sorted(chr(code) for code, bare in ACCENTS.items() if len(bare) > 1 and bare.isalnum()))
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
_SPREADING_LETTER = re.compile(rf"[{re.escape(_SPREADING)}]")
_SPREAD_WORD = re.compile(rf"\w*[{re.escape(_SPREADING)}]\w*(?:[.\-]\w+)*")


@dataclass(frozen=True)
class Wanted:
    """The words a query looks for in a body, folded: whole words (stemmed in the body's language
    when looked for), prefixes, and stems (as the index holds them: ``similar``'s key terms)."""

    words: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.stems)


def wanted(node: Node) -> Wanted:
    """What :func:`snippet` looks for, for the query ``node``."""
    words: list[str] = []
    prefixes: list[str] = []
    for part in _positive(node):
        if isinstance(part, Word) and part.prefix:
            prefixes.append(fold(part.text.rstrip("*")))
        else:
            words += [token.text for token in word_analyzer()(part.text)]
    return Wanted(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(p for p in prefixes if p)))


def _positive(node: Node) -> Iterator[Word | Phrase]:
    if isinstance(node, Word | Phrase):
        yield node
    elif isinstance(node, Near):
        for part in node.parts:
            yield from _positive(part)
    elif isinstance(node, InField):
        if node.field != "title":
            yield from _positive(node.part)
    elif not isinstance(node, Not):
        for part in getattr(node, "parts", ()):
            yield from _positive(part)


@cache
def _stems(words: tuple[str, ...], language: str) -> frozenset[str]:
    analyzer = text_analyzer(language)
    return frozenset(token.text for word in words for token in analyzer(word))


def matches(text: str, language: str, want: Wanted) -> list[tuple[int, int, str]]:
    """Where ``text`` holds the query's words: (start, end, which word) in text order."""
    if not want:
        return []
    stems = _stems(want.words, language) | frozenset(want.stems)
    heads = frozenset(w[:HEAD] for w in (*stems, *want.prefixes))
    folded = _one_for_one(text).lower()
    if len(folded) == len(text):  # the folded text's places are the text's
        # The words that begin as the query's do, each once (found in C), are looked at; then only
        # those that are the query's are looked for.
        seen = set(_folded_candidates(heads).findall(folded))
        hits = [word for word in seen if _key(fold(word), language, want.prefixes, stems) is not None]
        spans = {m.start(): m.end() for m in _exactly(frozenset(hits)).finditer(folded)} if hits else {}
        if _SPREADING_LETTER.search(text):  # œuvre, ﬁrst: few (and the word pattern is slow)
            spans |= {m.start(): m.end() for m in _SPREAD_WORD.finditer(text)}
    else:  # lower() lengthened a letter (İ): every word is looked at (rare, slower)
        spans = {m.start(): m.end() for m in WORD.finditer(text)}
    found = []
    for start, end in sorted(spans.items()):
        key = _key(fold(text[start:end]), language, want.prefixes, stems)
        if key is not None:
            found.append((start, end, key))
    return found


def _word_begun(literal: str) -> str:
    """``literal``, where a word begins (whole words, not halves): the literal first, then a look
    back, so that the pattern begins with letters, which Python's regular expressions search for
    quickly; a pattern that begins by looking back is tried at every character (twice as slow)."""
    escaped = re.escape(literal)
    return rf"{escaped}(?<![\w.\-]{escaped})"


@cache
def _folded_candidates(heads: frozenset[str]) -> re.Pattern[str]:
    """Words beginning with one of ``heads``, in folded text."""
    heads_first = "|".join(map(_word_begun, sorted(heads)))
    return re.compile(rf"(?:{heads_first})\w*(?:[.\-]\w+)*")


@lru_cache(maxsize=1_000)
def _exactly(words: frozenset[str]) -> re.Pattern[str]:
    """Whole words that are one of ``words``, in folded text."""
    alternatives = "|".join(map(_word_begun, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?:{alternatives})(?![\w]|[.\-]\w)")


def _one_for_one(text: str) -> str:
    """``text`` with each letter that folds to one letter folded (é → e): the few different letters
    beyond ASCII a text holds are replaced one by one, in C."""
    for letter in set(_BEYOND_ASCII.findall(text)):
        bare = _ONE_FOR_ONE.get(ord(letter))
        if bare is not None:
            text = text.replace(letter, bare)
    return text


@lru_cache(maxsize=100_000)
def _key(word: str, language: str, prefixes: tuple[str, ...], stems: frozenset[str]) -> str | None:
    """Which of the query's prefixes or stems the folded ``word`` is, if any."""
    prefix = next((p for p in prefixes if word.startswith(p)), None)
    if prefix is not None:
        return prefix
    return next((t.text for t in text_analyzer(language)(word) if t.text in stems), None)


def snippet(text: str, language: str, want: Wanted, chars: int = SNIPPET_CHARS) -> str:
    """The passage of ``text`` (at most about ``chars``) with most of the query's words, marked;
    ``""`` when it has none."""
    found = matches(text, language, want)
    if not found:
        return ""
    best, best_score = (0, 0), (0, 0)
    end = 0
    for start in range(len(found)):
        end = max(end, start)
        while end + 1 < len(found) and found[end + 1][1] - found[start][0] <= chars:
            end += 1
        window = found[start : end + 1]
        score = (len({key for _, _, key in window}), len(window))
        if score > best_score:
            best, best_score = (start, end), score
    shown = found[best[0] : best[1] + 1]
    room = max(0, chars - (shown[-1][1] - shown[0][0]))
    left = _word_start(text, max(0, shown[0][0] - room // 2))
    right = _word_end(text, min(len(text), shown[-1][1] + room - (shown[0][0] - left)))
    pieces, at = [], left
    for start, stop, _ in shown:
        pieces += [text[at:start], "**", text[start:stop], "**"]
        at = stop
    pieces.append(text[at:right])
    return one_line("".join(pieces))


def of_body(text: str, language: str, want: Wanted) -> str:
    """The snippet of a hit whose text is ``text``: the best passage of its body (the cover, with
    its masthead, symbol, date and title, repeats what the hit's other lines say already); the start
    of the body when the body has none of the query's words (a match on the cover only)."""
    body = COVER_RULE.split(text, maxsplit=1)[-1]
    return snippet(body, language, want) or one_line(body[: SNIPPET_CHARS * 4])[:SNIPPET_CHARS]


def _word_start(text: str, at: int) -> int:
    """``at``, moved forward to the start of a word."""
    if at == 0 or text[at - 1].isspace():
        return at
    space = re.compile(r"\s").search(text, at)
    return space.end() if space else at


def _word_end(text: str, at: int) -> int:
    """``at``, moved back to the end of a word."""
    if at >= len(text) or text[at].isspace():
        return at
    space = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at), text.rfind("\t", 0, at))
    return space if space > 0 else at
