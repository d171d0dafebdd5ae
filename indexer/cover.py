"""The first-page parser: what a WTO document's cover says, in English, French or Spanish.

Works on text as pdfminer.six, a web mirror or a copy-paste gives it, whose line order and line
breaks vary with the layout and the period: the masthead may wrap around the symbol
(``WORLD TRADE RESTRICTED IP/C/M/31 10 July 2001 ORGANIZATION (01-3431)``), the Council's name
may break anywhere and have ``Original: English`` in the middle, the whole page may be one line.
So every field is found by its shape wherever it stands, never by its line:

- the symbol is the first symbol that is not a reference to another document (``contained in
  document IP/C/W/654`` is a reference);
- the date is the first date that is not part of a sentence (``At its meeting of 10 July 2024`` and
  ``a communication dated 8 October 2020`` are not the document's date), in every form WTO and its
  mirrors used: ``25 July 2001``, ``1er mars 2022``, ``12 de octubre de 2020``, ``July 25, 2001``,
  ``2020/10/12``;
- the title is the first run of capitals after the Council's name, with the page furniture
  (symbols, dates, job numbers, ``Page: 1/4``, ``Original: English``) taken out first;
- the cover sentence starts at the first of the cover's set phrases ("The following
  communication", "La présente", "At its meeting", a rule of underscores, paragraph 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ipcw.names import names_table
from ipcw.symbols import SYMBOL_PATTERN, canonical, is_symbol
from ipcw.text import fold_space


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``: a set written as prose."""
    return frozenset(text.split())


_MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}
MONTHS = {name: i for names in _MONTH_NAMES.values() for i, name in enumerate(names.split(), 1)}
MONTHS.update({"fevrier": 2, "aout": 8, "decembre": 12, "setiembre": 9})  # written without accents
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
#: A date in any of its forms. Groups: d/m/y (25 July 2001), md/dd/yd (July 25, 2001), yn/mn/dn
#: (2001/07/25).
DATE = re.compile(
    rf"(?<![\w/])(?:"
    rf"(?P<d>\d{{1,2}})(?:er|º|°|st|nd|rd|th)?\s+(?:de\s+)?(?P<m>{_MONTH})\s+(?:de\s+|del\s+)?(?P<y>{_YEAR})"
    rf"|(?P<md>{_MONTH})\s+(?P<dd>\d{{1,2}}),?\s+(?P<yd>{_YEAR})"
    rf"|(?P<yn>{_YEAR})[/.-](?P<mn>\d{{1,2}})[/.-](?P<dn>\d{{1,2}})"
    rf")(?![\w/])",
    re.IGNORECASE,
)
#: Words after which a date belongs to a sentence ("a communication dated 8 October 2020").
PROSE_BEFORE_DATE = word_set(
    "of on dated from to since between and until till before after by at in during through du "
    "le les au aux à depuis entre et datée datées daté datés jusqu'au avant après de del el los "
    "fecha desde hasta y en antes después the a posted updated accessed retrieved publié publicado "
    "was is were be been est était fue es"
)
#: The first day of a range of days, just before a date: "12-14 March 2019" is a meeting's.
_RANGE_START = re.compile(r"\d\s*[-–]\s*$")
#: What may stand between a cover's symbol and its date: the masthead wrapping around them.
_MASTHEAD = re.compile(
    r"(?:[\s|,;:/–-]|\b(?:RESTRICTED|RESTREINT|RESERVADO|WORLD|TRADE|ORGANI[SZ]ATION|ORGANIZACIÓN|MONDIALE|"
    r"MUNDIAL|DU|DEL|COMMERCE|COMERCIO)\b)*",
    re.IGNORECASE,
)
#: A document symbol as covers print it: capitals, slashes, numbers, Add./Rev./Corr./Suppl.
SYMBOL = re.compile(r"(?<![A-Z0-9/])" + SYMBOL_PATTERN)
#: Words after which a symbol is a reference to another document ("contained in document ...").
REFERENCE_BEFORE_SYMBOL = word_set(
    "document documents doc docs documento documentos in en dans see voir véase cf as como "
    "comme of de du del des to and et y previously contained under à au with also since from "
    "report reports paper papers proposal proposals decision rapport rapports informe informes at "
    "available"
)
NUMBER = re.compile(r"\((\d{2}-\d{4,5})\)")
PAGES = re.compile(r"(?:Page|Página)\s*:\s*1\s*/\s*(\d{1,5})\b", re.IGNORECASE)
ORIGINAL = re.compile(r"Original\s*:\s*([^\W\d_]+)(?:\s*/\s*[^\W\d_]+)*", re.IGNORECASE)
#: Where the cover's heading ends and its sentence begins.
_SENTENCE_PHRASES = (
    "The following",
    "The present",
    "This note",
    "This document",
    "The attached",
    "At its meeting",
    "La communication",
    "Le présent",
    "La présente",
    "À sa réunion",
    "Les renseignements",
    "La siguiente",
    "El presente",
    "En el presente",
    "En la presente",
    "En su reunión",
    "The Chairperson said",
    "The Chairman said",
    "The Chair said",
)
SENTENCE_START = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in _SENTENCE_PHRASES) + r")\b"
    r"|_{5,}|(?:^|\s)\d{1,4}\.(?:\d{1,2}\.)?\s+(?=[A-Z])",
    re.IGNORECASE,
)
_WORDS = r"\s+"
#: The Council's name as the cover prints it, in the three languages, broken anywhere.
COUNCIL = re.compile(
    "|".join(
        _WORDS.join(re.escape(word) for word in name.split())
        for name in (
            "Council for Trade-Related Aspects of Intellectual Property Rights",
            "Council for Trade‑Related Aspects of Intellectual Property Rights",
            "Conseil des aspects des droits de propriété intellectuelle qui touchent au commerce",
            "Consejo de los Aspectos de los Derechos de Propiedad Intelectual relacionados con el Comercio",
        )
    ),
    re.IGNORECASE,
)
#: Page furniture that is never part of a title, wherever it stands in the heading.
FURNITURE = re.compile(
    r"\b(?:RESTRICTED|RESTREINT|RESERVADO|WORLD TRADE ORGANIZATION|ORGANISATION MONDIALE DU COMMERCE|"
    r"ORGANIZACIÓN MUNDIAL DEL COMERCIO)\b|(?:Page|Página)\s*:?\s*\d+(?:\s*/\s*\d+)?|- \d+ -|"
    r"- (?:View details of the document|Voir les détails du document|Ver detalles del documento)",
    re.IGNORECASE,
)
#: Capital words that follow a title but are not part of it.
PART_WORDS = word_set(
    "ADDENDUM REVISION CORRIGENDUM SUPPLEMENT ADDITIF RÉVISION SUPPLÉMENT ADICIÓN REVISIÓN SUPLEMENTO"
)
#: The most symbols a cover stacks (its own and its co-symbols).
MAX_SYMBOLS = 10
#: The most of a page the cover parser reads, in characters (a real first page has 2,000 to 6,000).
MAX_PAGE_CHARS = 20_000
#: The most words a title has (real ones have under 40).
MAX_TITLE_WORDS = 60
#: Capital words that start a minutes cover's sub-heading ("HELD IN THE CENTRE WILLIAM RAPPARD").
SUBHEADING_WORDS = word_set("HELD TENUE CELEBRADA")
#: Words after which a name belongs to the title ("ACTIVITIES OF JAPAN").
TITLE_LINKS = word_set(
    "OF FROM BY ON IN FOR TO AND THE DE DU DES DEL LA LE LES EL LOS LAS PAR POR ET Y EN AU"
)
#: A capital sub-heading below the title: "COMMUNICATION FROM BANGLADESH".
SUBHEADING_PAIRS = {
    ("COMMUNICATION", "FROM"),
    ("COMMUNICATION", "DE"),
    ("COMMUNICATION", "DU"),
    ("COMMUNICATION", "DES"),
    ("COMUNICACIÓN", "DE"),
    ("COMUNICACIÓN", "DEL"),
}
STOP_WORDS = {
    "en": {"the", "of", "and", "to", "in", "is", "for", "on", "with", "by", "which", "has", "been"},
    "fr": {"le", "la", "les", "des", "du", "et", "à", "en", "dans", "est", "pour", "sur", "par", "qui"},
    "es": {"el", "la", "los", "las", "del", "y", "en", "para", "con", "por", "que", "se", "una", "sobre"},
}


