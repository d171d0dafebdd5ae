"""The Whoosh schema, declared once: one entry per (symbol, language).

Text is analysed per language (``title_en``, ``text_fr``...): accents folded first, then stemmed
with that language's Snowball stemmer, with no stop words removed so that phrases stay exact
(``"trademark office"`` does not match "trademark of the office"). Symbols, families and series are
keyword fields, so a symbol prefix is a filter on a few terms rather than a prefix expansion over
every symbol.
"""

from __future__ import annotations

from whoosh import analysis, fields
from whoosh.support.charset import accent_map

from ipcw.models import LANGUAGES

#: Relative weight of a match in the title over one in the body.
TITLE_BOOST = 5.0


def text_analyzer(language: str) -> analysis.Analyzer:
    """Tokenise, lower-case, fold accents, stem in ``language``; keep every word and position."""
    return (
        analysis.RegexTokenizer(r"\w+(?:[.\-]\w+)*")
        | analysis.LowercaseFilter()
        | analysis.CharsetFilter(accent_map)
        | analysis.StemFilter(lang=language, cachesize=50000)
    )


def name_analyzer() -> analysis.Analyzer:
    """Submitter names: words, lower-cased, accents folded, not stemmed."""
    return analysis.RegexTokenizer() | analysis.LowercaseFilter() | analysis.CharsetFilter(accent_map)


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
        submitters=fields.TEXT(analyzer=name_analyzer(), stored=False),
        submitter=fields.TEXT(analyzer=list_analyzer(), stored=True, phrase=False),
        date=fields.DATETIME(stored=True, sortable=True),
        year=fields.NUMERIC(stored=True, sortable=True),
        title=fields.STORED(),
        content=fields.STORED(),
        path=fields.STORED(),
        sha256=fields.STORED(),
        pages=fields.STORED(),
        doc_number=fields.STORED(),
        **text_fields,
    )
