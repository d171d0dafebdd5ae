"""Who is who: every WTO Member, observer government, group and intergovernmental organization,
by any name it goes by, in English, French or Spanish, now or formerly.

The names live in one data file, ``ipcw/data/names.tsv`` (its header names the WTO lists it
follows). Everything that meets a name resolves it here: the tagger reading a cover
(``"Communication de l'Inde"``), ``--submitter japon`` and the JSON output, which gives the
canonical name (the WTO's current English spelling: ``European Union`` for a 2005 cover that says
``European Communities``). A name the table does not know is kept whole, as written.

>>> names_table().resolve("japon").name
'Japan'
>>> names_table().resolve("Communautés européennes").name
'European Union'
"""

from __future__ import annotations

import csv
import enum
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources

from ipcw.models import Origin
from ipcw.text import fold, fold_space


class NameKind(enum.StrEnum):
    """What kind of body a name is."""

    MEMBER = "member"
    OBSERVER = "observer"  # an observer government
    GROUP = "group"  # Members speaking together: the African Group, the LDC Group...
    IGO = "igo"
    SECRETARIAT = "secretariat"


#: The origin a document submitted by each kind of body gets. A group's paper is its Members'; an
#: observer government's paper is a government's, as a Member's is.
ORIGINS = {
    NameKind.MEMBER: Origin.MEMBER,
    NameKind.OBSERVER: Origin.MEMBER,
    NameKind.GROUP: Origin.MEMBER,
    NameKind.IGO: Origin.IGO,
    NameKind.SECRETARIAT: Origin.SECRETARIAT,
}


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name a body went by until ``changed``, the day its current name took effect."""

    en: str
    fr: str
    es: str
    changed: date | None


@dataclass(frozen=True, slots=True)
class Name:
    """One body, with its names in the three WTO languages and every other form it goes by."""

    id: str
    kind: NameKind
    en: str
    fr: str
    es: str
    also: tuple[str, ...] = ()
    former: tuple[FormerName, ...] = ()
    since: date | None = None  # a Member's accession
    iso3: str = ""

    @property
    def name(self) -> str:
        """The canonical name: the WTO's current English spelling."""
        return self.en

    @property
    def origin(self) -> Origin:
        return ORIGINS[self.kind]

    def name_on(self, day: date) -> str:
        """The English name in use on ``day``: ``European Communities`` in 2005."""
        for former in sorted(self.former, key=lambda f: f.changed or date.min):
            if former.changed and day < former.changed:
                return former.en
        return self.en

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form of the name: current, former, short forms and acronyms, in every language."""
        formers = (n for f in self.former for n in (f.en, f.fr, f.es))
        return tuple(dict.fromkeys(n for n in (self.en, self.fr, self.es, *formers, *self.also) if n))


#: Words that may stand before a name and are not part of it.
_ARTICLES = re.compile(r"^(?:(?:the|le|la|les|el|los|las|de|du|des|del|of)\s+|[ld]')", re.IGNORECASE)
#: A footnote mark glued to a name on a cover: "the European Union1".
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])[-–]?\d{1,2}$")


def fold_name(text: str) -> str:
    """A name's lookup key: folded (:func:`ipcw.text.fold`), one space, no leading article, no
    trailing punctuation or footnote mark (``"de l'Afrique du Sud,"`` → ``"afrique du sud"``)."""
    text = _FOOTNOTE.sub("", fold_space(fold(text)).strip(" .,;:"))
    if text.count(")") > text.count("("):
        text = text.rstrip(")").strip(" .,;:")
    previous = None
    while previous != text:
        previous, text = text, _ARTICLES.sub("", text, count=1)
    return text


def _is_acronym(form: str) -> bool:
    """Short capitals (``WHO``, ``EU``, ``US``) are matched in text only as written: ``who`` and
    ``us`` are words."""
    return len(form) <= 6 and form.isalpha() and form.isupper()


@dataclass(frozen=True, slots=True)
class Found:
    """A name found in a text, at ``start:end``."""

    name: Name
    start: int
    end: int
    written: str
    by_acronym: bool = False  # found by a short acronym (``WHO``, ``PMA``), not by a name


_TOKEN = re.compile(r"\S+")


class NamesTable:
    """The names, and the ways to find one: by a whole string (:meth:`resolve`) or inside a text
    (:meth:`match_at`, :meth:`find_all`)."""

    def __init__(self, names: list[Name]) -> None:
        self.names = tuple(names)
        self._folded: dict[str, Name] = {}
        self._acronyms: dict[str, Name] = {}
        for name in names:
            for form in name.forms:
                if _is_acronym(form):
                    self._acronyms.setdefault(form, name)
                else:
                    self._folded.setdefault(fold_name(form), name)
        self.max_words = max(len(key.split()) for key in self._folded)

    def __iter__(self) -> Iterator[Name]:
        return iter(self.names)

    def resolve(self, text: str) -> Name | None:
        """The body ``text`` names, in any of its forms, case and accents ignored; else ``None``."""
        key = fold_name(text)
        found = self._folded.get(key) or self._acronyms.get(key.upper())
        if found:
            return found
        bare = re.sub(r"\s*\([^)]*\)$", "", key)  # "organisation ... (ompi)" → "organisation ..."
        return self._folded.get(bare) if bare != key else None

    def canonical(self, text: str) -> str:
        """The canonical name of ``text``, or ``text`` itself, tidied, when the table does not know it."""
        found = self.resolve(text)
        if found:
            return found.name
        tidy = re.sub(r"\s+", " ", text).strip(" .,;:")
        return re.sub(r"^the\s+", "", tidy, flags=re.IGNORECASE)

    def is_known(self, text: str) -> bool:
        return self.resolve(text) is not None

    def match_at(self, text: str, pos: int) -> Found | None:
        """The longest name that starts at ``pos`` in ``text`` (after spaces and a leading article)."""
        tokens = [m for _, m in zip(range(self.max_words + 2), _TOKEN.finditer(text, pos), strict=False)]
        if not tokens:
            return None
        first = tokens[0]
        if text[pos : first.start()].strip():
            return None
        for k in range(len(tokens), 0, -1):
            end = tokens[k - 1].end()
            written = text[first.start() : end]
            found = self._folded.get(fold_name(written))
            by_acronym = False
            if found is None and k == 1:
                bare = written.strip("()[],.;:")
                found = self._acronyms.get(bare) if _is_acronym(bare) else None
                by_acronym = found is not None
            if found:
                trimmed = written.rstrip(" .,;:")
                if trimmed.count(")") > trimmed.count("("):
                    trimmed = trimmed.rstrip(")")
                return Found(found, first.start(), first.start() + len(trimmed), trimmed, by_acronym)
        return None

    def find_all(self, text: str) -> list[Found]:
        """Every name in ``text``, left to right, the longest at each place, never overlapping."""
        found: list[Found] = []
        pos = 0
        for token in _TOKEN.finditer(text):
            if token.start() < pos:
                continue
            hit = self.match_at(text, token.start())
            if hit:
                found.append(hit)
                pos = hit.end
        return found


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def parse_table(text: str) -> list[Name]:
    """The rows of a names file (tab-separated, ``#`` comments, one header line)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    names = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        former = []
        for entry in _split(row["former"]):
            en, fr, es, changed = (part.strip() for part in entry.split("|"))
            former.append(FormerName(en, fr, es, _date(changed)))
        names.append(
            Name(
                id=row["id"],
                kind=NameKind(row["kind"]),
                en=row["name_en"],
                fr=row["name_fr"],
                es=row["name_es"],
                also=_split(row["also"]),
                former=tuple(former),
                since=_date(row["since"]),
                iso3=row["iso3"],
            )
        )
    return names


@functools.cache
def names_table() -> NamesTable:
    """The table of ``ipcw/data/names.tsv``, read once."""
    text = resources.files("ipcw").joinpath("data/names.tsv").read_text(encoding="utf-8")
    return NamesTable(parse_table(text))