@dataclass(frozen=True)
class Cover:
    """What the first page says."""

    symbol: str = ""
    date: date | None = None
    doc_number: str = ""
    pages: int | None = None
    original_language: str = ""
    title: str = ""
    subheadings: tuple[str, ...] = ()
    sentence: str = ""  # the cover sentence and what follows it, whitespace folded
    text: str = ""  # the first page (and the opening of the next), whitespace folded
    head: str = ""  # the heading: what stands before the cover sentence, whitespace folded
    cosymbols: tuple[str, ...] = ()  # other symbols printed beside the document's own


def _month(name: str) -> int:
    """A month's number from its name; 0 when the name only looks like one (the ``IGNORECASE``
    match lets ``ſ`` stand for ``s``)."""
    return MONTHS.get(name.lower(), 0)


def _date_of(match: re.Match[str]) -> date | None:
    try:
        if match["y"]:
            return date(int(match["y"]), _month(match["m"]), int(match["d"]))
        if match["yd"]:
            return date(int(match["yd"]), _month(match["md"]), int(match["dd"]))
        return date(int(match["yn"]), int(match["mn"]), int(match["dn"]))
    except ValueError:  # 31 February, a month that is not one
        return None


def _word_before(text: str, start: int) -> str:
    words = re.findall(r"[^\W\d_][\w'’]*", text[max(0, start - 40) : start])
    return words[-1].lower() if words else ""


def find_date(text: str, symbol_end: int | None = None, heading_end: int | None = None) -> date | None:
    """The document's date: the date printed right after its symbol (``symbol_end``), as on every
    cover since 1995; else the first date in the heading (``text`` up to ``heading_end``) that is
    not part of a sentence (a mirror's header may put another date first; the dates of the body,
    an annex's included, are not the document's)."""
    if symbol_end is not None:
        beside = DATE.match(text, _MASTHEAD.match(text, symbol_end).end())  # type: ignore[union-attr]
        if beside and (found := _date_of(beside)):
            return found
    for match in DATE.finditer(text, 0, len(text) if heading_end is None else heading_end):
        in_range = _RANGE_START.search(text, max(0, match.start() - 4), match.start())  # 12-14 March
        if not in_range and _word_before(text, match.start()) not in PROSE_BEFORE_DATE:
            found = _date_of(match)
            if found:
                return found
    return None


def find_symbols(text: str) -> tuple[tuple[str, ...], int | None]:
    """The document's own symbol, then the co-symbols printed beside it: the first symbol in
    ``text`` that is not a reference to another document, and those that follow it directly; and
    where the last of them ends."""
    found: dict[str, None] = {}
    end = -1
    for match in SYMBOL.finditer(text):
        written = re.sub(r"\s", "", match[0])
        if (
            not any(c.isdigit() for c in written)
            or not is_symbol(written)
            or _word_before(text, match.start()) in REFERENCE_BEFORE_SYMBOL
            or text[max(0, match.start() - 2) : match.start()].endswith(("(", "(_"))  # "(IP/C/W/...)" cites
        ):
            continue
        if len(found) == MAX_SYMBOLS or (
            found and not re.fullmatch(r"[\s,;]*(?:(?:and|et|y)[\s,;]*)?", text[end : match.start()])
        ):
            break
        found[canonical(written)] = None
        end = match.end()
    return tuple(found), (end if found else None)


