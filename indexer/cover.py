"""The first-page parser: what a WTO document's cover says, in English, French or Spanish.

Works on the text pdfminer.six extracts, whose line order varies with the layout, so every field
is found by its shape rather than its position: the symbol is a line that reads as a symbol, the
date a line that is only a date, the number ``(20-6719)``, the page count ``Page: 1/67``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from indexer.names import lookup
from ipcw.symbols import canonical

MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            1,
        )
    },
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_LINE = re.compile(
    rf"^(\d{{1,2}})(?:er|º|°)?\s+(?:de\s+)?({_MONTH})\s+(?:de\s+)?(\d{{4}})$", re.IGNORECASE
)
SYMBOL_LINE = re.compile(r"^(?:[A-Z]{1,6}/)+[A-Z0-9\-]+(?:/[A-Za-z0-9.\-]+)*$")
NUMBER = re.compile(r"\((\d{2}-\d{4,5})\)")
PAGES = re.compile(r"(?:Page|Página)\s*:\s*1\s*/\s*(\d+)", re.IGNORECASE)
ORIGINAL = re.compile(r"Original\s*:\s*([^\W\d_]+)", re.IGNORECASE)
SENTENCE_START = re.compile(
    r"^(The following|The present|This note|The attached|La communication|Le présent|La présente|"
    r"La siguiente|En el presente|En la presente|_{5,})",
    re.IGNORECASE,
)
#: Cover lines that are furniture, not title.
FURNITURE = re.compile(
    r"^(RESTRICTED|WORLD TRADE|ORGANIZATION|ORGANISATION MONDIALE|DU COMMERCE|ORGANIZACIÓN MUNDIAL|"
    r"DEL COMERCIO|RESTREINT|RESERVADO|\(?\d{2}-\d{4,5}\)?|- \d+ -)$",
    re.IGNORECASE,
)
#: The council's name as the cover prints it, over two lines, in the three languages.
COUNCIL = re.compile(
    r"^(Council for Trade-Related Aspects|Intellectual Property Rights|of Intellectual Property Rights"
    r"|Conseil des aspects|intellectuelle qui touchent|Consejo de los Aspectos|Intelectual relacionados)",
    re.IGNORECASE,
)
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
    sentence: str = ""  # the cover sentence ("The following communication ...")
    text: str = ""  # the first page, whitespace folded


def parse_date(text: str) -> date | None:
    match = DATE_LINE.match(text.strip())
    if not match:
        return None
    try:
        return date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        return None


def detect_language(text: str) -> str:
    """``en``, ``fr`` or ``es``: whichever language's common words the text uses most."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:3000]
    counts = {lang: sum(w in stops for w in words) for lang, stops in STOP_WORDS.items()}
    return max(counts, key=lambda lang: counts[lang])


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def parse_cover(first_page: str) -> Cover:
    """Read the cover fields from the first page's text."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in first_page.splitlines()]
    symbol, when = "", None
    for line in lines:
        if not symbol and SYMBOL_LINE.match(line) and "/" in line:
            try:
                symbol = canonical(line)
            except Exception:  # a line shaped like a symbol that does not parse is not one
                symbol = ""
        if when is None:
            when = parse_date(line)
    text = " ".join(line for line in lines if line)
    number = NUMBER.search(text)
    pages = PAGES.search(text)
    original = ORIGINAL.search(text)

    # Title and sub-headings: the capitals after the council's name, then what stands before the
    # cover sentence. A trailing capitals line that names a Member or IGO is a sub-heading.
    head: list[str] = []
    sentence_lines: list[str] = []
    in_sentence = False
    for line in lines:
        if not line:
            continue
        if in_sentence:
            if line.startswith("_") or re.match(r"^\d+(\.\d+)*\s", line):
                break
            sentence_lines.append(line)
            continue
        if SENTENCE_START.match(line):
            if line.startswith("_"):
                break
            in_sentence = True
            sentence_lines.append(line)
            continue
        if (
            SYMBOL_LINE.match(line)
            or parse_date(line)
            or FURNITURE.match(line)
            or NUMBER.fullmatch(line)
            or PAGES.search(line)
            or ORIGINAL.search(line)
            or _council_line(line)
        ):
            continue
        head.append(line)
    title_lines: list[str] = []
    subs: list[str] = []
    for line in head:
        if _is_caps(line) and not subs and not (title_lines and lookup(line)):
            title_lines.append(line)
        else:
            subs.append(line)
    return Cover(
        symbol=symbol,
        date=when,
        doc_number=number[1] if number else "",
        pages=int(pages[1]) if pages else None,
        original_language=original[1] if original else "",
        title=" ".join(title_lines),
        subheadings=tuple(subs),
        sentence=" ".join(sentence_lines),
        text=text,
    )


def _council_line(line: str) -> bool:
    return COUNCIL.match(line) is not None
