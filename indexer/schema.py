"""The Whoosh schema, declared once: one entry per (symbol, language).

Text is analysed per language (``title_en``, ``text_fr``...): accents folded first, then stemmed
with that language's Snowball stemmer (guarded: a word the stemmer fails on is kept as it is, see
:class:`GuardedStemFilter`), with no stop words removed so that phrases stay exact
(``"trademark office"`` does not match "trademark of the office"). Symbols, families and series are
keyword fields, so a symbol prefix is a filter on a few terms rather than a prefix expansion over
every symbol.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterator
from functools import cache

from whoosh import analysis, fields
from whoosh.lang import stemmer_for_language

from ipcw.models import LANGUAGES
from ipcw.text import ACCENTS

log = logging.getLogger(__name__)

#: Relative weight of a match in the title over one in the body.
TITLE_BOOST = 5.0

#: The module names under which indexes of format 3 and older pickled this module's classes, from
#: before ipcw installed under the one name ``ipcw``.
FORMER_NAMES = ("indexer", "indexer.schema")


def answer_to_former_names() -> None:
    """Let an index of format 3 or older be read, until the next run rebuilds it: its schema names
    ``indexer.schema.GuardedStemFilter``. The former names are given to this package and module,
    never over a module of that name already loaded (that index then reads as damaged, and the
    next run rebuilds it as it would anyway)."""
    package, module = FORMER_NAMES
    sys.modules.setdefault(package, sys.modules[__name__.rsplit(".", 1)[0]])
    sys.modules.setdefault(module, sys.modules[__name__])


class GuardedStemFilter(analysis.StemFilter):  # type: ignore[misc]  # Whoosh has no type hints
    """A Snowball :class:`~whoosh.analysis.StemFilter` that keeps a word unstemmed when the stemmer
    fails on it, instead of failing the whole document.

    Whoosh 2.7.4's Spanish stemmer raises ``IndexError`` on "argue" and "ague" (so on "argüe" once
    accents are folded); one such word in one report used to stop every later indexing run. The same
    guard applies when a query is analysed, so the word is found as it was indexed. The index pickles
    its schema, so this class must stay importable under this name.
    """

    def clear(self) -> None:
        super().clear()
        stem: Callable[[str], object] = self._stem  # type: ignore[has-type]  # set by Whoosh

        def guarded(word: str) -> str:
            try:
                return str(stem(word))
            except Exception:  # the stemmer's bug, on one word: keep the word
                log.debug("the %s stemmer failed on %r; indexed unstemmed", self.lang, word)
                return word

        self._stem = guarded


#: A word, as the index splits text: letters and digits, joined by ``.`` or ``-`` (``medium-sized``).
WORD = re.compile(r"\w+(?:[.\-]\w+)*")
#: The words of the last few long values split (a document's text, split for its language's field,
#: is split again, after its title, for the words field).
_SPLIT: dict[str, list[str]] = {}
_SPLIT_FROM = 256


def split_words(value: str) -> list[str]:
    """``WORD.findall(value)``, remembering the last few long values: a value ending in a newline and
    one of them is split as its head, then the words remembered (no word spans a newline)."""
    if len(value) < _SPLIT_FROM:
        return WORD.findall(value)
    words = _SPLIT.get(value)
    if words is not None:
        return words
    for seen, known in list(_SPLIT.items()):
        if len(value) > len(seen) and value[-len(seen) - 1] == "\n" and value.endswith(seen):
            words = WORD.findall(value[: -len(seen)]) + known
            break
    else:
        words = WORD.findall(value)
    if len(_SPLIT) >= 4:
        _SPLIT.clear()
    _SPLIT[value] = words
    return words


#: Distinct words an analyzer remembers the term of, before it starts afresh.
REMEMBERED = 100_000


class WordAnalyzer(analysis.Analyzer):  # type: ignore[misc]  # Whoosh has no type hints
    """Text to the index's terms in one pass: split into words (:data:`WORD`), each lower-cased,
    its accents folded (:data:`ipcw.text.ACCENTS`) and, with a ``language``, stemmed by that
    language's Snowball stemmer (guarded: a word the stemmer fails on is kept as it is, see
    :class:`GuardedStemFilter`). Each distinct word is analysed once and its term remembered.

    The terms are those of the chain ``RegexTokenizer | LowercaseFilter | CharsetFilter |
    GuardedStemFilter`` of index formats 4 and older, made without a generator and a token per
    filter: indexing spent most of its time there. No stop word is removed, so phrases stay exact.
    The index pickles its schema: this class must stay importable under this name.
    """

    def __init__(self, language: str | None = None) -> None:
        self.language = language
        self._terms: dict[str, str] = {}
        self._stem: Callable[[str], str] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {"language": self.language}

    def __setstate__(self, state: dict[str, object]) -> None:
        language = state.get("language")
        self.language = language if isinstance(language, str) else None
        self._terms, self._stem = {}, None

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, WordAnalyzer) and type(other) is type(self) and other.language == self.language
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.language))

    def __repr__(self) -> str:
        return f"WordAnalyzer({self.language!r})"

    def term(self, word: str) -> str:
        """The term of one word as written (``""`` when nothing of it is left)."""
        term = self._terms.get(word)
        if term is None:
            term = word.lower().translate(ACCENTS)
            if self.language and term:
                term = self._stemmed(term)
            if len(self._terms) >= REMEMBERED:
                self._terms.clear()
            self._terms[word] = term
        return term

    def terms(self, value: str) -> list[str]:
        """The term of each word of ``value``, in order (``""`` where nothing of a word is left):
        the tokens :meth:`__call__` gives and their positions, without a token a word."""
        words = split_words(value)
        terms = list(map(self._terms.get, words))  # in C: most words were seen before
        if None in terms:
            terms = [
                self.term(word) if known is None else known for known, word in zip(terms, words, strict=True)
            ]
        return terms  # type: ignore[return-value]  # no None left

    def _stemmed(self, word: str) -> str:
        if self._stem is None:
            self._stem = stemmer_for_language(self.language)
        try:
            return str(self._stem(word))
        except Exception:  # the stemmer's bug, on one word: keep the word
            log.debug("the %s stemmer failed on %r; indexed unstemmed", self.language, word)
            return word

    def __call__(  # Whoosh's signature
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[analysis.Token]:
        token = analysis.Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost, token.stopped = 1.0, False
        if not tokenize:  # the whole value is one word (Whoosh asks so for some queries)
            token.text = self.term(value)
            if token.text:
                token.original, token.pos = value, start_pos
                token.startchar, token.endchar = start_char, start_char + len(value)
                yield token
            return
        terms, term = self._terms, self.term
        for pos, match in enumerate(WORD.finditer(value)):
            word = match.group()
            text = terms.get(word) or term(word)
            if not text:
                continue
            token.text = text
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            yield token


@cache
def text_analyzer(language: str) -> analysis.Analyzer:
    """Words split, lower-cased, accents folded, stemmed in ``language``; every word and position
    kept (one analyzer a language, shared: it remembers the words it has seen)."""
    return WordAnalyzer(language)


def name_analyzer() -> analysis.Analyzer:
    """Submitter names: words, lower-cased, accents folded, not stemmed."""
    return analysis.RegexTokenizer() | analysis.LowercaseFilter() | analysis.CharsetFilter(ACCENTS)


@cache
def word_analyzer() -> analysis.Analyzer:
    """Every word as written, lower-cased, accents folded, not stemmed: what prefixes are matched
    against (``cooperat*`` finds "cooperation", which the stemmed fields hold as ``cooper``)."""
    return WordAnalyzer(None)


def list_analyzer() -> analysis.Analyzer:
    """A ``|``-separated list kept as exact terms (for facets): ``Korea, Republic of|Japan``."""
    return analysis.RegexTokenizer(r"[^|]+")


def build_schema() -> fields.Schema:
    text_fields: dict[str, fields.FieldType] = {}
    for lang in LANGUAGES:
        text_fields[f"title_{lang}"] = fields.TEXT(analyzer=text_analyzer(lang), field_boost=TITLE_BOOST)
        text_fields[f"text_{lang}"] = fields.TEXT(analyzer=text_analyzer(lang))
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        symbol=fields.ID(stored=True, sortable=True),
        symbols=fields.KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
        family=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        series=fields.KEYWORD(lowercase=True, commas=True),
        lang=fields.ID(stored=True),
        origin=fields.ID(stored=True),
        topic=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        # Every form of each submitter's name (English, French, Spanish, former), for words.
        submitters=fields.TEXT(analyzer=name_analyzer(), stored=False),
        # The canonical names, for display and facets; the names table's ids, for --submitter.
        submitter=fields.TEXT(analyzer=list_analyzer(), stored=True, phrase=False),
        submitter_id=fields.KEYWORD(commas=True),
        speaker=fields.TEXT(analyzer=list_analyzer(), stored=True, phrase=False),
        # The words of title and text in every language, unstemmed and without positions: for
        # prefixes only.
        words=fields.TEXT(analyzer=word_analyzer(), phrase=False),
        date=fields.DATETIME(stored=True, sortable=True),
        year=fields.NUMERIC(stored=True, sortable=True),
        title=fields.STORED(),
        path=fields.STORED(),
        sha256=fields.STORED(),
        pages=fields.STORED(),
        doc_number=fields.STORED(),
        **text_fields,
    )