def detect_language(text: str) -> str:
    """``en``, ``fr`` or ``es``: whichever language's common words the text uses most."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:3000]
    counts = {lang: sum(w in stops for w in words) for lang, stops in STOP_WORDS.items()}
    return max(counts, key=lambda lang: counts[lang])


def _is_capital(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return all(c.isupper() for c in letters)


def _strip_furniture(text: str) -> str:
    """``text`` with symbols, dates, job numbers, page counts and ``Original:`` blanked out,
    line breaks kept."""
    for pattern in (ORIGINAL, SYMBOL, DATE, NUMBER, FURNITURE):
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    return text


def _letters(word: str) -> int:
    return sum(c.isalpha() for c in word)


def _continues_title(tokens: list[re.Match[str]], i: int) -> bool:
    """Whether the word ``tokens[i]`` goes on the run of capitals before it as title."""
    word = tokens[i][0]
    if not _is_capital(word) or word in SUBHEADING_WORDS:
        return False
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    return (word, following) not in SUBHEADING_PAIRS or tokens[i - 1][0] in TITLE_LINKS


def _title_and_rest(heading: str) -> tuple[str, str]:
    """The first run of capitals in ``heading`` (the title) and what follows it. Each word is
    looked at once, and a title has at most :data:`MAX_TITLE_WORDS` words, whatever the page."""
    tokens = list(re.finditer(r"\S+", heading))
    i, start, run_end = 0, None, 0
    while i < len(tokens):
        word = tokens[i][0]
        if not (_is_capital(word) and _letters(word) >= 2 and word[0].isalpha()):
            i += 1
            continue
        run_end = i
        while run_end + 1 < len(tokens) and _continues_title(tokens, run_end + 1):
            run_end += 1
        run = [t[0] for t in tokens[i : run_end + 1]]
        long_words = sum(1 for w in run if _letters(w) >= 4 and w.strip("()") == w)
        single = len(run) == 1 and _letters(word) >= 7 and word not in PART_WORDS
        if long_words >= 2 or single:
            start = i
            break
        i = run_end + 1
    if start is None:
        return "", heading
    end = min(run_end, start + MAX_TITLE_WORDS - 1)
    # Trailing words that are not title: "ADDENDUM", a Member's name on the line below.
    while end > start and tokens[end][0].strip(":") in PART_WORDS:
        end -= 1
    for cut in range(start + 1, end + 1):
        tail = " ".join(t[0] for t in tokens[cut : end + 1])
        linked = {tokens[cut - 1][0].strip(",:"), tokens[cut][0]} & TITLE_LINKS
        if not linked and names_table().resolve(tail):
            end = cut - 1
            break
    title = fold_space(heading[tokens[start].start() : tokens[end].end()]).strip(" -–:,")
    return title, heading[tokens[end].end() :]


def parse_cover(first_page: str, opening: str = "") -> Cover:
    """Read the cover fields from the first page's text (``opening``: the start of the next page,
    for the tagger's evidence). Only the first :data:`MAX_PAGE_CHARS` characters of each are read:
    a cover is a few thousand, and a hostile page must not cost more."""
    first_page, opening = first_page[:MAX_PAGE_CHARS], opening[:MAX_PAGE_CHARS]
    symbols, symbols_end = find_symbols(first_page)
    number = NUMBER.search(first_page)
    pages = PAGES.search(first_page)
    original = ORIGINAL.search(first_page)
    sentence_at = SENTENCE_START.search(first_page)
    heading = first_page[: sentence_at.start()] if sentence_at else first_page[:600]
    cleaned = ORIGINAL.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), heading)
    councils = list(COUNCIL.finditer(cleaned))
    if councils:  # the masthead and the council's name stand before the title
        cleaned = cleaned[councils[-1].end() :]
    cleaned = _strip_furniture(cleaned)
    title, rest = _title_and_rest(cleaned)
    subheadings = tuple(
        line for line in (fold_space(x).strip(" -–:,") for x in rest.splitlines()) if len(line) > 1
    )
    return Cover(
        symbol=symbols[0] if symbols else "",
        date=find_date(first_page, symbols_end, len(heading)),
        doc_number=number[1] if number else "",
        pages=int(pages[1]) if pages else None,
        original_language=original[1] if original else "",
        title=title,
        subheadings=subheadings,
        sentence=fold_space(first_page[sentence_at.start() :]) if sentence_at else "",
        text=fold_space(f"{first_page}\n{opening}"),
        head=fold_space(heading),
        cosymbols=symbols[1:],
    )
