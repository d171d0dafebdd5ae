"""Article 67 activity: how many technical-cooperation reports each year, by origin, and which
beneficiary countries and which themes they name most.

Computed over the same reports as the coverage table (:func:`~ipcw.report.coverage.is_report`),
each symbol once:

- the counts by year and origin are the reports' tags;
- a report's text is read in one language, English where the index holds it, else French, else
  Spanish (from the text cache: a report whose text is not cached counts in the first table only);
- a **beneficiary country** is a WTO Member or observer government with an ISO country code in the
  names table (``ipcw/data/names.tsv``), found in the text under any of its names (the names
  table's own matching, as the tagger's); a report counts once for each country it names, its own
  submitters left out (a donor names itself);
- a **theme** is a row of ``ipcw/data/themes.tsv``: a report counts once for each theme one of
  whose phrases, in the report's language, its text holds (see the file's header).

These are plain frequencies of what the texts name, not a classification: a country named in a
report may be a partner, a venue or a donor's own office abroad.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources

from ipcw.models import LANGUAGES, Document, Origin
from ipcw.names import names_table
from ipcw.report.coverage import is_report
from ipcw.text import fold


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    patterns: dict[str, re.Pattern[str]]  # by language, over folded text


@dataclass(frozen=True)
class Activity:
    """What :func:`activity` counts (see the module's text)."""

    #: Reports a year, by origin (``member``, ``igo``, ``secretariat``; ``unknown`` when untagged),
    #: every year from the first report's to the last's (a year without any: an empty dict).
    by_year: dict[int, dict[str, int]]
    #: Reports naming each country, most first (ties by name).
    countries: list[tuple[str, int]]
    #: Reports naming each theme, most first (ties in the file's order).
    themes: list[tuple[str, int]]
    reports: int  # reports counted (symbols), those without a date included
    texts_read: int  # of which a text was read
    undated: int = 0


def activity(documents: Iterable[Document], text_of: Callable[[Document], str | None]) -> Activity:
    """The activity of the reports among ``documents``, their texts read with ``text_of`` (``None``
    when a document's text is not at hand)."""
    chosen = _one_copy_a_symbol(doc for doc in documents if is_report(doc))
    by_year: dict[int, Counter[str]] = {}
    countries: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    read = undated = 0
    for doc in chosen:
        origin = doc.origin.value if isinstance(doc.origin, Origin) else "unknown"
        if doc.date is None:
            undated += 1
        else:
            by_year.setdefault(doc.date.year, Counter())[origin] += 1
        text = text_of(doc)
        if not text:
            continue
        read += 1
        countries.update(_countries_in(text, doc.submitters))
        folded = fold(text)
        themes.update(theme.name for theme in load_themes() if _names(theme, folded, doc.language))
    order = {theme.name: i for i, theme in enumerate(load_themes())}
    span = range(min(by_year), max(by_year) + 1) if by_year else range(0)
    return Activity(
        by_year={year: dict(sorted(by_year.get(year, Counter()).items())) for year in span},
        countries=sorted(countries.items(), key=lambda item: (-item[1], item[0])),
        themes=sorted(themes.items(), key=lambda item: (-item[1], order[item[0]])),
        reports=len(chosen),
        texts_read=read,
        undated=undated,
    )


def _one_copy_a_symbol(docs: Iterable[Document]) -> list[Document]:
    """One copy of each symbol: English where held, else French, else Spanish."""
    best: dict[str, Document] = {}
    rank = {lang: i for i, lang in enumerate(LANGUAGES)}
    for doc in docs:
        held = best.get(doc.symbol)
        if held is None or rank.get(doc.language, 9) < rank.get(held.language, 9):
            best[doc.symbol] = doc
    return list(best.values())


def _countries_in(text: str, submitters: tuple[str, ...]) -> set[str]:
    """The countries ``text`` names (canonical names), the report's own submitters left out."""
    table = names_table()
    own = {found.id for name in submitters if (found := table.resolve(name))}
    return {
        hit.name.name
        for hit in table.find_all(text)
        if hit.name.iso3 and hit.name.id not in own and not hit.by_acronym
    }


def _names(theme: Theme, folded: str, language: str) -> bool:
    pattern = theme.patterns.get(language) or theme.patterns["en"]
    return pattern.search(folded) is not None


def _pattern(phrases: str) -> re.Pattern[str]:
    """One regular expression for ``;``-separated phrases over folded text: whole words, a word
    ending in ``*`` for any ending (``indication* geographique*``), any spaces between words."""
    parts = []
    for phrase in filter(None, (p.strip() for p in phrases.split(";"))):
        words = [
            re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)
            for word in fold(phrase).split()
        ]
        parts.append(r"\s+".join(words) + r"\b")
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


#: The themes' file.
THEMES_FILE = resources.files("ipcw").joinpath("data/themes.tsv")


def theme_rows() -> list[dict[str, str]]:
    """The rows of :data:`THEMES_FILE` (``id``, ``theme``, then the phrases by language)."""
    text = THEMES_FILE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.cache
def load_themes() -> tuple[Theme, ...]:
    """The themes of :data:`THEMES_FILE`, read once."""
    return tuple(
        Theme(row["id"], row["theme"], {lang: _pattern(row[lang]) for lang in LANGUAGES if row[lang]})
        for row in theme_rows()
    )
