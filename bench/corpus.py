"""The benchmark's synthetic corpora: WTO-like Article 67 reports in English, French and Spanish.

Each document is a report of a developed Member, an organization or the Secretariat, with the
cover the fixtures have (so that ipcw tags it as it tags the real ones) and a body of about 1,550
words written from :mod:`ipcw.bench.texts` in the document's own language. Symbols run through
``IP/C/W/…`` families (base documents, addenda, revisions, corrigenda) and, from 2020, ``IP/C/R/TC/…``;
about a third of the symbols are held in French and Spanish as well as English.

:func:`write_corpus` puts a corpus in a data directory as a crawl would: each document's PDF (laid
out by the fixtures' PDF writer) in the store and the manifest, and its text in the text cache, so
that ``ipcw index`` reads the text from the cache, as a nightly run re-indexing a store does.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ipcw.bench import texts as T
from ipcw.datadir import DataDir
from ipcw.fixtures import words as W
from ipcw.fixtures.corpus import WTO_SECRETARIAT, Spec
from ipcw.fixtures.pdf import PdfDocument
from ipcw.fixtures.render import cover_sentence, doc_number, format_date, name_in, subheadings, title
from ipcw.harvester import Store
from ipcw.indexer.extract import Extracted
from ipcw.indexer.text_cache import TextCache

#: Words in a document's body, about.
BODY_WORDS = 1550
#: Lines on a page after the cover.
LINES_A_PAGE = 48
#: The developed Members that report, as the fixtures name them (the EC became the EU on 1 December
#: 2009), and the organizations whose names the fixtures hold in French and Spanish.
MEMBERS = tuple(sorted(set(W.NAMES) - {"India", "South Africa", "European Communities", "European Union"}))
EU_FROM = date(2009, 12, 1)
ORGANIZATIONS = tuple(sorted(W.IGO_NAMES))
#: The share of symbols held in French and Spanish too.
TRANSLATED = 0.35
#: Where the ``IP/C/R/TC`` series starts, and its first year.
TC_SERIES_YEAR = 2020


@dataclass(frozen=True)
class BenchDoc:
    """One synthetic document: what it is (a fixture :class:`Spec`) in one language, and its pages."""

    spec: Spec
    language: str
    pages: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.spec.symbol}|{self.language}"


def specs(documents: int, seed: int = 67) -> Iterator[tuple[Spec, str]]:
    """(spec, language) pairs, ``documents`` of them: families of reports from 1996 on."""
    rng = random.Random(seed)
    made, number, day = 0, 1, date(1996, 1, 15)
    step = timedelta(days=max(1, round(30 * 365 / max(documents / 1.7, 1))))
    while made < documents:
        symbols = [f"IP/C/W/{number}"] + [f"IP/C/W/{number}/Add.{k}" for k in range(1, rng.randint(0, 9))]
        if rng.random() < 0.15:
            symbols.append(f"{symbols[-1]}/Corr.1")
        if rng.random() < 0.1:
            symbols.append(f"IP/C/W/{number}/Rev.1")
        if day.year >= TC_SERIES_YEAR:
            symbols = [s.replace("IP/C/W/", "IP/C/R/TC/") for s in symbols]
        number += 1
        for symbol in symbols:
            spec = _spec(symbol, day, rng)
            day += step
            languages = ("en", "fr", "es") if rng.random() < TRANSLATED else ("en",)
            for language in languages:
                if made == documents:
                    return
                yield spec, language
                made += 1


def _spec(symbol: str, day: date, rng: random.Random) -> Spec:
    roll = rng.random()
    if roll < 0.06:
        europe = "European Union" if day >= EU_FROM else "European Communities"
        return Spec(symbol, day, "tc-member", (europe,), pages=4)
    if roll < 0.7:
        return Spec(symbol, day, "tc-member", (rng.choice(MEMBERS),), pages=4)
    if roll < 0.95:
        return Spec(symbol, day, "tc-igo", (rng.choice(ORGANIZATIONS),), pages=4)
    return Spec(symbol, day, "tc-secretariat", (WTO_SECRETARIAT,), pages=4)


def document(spec: Spec, language: str) -> BenchDoc:
    """The document ``spec`` in ``language``: its cover, then its body, as pages of text laid out
    as pdfminer.six reads the fixtures' pages."""
    rng = random.Random(f"{spec.symbol}|{language}")
    body = _body(spec, language, rng)
    first = LINES_A_PAGE // 2  # the body's lines on the cover page
    total = 1 + -(-max(len(body) - first, 0) // LINES_A_PAGE)
    pages = ["\n".join([*_cover(spec, language, total), "_" * 90, "", *body[:first]])]
    for start in range(first, len(body), LINES_A_PAGE):
        header = [spec.symbol, f"- {len(pages) + 1} -", ""]
        pages.append("\n".join(header + body[start : start + LINES_A_PAGE]))
    return BenchDoc(spec, language, tuple(pages))


def _cover(spec: Spec, language: str, total: int) -> list[str]:
    when, number = format_date(spec.date, language), f"({doc_number(spec)})"
    if spec.modern:
        top = [number, "", *W.COUNCIL[language], "", spec.symbol, when, "", f"{W.PAGE[language]}: 1/{total}"]
    else:
        top = [*W.WTO_OLD[language], "", *W.COUNCIL_OLD[language], "", spec.symbol, when, number]
    head = ["", W.ORIGINAL[language], "", *textwrap.wrap(title(spec, language), 70), ""]
    sentence = textwrap.wrap(cover_sentence(spec, language), 92)
    return [*top, *head, *subheadings(spec, language), "", *sentence]


def _body(spec: Spec, language: str, rng: random.Random) -> list[str]:
    member = _as_subject(spec.submitters[0], language)
    lines: list[str] = []
    words = 0
    headings = T.HEADINGS[language]
    for s, heading in enumerate(headings, start=1):
        lines += [f"{s}  {heading}", ""]
        for paragraph in range(1, 5):
            sentences = [_sentence(language, member, spec.date.year, rng) for _ in range(rng.randint(3, 6))]
            text = f"{s}.{paragraph} " + " ".join(sentences)
            words += len(text.split())
            lines += [*textwrap.wrap(text, 92), ""]
            if words >= BODY_WORDS * s / len(headings):
                break
    return lines


#: French and Spanish "of" forms, and the article the name takes as a subject ("du Japon": "le Japon").
ARTICLES = (
    ("du ", "le "),
    ("des ", "les "),
    ("de l'", "l'"),
    ("de la ", "la "),
    ("del ", "el "),
    ("de ", ""),
)


def _as_subject(name: str, language: str) -> str:
    """The reporting Member's or organization's name as the subject of a sentence in ``language``."""
    if name == WTO_SECRETARIAT:
        return {
            "en": "the WTO Secretariat",
            "fr": "le Secrétariat de l'OMC",
            "es": "la Secretaría de la OMC",
        }[language]
    if language == "en":
        return name_in(name, language, with_de=True)
    of = name_in(name, language, with_de=True)
    named = next((article + of[len(prefix) :] for prefix, article in ARTICLES if of.startswith(prefix)), of)
    if named.startswith("l'") and named[2] not in "AEIOUÉaeiouéH":  # the fixtures' "de l'Conférence"
        named = "la " + named[2:]
    return named


def _sentence(language: str, member: str, year: int, rng: random.Random) -> str:
    template = rng.choice(T.SENTENCES[language])
    sentence = template.format(
        member=member,
        subject=rng.choice(T.SUBJECTS[language]),
        country=rng.choice(T.COUNTRIES[language]),
        activity=rng.choice(T.ACTIVITIES[language]),
        partner=rng.choice(T.PARTNERS[language]),
        year=year - rng.randint(0, 1),
    )
    return sentence[0].upper() + sentence[1:]


def pdf_of(doc: BenchDoc) -> bytes:
    """The document laid out as PDF pages, a line of text a line of the page."""
    pdf = PdfDocument(title=doc.spec.symbol)
    for text in doc.pages:
        pdf.text_page(text.splitlines())
    return pdf.to_bytes()


def write_corpus(data: DataDir, documents: int, seed: int = 67) -> int:
    """Put ``documents`` synthetic documents in the data directory ``data``: files, manifest rows
    and cached texts, none of them indexed yet. Returns the number written."""
    cache = TextCache(data)
    written = 0
    with Store(data) as store:
        for spec, language in specs(documents, seed):
            doc = document(spec, language)
            url = f"https://docs.wto.org/bench/{spec.symbol}/{language}.pdf"
            entry = store.save_pdf(spec.symbol, language, pdf_of(doc), url)
            cache.put(entry.document.sha256, Extracted(list(doc.pages), len(doc.pages)))
            written += 1
    return written
