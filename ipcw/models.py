"""The records that flow through ipcw: one :class:`Document` from harvester to indexer to search.

The harvester creates a :class:`Document` with what the site's listing says (:class:`Listing`) and
where the file is stored; the extractor completes it with the text and the tags read from the PDF
itself; the indexer consumes it. Search answers with its own small :class:`Hit`.
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


#: Languages of Documents Online, by ISO 639-1 code.
LANGUAGES = ("en", "fr", "es")
#: How search results can be ordered, and the formats they can be written in.
SORTS = ("relevance", "date")
FORMATS = ("table", "json", "csv")


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

    @property
    def symbol(self) -> str:
        """The first symbol of the record (an IP/C/W one when the record has several)."""
        return self.symbols[0]


@dataclass(frozen=True, slots=True)
class Document:
    """One document in one language, as harvested, then as extracted and tagged."""

    symbol: str
    language: str
    path: Path | None = None
    url: str = ""
    sha256: str = ""
    size: int = 0
    fetched_at: datetime | None = None
    listing: Listing | None = None
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
        return f"{self.symbol}|{self.language}"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    symbol: str
    language: str
    title: str
    date: date | None
    origin: Origin | None
    submitters: tuple[str, ...]
    topic: Topic
    score: float
    snippet: str
    path: str
    pages: int | None = None
    doc_number: str = ""
    symbols: tuple[str, ...] = ()
    kind: Kind = Kind.COMMUNICATION
    speakers: tuple[str, ...] = ()
