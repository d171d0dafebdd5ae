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
import sys
from collections.abc import Callable

from whoosh import analysis, fields

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


def text_analyzer(language: str) -> analysis.Analyzer:
    """Tokenise, lower-case, fold accents, stem in ``language``; keep every word and position."""
    return (
        analysis.RegexTokenizer(r"\w+(?:[.\-]\w+)*")
        | analysis.LowercaseFilter()
        | analysis.CharsetFilter(ACCENTS)
        | GuardedStemFilter(lang=language, cachesize=50000)
    )


def name_analyzer() -> analysis.Analyzer:
    """Submitter names: words, lower-cased, accents folded, not stemmed."""
    return analysis.RegexTokenizer() | analysis.LowercaseFilter() | analysis.CharsetFilter(ACCENTS)


def word_analyzer() -> analysis.Analyzer:
    """Every word as written, lower-cased, accents folded, not stemmed: what prefixes are matched
    against (``cooperat*`` finds "cooperation", which the stemmed fields hold as ``cooper``)."""
    return (
        analysis.RegexTokenizer(r"\w+(?:[.\-]\w+)*")
        | analysis.LowercaseFilter()
        | analysis.CharsetFilter(ACCENTS)
    )


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
