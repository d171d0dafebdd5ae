"""Article 67 coverage: which Member and which organization reported on its technical cooperation
in which year, read from the tags of the documents indexed.

A report is a document tagged ``technical-cooperation`` and ``communication`` (a Member's,
an organization's or the Secretariat's paper, not minutes). It counts:

- for every submitter it names (a joint report is each one's), under the name the names table
  gives it today (the European Communities' reports are the European Union's row, with its history);
- in the year of its date (the year it was circulated: most reports come in September to
  November for the Council's autumn meeting; one circulated in January counts for that January's
  year);
- once a symbol, whatever languages the index holds it in.

Rows are every submitter with a report in any year, columns every year from the first report to
the last, so that a year without a row's report is a gap (:attr:`Cell.MISSING`). A year before the
year of a Member's accession (the names table's date: China's 2000, it joined on 11 December 2001)
is not a gap but :attr:`Cell.NOT_YET_MEMBER`; the year of its accession counts as a Member's. A
report with no submitter read from its cover, or no date, is listed apart
(:attr:`Coverage.unplaced`): it cannot be put in a row or a column.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ipcw.models import Document, Kind, Origin, Topic
from ipcw.names import NameKind, NamesTable, names_table
from ipcw.search import Filters
from ipcw.symbols import sort_key


class Section(enum.StrEnum):
    """The parts of the report, in order."""

    MEMBERS = "members"
    ORGANIZATIONS = "organizations"
    SECRETARIAT = "secretariat"


#: The section of each origin.
SECTIONS = {
    Origin.MEMBER: Section.MEMBERS,
    Origin.IGO: Section.ORGANIZATIONS,
    Origin.SECRETARIAT: Section.SECRETARIAT,
}


class Cell(enum.StrEnum):
    """What a row shows for a year."""

    REPORTED = "reported"
    MISSING = "missing"  # no report this year
    NOT_YET_MEMBER = "not-yet-member"  # a year before the year of the Member's accession


@dataclass(frozen=True)
class Row:
    """One submitter's reports, by year."""

    name: str  # the canonical name (the names table's current English name), or as written
    section: Section
    #: Its former names and when they changed: ``European Communities until 2009-11-30``.
    history: str = ""
    #: The day it became a WTO Member (Members only, when the names table knows it).
    member_since: date | None = None
    reports: dict[int, tuple[str, ...]] = field(default_factory=dict)  # year -> symbols, in order

    def cell(self, year: int) -> Cell:
        if self.reports.get(year):
            return Cell.REPORTED
        if self.member_since is not None and year < self.member_since.year:
            return Cell.NOT_YET_MEMBER
        return Cell.MISSING


@dataclass(frozen=True)
class Coverage:
    """Who reported in which year (see the module's text)."""

    years: tuple[int, ...]
    rows: tuple[Row, ...]
    #: Reports that name no submitter, or carry no date: their symbols, in order.
    unplaced: tuple[str, ...] = ()

    def section(self, section: Section) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.section is section)

    @property
    def reports(self) -> int:
        """How many reports (symbols) the table holds, each once."""
        held = {symbol for row in self.rows for symbols in row.reports.values() for symbol in symbols}
        return len(held | set(self.unplaced))


def is_report(doc: Document) -> bool:
    """Whether ``doc`` is a technical-cooperation report (see the module's text)."""
    return doc.topic is Topic.TECHNICAL_COOPERATION and doc.kind is Kind.COMMUNICATION


#: The search filters that find in the index the documents :func:`is_report` takes.
REPORT_FILTERS = Filters(topics=(Topic.TECHNICAL_COOPERATION.value,), kinds=(Kind.COMMUNICATION.value,))


def coverage(documents: Iterable[Document]) -> Coverage:
    """The coverage table of the reports among ``documents`` (any others are left out)."""
    table = names_table()
    found: dict[tuple[Section, str], dict[int, set[str]]] = {}
    known: dict[str, Row] = {}
    unplaced: set[str] = set()
    for doc in documents:
        if not is_report(doc):
            continue
        if doc.date is None or not doc.submitters:
            unplaced.add(doc.symbol)
            continue
        for submitter in doc.submitters:
            row = _row_of(submitter, doc.origin, table)
            known.setdefault(row.name, row)
            found.setdefault((row.section, row.name), {}).setdefault(doc.date.year, set()).add(doc.symbol)
    rows = [
        Row(
            known[name].name,
            section,
            known[name].history,
            known[name].member_since,
            {year: tuple(sorted(symbols, key=sort_key)) for year, symbols in sorted(by_year.items())},
        )
        for (section, name), by_year in found.items()
    ]
    order = list(Section)
    rows.sort(key=lambda row: (order.index(row.section), row.name.casefold()))
    years = sorted({year for row in rows for year in row.reports})
    span = tuple(range(years[0], years[-1] + 1)) if years else ()
    return Coverage(span, tuple(rows), tuple(sorted(unplaced, key=sort_key)))


def _row_of(submitter: str, origin: Origin | None, table: NamesTable) -> Row:
    """An empty row for ``submitter``: its canonical name, section, history and accession."""
    name = table.resolve(submitter)
    if name is None:  # a name the table does not know: as written, in the document's section
        return Row(submitter, SECTIONS.get(origin or Origin.MEMBER, Section.MEMBERS))
    history = "; ".join(
        f"{former.en} until {former.changed - timedelta(days=1)}" if former.changed else former.en
        for former in sorted(name.former, key=lambda f: f.changed or date.min)
        if former.en != name.en
    )
    member = name.kind is NameKind.MEMBER
    return Row(name.name, SECTIONS[name.origin], history, name.since if member else None)
