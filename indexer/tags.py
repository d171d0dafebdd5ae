"""Tagging: what kind of document it is, who submitted it (Member, IGO or Secretariat, and which),
who speaks in it, and its topic.

Reads only what the document says, so it works on PDFs from anywhere; and reads it as one stream
of words, so a text whose line breaks fall elsewhere, or that has none, gives the same tags. The
evidence, in the order it is weighed:

1. the kind: a minutes symbol (``IP/C/M/...``); a cover sentence that submits the document (below);
   the marks of minutes ("MINUTES OF MEETING", "The representative of Brazil said");
   the marks of a statement ("STATEMENT", "Presented by the Delegation of Zimbabwe");
2. for a communication, its submitter:

   - a Secretariat note in the heading ("Note by the Secretariat", "Note du Secrétariat",
     "Nota de la Secretaría");
   - the request sentence ("is being circulated at the request of the delegation of Japan",
     "est distribuée à la demande de la délégation du Japon", "se distribuye a petición de la
     delegación del Japón"), or "received from the delegation of ...";
   - an organization's sentence ("received from the World Intellectual Property Organization
     (WIPO) by means of a communication", "prepared by the World Intellectual Property
     Organization (WIPO)");
   - "Communication from India and South Africa", "Communication de l'Inde", "Comunicación de la
     India";
   - "... on behalf of the African Group": the group is the submitter;
   - else the first name the heading gives ("World Health Organization (WHO)" under the title);

3. the topic: the title or heading when it says (technical cooperation, Article 67, Article 66.2),
   else the body: the words of technical cooperation, or repeated mentions of Article 66.2.

Minutes and statements have no submitter: the delegations speaking in them are their speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipcw.errors import ConfigError
from ipcw.indexer.cover import Cover, word_set
from ipcw.indexer.phrases import (
    ALSO_ON_BEHALF,
    ARTICLE_66_2,
    ARTICLE_67,
    BY_MEANS_OF,
    COMMUNICATION,
    CONTENTS,
    COOPERATION_WORDS,
    DATED_FROM,
    LIST_SEPARATOR,
    MINUTES,
    MINUTES_COVER,
    MINUTES_TITLE,
    ON_BEHALF,
    PREPARED_BY,
    RECEIVED_FROM,
    RECEIVED_FROM_DELEGATION,
    REQUEST,
    SECRETARIAT,
    SECRETARIAT_SENTENCE,
    SPEAKER,
    STATEMENT,
    TECHNICAL_COOPERATION,
)
from ipcw.models import Kind, Origin, Topic
from ipcw.names import Name, names_table
from ipcw.symbols import SERIES_PATTERN, parse_symbol

#: A heading longer than this is a table of contents.
HEADING_CHARS = 400


@dataclass(frozen=True)
class Tags:
    origin: Origin | None
    submitters: tuple[str, ...]
    topic: Topic
    kind: Kind = Kind.COMMUNICATION
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Submission:
    origin: Origin | None
    names: tuple[str, ...]
    on_behalf: bool = False


#: Where a list of names ends when it is not a sentence's end. An acronym in parentheses belongs
#: to the name before it: "International Trade Centre (ITC)".
CLAUSE_END = re.compile(
    r"\.(?:\s|$)|\s_|\s\((?![A-Z][A-Za-z]{1,9}\))|\s*\n\s*\n|,?\s+(?:on\s+behalf|au\s+nom|en\s+nombre|dated|"
    r"datée|de\s+fecha|by\s+means|au\s+moyen|mediante|is|has|est|a|es|ha)\b|"
    r"\s(?:The|La|Le|El|Les|Los)\s+(?:following|present|siguiente|présente?|communication|presente)\b|"
    rf"\s(?={SERIES_PATTERN}[A-Z0-9])",  # a symbol: the heading goes on
)
_CAPITAL_START = re.compile(r"\s*(?:the\s+|l'|la\s+|le\s+|el\s+)?[A-ZÀ-ÖØ-Þ]")
#: Where a name the table does not know ends inside a list.
_NEXT_SEPARATOR = re.compile(r",|;|\s(?:and|et|y|e)\s")
#: The most names one list holds (co-sponsors run to a few dozen).
MAX_LIST = 100


def names_at(text: str, pos: int) -> tuple[list[Name | str], int]:
    """The list of names that starts at ``pos`` ("Bolivia, Brazil, Cuba and India"), and where it
    ends. Names the table does not know are kept whole, as written, between the names it knows:
    "Ruritania, Penghu and Japan" gives ``"Ruritania, Penghu"`` and Japan."""
    table = names_table()
    items: list[tuple[Name | None, int, int]] = []
    end = pos
    while len(items) < MAX_LIST:
        hit = table.match_at(text, pos)
        if hit is not None:
            items.append((hit.name, hit.start, hit.end))
        elif _CAPITAL_START.match(text, pos):  # a name the table does not know
            start = len(text) - len(text[pos:].lstrip())
            clause = CLAUSE_END.search(text, start, start + 150)
            stop = clause.start() if clause else min(len(text), start + 120)
            separator = _NEXT_SEPARATOR.search(text, start, stop)
            if (separator.start() if separator else stop) <= start:
                break
            items.append((None, start, separator.start() if separator else stop))
        else:
            break  # the list ended, or goes on in lower case: "and its member States"
        end = items[-1][2]
        separator = LIST_SEPARATOR.match(text, end)
        if separator is None:
            break
        pos = separator.end()
    names: list[Name | str] = []
    for i, (name, start, _) in enumerate(items):
        if name is not None:
            names.append(name)
        elif i == 0 or items[i - 1][0] is not None:  # the first of a run of unknown names
            last = next((j for j in range(i, len(items)) if items[j][0] is not None), len(items))
            written = table.canonical(text[start : items[last - 1][2]])  # tidied: "the ..." dropped
            if written:
                names.append(written)
    return names, end


def _submission_after(text: str, pos: int, default: Origin) -> _Submission | None:
    names, end = names_at(text, pos)
    if not names:
        return None
    also = ALSO_ON_BEHALF.match(text, end)
    if also:
        more, end = names_at(text, also.end())
        names = names + more
    behalf = ON_BEHALF.match(text, end)
    group, _ = names_at(text, behalf.end()) if behalf else ([], 0)
    if group:
        names = group
    known = [n for n in names if isinstance(n, Name)]
    origin = default
    if known and len(known) == len(names):
        origins = {n.origin for n in known}
        origin = origins.pop() if len(origins) == 1 else Origin.MEMBER
    return _Submission(origin, tuple(n.name if isinstance(n, Name) else n for n in names), bool(group))


def _heading(cover: Cover) -> str:
    """The cover's heading; the start of the text where the page opens with its sentence."""
    return cover.head or cover.text[:600]


