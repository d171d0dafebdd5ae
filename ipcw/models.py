"""The records that flow through ipcw, each field owned by one of them.

::

    Listing ──▶ Document (as harvested) ──▶ Document (extracted and tagged) ──▶ Hit
      the site's      │ symbol, language, file, listing     + text, title, date,    a Document as the
      catalogue       │                                       origin, submitters…   index returns it,
      record          ▼                                                             + score, snippet
                    Entry: the manifest's row = the harvested Document + what the store knows of it
                           (status, reason, HTTP validators, the sha256 indexed, failures in a row)

The harvester reads a :class:`Listing` from the site, stores the PDF and records an :class:`Entry`,
whose :attr:`Entry.document` is the :class:`Document` as harvested; the extractor completes that
Document with the text and the tags read from the PDF itself; the indexer writes it; search answers
with :class:`Hit`, which wraps the Document the index holds (without its text). A document's
identity, in the store and in the index, is :func:`record_key` of its symbol and language.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path


class Origin(enum.StrEnum):
    """Who submitted a document."""

    MEMBER = "member"
    IGO = "igo"
    SECRETARIAT = "secretariat"


class Topic(enum.StrEnum):
    """What a document is about, as far as the tools care."""

    TECHNICAL_COOPERATION = "technical-cooperation"
    ARTICLE_66_2 = "article-66.2"
    OTHER = "other"


class Kind(enum.StrEnum):
    """What a document is, as the Council uses it."""

    #: A paper submitted to the Council: a Member's or an organization's report or communication,
    #: a Secretariat note.
    COMMUNICATION = "communication"
    #: The record of a Council meeting (``IP/C/M/...``), or a passage of it: delegations speak.
    MINUTES = "minutes"
    #: A delegation's or a group's statement, outside the minutes.
    STATEMENT = "statement"


class Status(enum.StrEnum):
    """What the store holds for a (symbol, language)."""

    OK = "ok"
    #: A file is stored, but a newer version the listing announces could not be fetched.
    STALE = "stale"
    RESTRICTED = "restricted"
    #: The download failed (no file), or the stored file could not be read or indexed.
    FAILED = "failed"


def record_key(symbol: str, language: str) -> str:
    """The identity of a document in one language, in the store and the index: ``IP/C/W/640/Add.3|en``."""
    return f"{symbol}|{language}"


#: Marks the fields of :class:`Document` the harvester fills (the manifest keeps them).
HARVESTED = {"stage": "harvested"}

#: Languages of Documents Online, by ISO 639-1 code.
LANGUAGES = ("en", "fr", "es")
#: How search results can be ordered, and the formats they can be written in.
SORTS = ("relevance", "date")
FORMATS = ("table", "json", "jsonl", "csv")
#: How search results can be grouped: each family once (a base document, its addenda, revisions...).
GROUPS = ("family",)
#: What a crawl reads: Documents Online, or the bundled replay of it (``ipcw.fixtures``).
SOURCES = ("site", "fixtures")
#: How a crawl lists documents: the XML endpoint falling back to the HTML results pages, or one of them.
ROUTES = ("auto", "xml", "html")


@dataclass(frozen=True, slots=True)
class Listing:
    """What a Documents Online listing says of one catalogue record."""

    symbols: tuple[str, ...]
    title: str = ""
    date: date | None = None
    catalogue_id: str = ""
    access: str = ""  # "unrestricted", "derestricted" or "restricted"
    files: dict[str, str] = field(default_factory=dict)  # language -> site file path ("q:/...")
    doc_number: str = ""
    pages: int | None = None
    bodies: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    title_elided: bool = False  # the HTML route cut the title in the middle


@dataclass(frozen=True, slots=True)
class Document:
    """One document in one language, as harvested, then as extracted and tagged."""

    # Filled by the harvester (or an import): which document, which file, what the site said of it.
    symbol: str = field(metadata=HARVESTED)
    language: str = field(metadata=HARVESTED)
    path: Path | None = field(default=None, metadata=HARVESTED)  # the stored PDF
    url: str = field(default="", metadata=HARVESTED)  # where it came from (https://..., file://...)
    sha256: str = field(default="", metadata=HARVESTED)
    size: int = field(default=0, metadata=HARVESTED)
    fetched_at: datetime | None = field(default=None, metadata=HARVESTED)
    listing: Listing | None = field(default=None, metadata=HARVESTED)
    # Completed by the extractor, read from the PDF itself:
    text: str = ""
    title: str = ""
    subtitle: str = ""
    date: date | None = None
    doc_number: str = ""
    pages: int | None = None
    origin: Origin | None = None
    submitters: tuple[str, ...] = ()  # canonical names (see ipcw.names); unknown ones as written
    topic: Topic = Topic.OTHER
    kind: Kind = Kind.COMMUNICATION
    speakers: tuple[str, ...] = ()  # who speaks in minutes and statements (they submit nothing)
    symbols: tuple[str, ...] = ()  # every symbol the document carries, its own first
    note: str = ""  # what the extractor has to say of the text ("2,000 of 100,000 pages read")

    @property
    def key(self) -> str:
        """The document's identity in the store and the index: ``IP/C/W/640/Add.3|en``."""
        return record_key(self.symbol, self.language)


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the document as the index holds it (no text), how well it matches, and the
    passage that shows why."""

    document: Document
    score: float = 0.0
    snippet: str = ""
    #: Every language in which the index holds the document's symbol (this copy's among them).
    languages: tuple[str, ...] = ()