def _submitted(cover: Cover) -> _Submission | None:
    """Who submitted the document, by its cover's own words; ``None`` when the cover does not say."""
    text, head = cover.text, _heading(cover)
    if SECRETARIAT.search(head):
        return _Submission(Origin.SECRETARIAT, ("WTO Secretariat",))
    heading = COMMUNICATION.search(head) or COMMUNICATION.search(text[:1500])
    by_heading = _submission_after(heading.string, heading.end(), Origin.MEMBER) if heading else None
    for pattern in (REQUEST, DATED_FROM, RECEIVED_FROM_DELEGATION):
        match = pattern.search(text)
        if match:
            found = _submission_after(text, match.end(), Origin.MEMBER)
            if found:
                # "Communication from Kenya on behalf of the African Group", then "received from
                # the Permanent Mission of Kenya": the group is the submitter.
                return by_heading if by_heading and by_heading.on_behalf else found
    for match in RECEIVED_FROM.finditer(text):
        names, end = names_at(text, match.end())
        if names and BY_MEANS_OF.match(text, end):
            return _submission_after(text, match.end(), Origin.IGO)
    for match in PREPARED_BY.finditer(text[:3000]):
        hit = names_table().match_at(text, match.end())
        if hit and hit.name.origin is Origin.IGO:
            return _Submission(Origin.IGO, (hit.name.name,))
    if by_heading is None and SECRETARIAT_SENTENCE.search(text[:1500]):
        return _Submission(Origin.SECRETARIAT, ("WTO Secretariat",))
    return by_heading


#: Words after which a name is in passing ("technology transfer to LDCs"), not a heading.
_IN_PASSING = word_set(
    "to for of in from by with on and or the a an at des de du pour par avec et para por con y los las"
)
#: A report's opening paragraphs, which name its author: "1. Australia is pleased to respond ...",
#: "1. The Government of Japan has ...", "2. Canada continues to ...".
OPENING_SUBJECT = re.compile(r"(?:^|\s)[12]\.\s+(?:The\s+)?(?:Government\s+of\s+(?:the\s+)?)?", re.IGNORECASE)


def _first_name_in(head: str) -> Name | None:
    """The first name the heading gives on its own (an acronym, or a name in passing, does not
    count)."""
    for found in names_table().find_all(head):
        before = re.findall(r"[^\W\d_]+", head[max(0, found.start - 20) : found.start])
        if (
            found.name.origin is not Origin.SECRETARIAT
            and not found.by_acronym
            and not (before and before[-1].lower() in _IN_PASSING)
        ):
            return found.name
    return None


def _opening_subject(text: str) -> Name | None:
    """The author the report's first or second paragraph opens with, as its subject, if any."""
    for match in OPENING_SUBJECT.finditer(text[:3000]):
        hit = names_table().match_at(text, match.end())
        if hit is None or hit.by_acronym or hit.name.origin is Origin.SECRETARIAT:
            continue
        if re.match(r"(?:'s)?\s+[a-z]", text[hit.end : hit.end + 30]):  # a verb: "Canada continues"
            return hit.name
    return None


def _speakers(cover: Cover, kind: Kind) -> tuple[str, ...]:
    table = names_table()
    names: list[str] = []
    for match in SPEAKER.finditer(cover.text[:4000]):
        found, _ = names_at(cover.text, match.end())
        names.extend(n.name for n in found if isinstance(n, Name))
    if kind is Kind.STATEMENT or len(cover.head) <= HEADING_CHARS:  # names in a heading speak
        names = [f.name.name for f in table.find_all(cover.head)] + names
    return tuple(dict.fromkeys(n for n in names if n != "WTO Secretariat"))[:8]


def _is_minutes_symbol(symbol: str) -> bool:
    try:
        parts = parse_symbol(symbol).base.split("/")
    except ConfigError:  # no symbol, or one of another shape
        return False
    return "M" in parts[1:]


def topic_of(cover: Cover) -> Topic:
    """The topic the title or heading states; when there is no title, the one the body's words show."""
    # A long heading is a table of contents (minutes), whose items do not give the topic.
    short = len(cover.head) <= HEADING_CHARS
    heading = f"{' '.join(cover.subheadings)} {cover.head}" if short else ""
    for words in (cover.title, heading):
        if TECHNICAL_COOPERATION.search(words):
            return Topic.TECHNICAL_COOPERATION
        if ARTICLE_66_2.search(words):
            return Topic.ARTICLE_66_2
    minutes = MINUTES_TITLE.search(cover.title)
    if cover.title and not minutes:  # a title that says neither: another subject
        return Topic.OTHER
    if minutes and (not short or CONTENTS.search(cover.text)):  # a whole meeting: many subjects
        return Topic.OTHER
    body = cover.text[:6000]
    mentions_66_2 = len(ARTICLE_66_2.findall(body))
    if mentions_66_2 and mentions_66_2 > len(ARTICLE_67.findall(body)):
        return Topic.ARTICLE_66_2
    if len(COOPERATION_WORDS.findall(body)) >= 2:
        return Topic.TECHNICAL_COOPERATION
    return Topic.OTHER


def _minutes_by_cover(cover: Cover) -> bool:
    """Whether the text says it is minutes: by its symbol, its cover or e-TRIPS's header."""
    return _is_minutes_symbol(cover.symbol) or MINUTES_COVER.search(cover.text[:1500]) is not None


def _unsubmitted_kind(cover: Cover) -> Kind:
    """The kind of a text no cover sentence submits: delegations speaking in minutes, a
    statement, else a communication whose submitter the heading may still name."""
    if MINUTES.search(cover.text[:6000]):
        return Kind.MINUTES
    if STATEMENT.search(cover.head or cover.text[:400]):
        return Kind.STATEMENT
    return Kind.COMMUNICATION


def tag(cover: Cover) -> Tags:
    """Kind, origin, submitters, speakers and topic of the document whose cover is ``cover``."""
    topic = topic_of(cover)
    if _minutes_by_cover(cover):
        return Tags(None, (), topic, Kind.MINUTES, _speakers(cover, Kind.MINUTES))
    submitted = _submitted(cover)
    if submitted is None:
        kind = _unsubmitted_kind(cover)
        if kind is not Kind.COMMUNICATION:
            return Tags(None, (), topic, kind, _speakers(cover, kind))
        first = _first_name_in(_heading(cover)) or _opening_subject(cover.text)
        submitted = _Submission(first.origin, (first.name,)) if first else None
    if submitted is None:
        return Tags(None, (), topic, Kind.COMMUNICATION)
    return Tags(submitted.origin, submitted.names, topic, Kind.COMMUNICATION)
