"""Output for people, on a terminal: search results, documents, the store's records, what a crawl,
an import or a check did. Each function returns the text; the CLI prints it."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ipcw.models import Hit, Status
from ipcw.output.records import document_row, entry_row

if TYPE_CHECKING:
    from ipcw.check import CheckReport
    from ipcw.harvester import CrawlReport
    from ipcw.harvester.manifest import Entry
    from ipcw.models import Document
    from ipcw.pipeline import ImportReport, IndexReport


def hits_table(
    hits: Sequence[Hit],
    total: int,
    width: int = 100,
    color: bool = False,
    families: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None,
) -> str:
    """A line of columns per hit (symbol, language, date, origin, submitters), then its title and
    snippet indented below; matched words bold on a colour terminal, ``**marked**`` otherwise.
    Grouped by family, each hit's family follows: its other matching documents and languages."""
    if not hits:
        return "No documents match."
    symbol_w = max(len(h.document.symbol) for h in hits)
    lines = [f"{'SYMBOL':<{symbol_w}}  LANG  DATE        ORIGIN       SUBMITTERS"]
    for hit in hits:
        doc = hit.document
        when = doc.date.isoformat() if doc.date else "?"
        origin = doc.origin.value if doc.origin else "?"
        submitters = "; ".join(doc.submitters)
        lines.append(f"{doc.symbol:<{symbol_w}}  {doc.language:<4}  {when:<10}  {origin:<11}  {submitters}")
        snippet = hit.snippet
        if color:
            snippet = re.sub(r"\*\*(.+?)\*\*", "\x1b[1m\\1\x1b[0m", snippet)
        for text in (doc.title, snippet):
            lines.extend("    " + part for part in textwrap.wrap(text, width - 4))
        others = (families or {}).get(doc.symbol, [])
        if others:
            held = " · ".join(f"{symbol}\u00a0[{', '.join(langs)}]" for symbol, langs in others)
            lines += textwrap.wrap(held, width, initial_indent="    family: ", subsequent_indent=" " * 12)
        lines.append("")
    if families is None:
        lines.append(f"{len(hits)} of {total} documents shown.")
    else:
        lines.append(f"{len(hits)} {'family' if len(hits) == 1 else 'families'} shown, of {total} documents.")
    return "\n".join(lines)


#: How many values of each facet the table shows (JSON has them all).
FACET_VALUES = 8


def facets_block(facets: dict[str, dict[str, int]], total: int, width: int = 100) -> str:
    """The facets of a result set, a line each: ``origin      member 31 · igo 17 · secretariat 11``;
    years in order, the other values most frequent first."""
    lines = [f"Facets of all {total} documents:"]
    for name, counts in facets.items():
        shown = list(counts.items())
        if name != "year" and len(shown) > FACET_VALUES:
            shown = [*shown[:FACET_VALUES], (f"{len(shown) - FACET_VALUES} more", 0)]
        # A value and its count never part at a line's end (a no-break space between them).
        values = " · ".join(f"{value}\u00a0{n}" if n else value for value, n in shown) or "-"
        lines += textwrap.wrap(values, width, initial_indent=f"  {name:<10}  ", subsequent_indent=" " * 14)
    return "\n".join(lines)


def document_sheet(doc: Document, with_text: bool = False) -> str:
    """One document's metadata, a line per field, names as the names table knows them; its text
    below with ``with_text``; then a blank line."""
    row = document_row(doc)
    parts = row["parts"]
    rows = [
        ("symbol", doc.symbol),
        ("language", doc.language),
        ("date", row["date"] or "?"),
        ("origin", row["origin"] or "?"),
        ("submitters", "; ".join(submitter_label(name, doc.date) for name in doc.submitters)),
        ("speakers", "; ".join(submitter_label(name, doc.date) for name in doc.speakers)),
        ("title", doc.title),
        ("kind", row["kind"]),
        ("topic", row["topic"]),
        ("pages", str(doc.pages or "?")),
        ("doc number", doc.doc_number),
        ("other symbols", ", ".join(s for s in doc.symbols if s != doc.symbol)),
        ("base document", parts["base"] if parts["suffixes"] else ""),
        ("suffixes", " / ".join(parts["suffixes"])),
        ("file", row["path"]),
    ]
    sheet = "\n".join(f"{name:<14}{value}" for name, value in rows if value)
    text = doc.text.strip() or "(the text is not in the text cache: `ipcw check --repair` reads it again)"
    return sheet + ("\n\n" + text if with_text else "") + "\n\n"


def submitter_label(name: str, day: date | None) -> str:
    """A name with the name it went by on ``day`` when that was another ("European Union (then
    European Communities)"), marked when the names table does not know it."""
    from ipcw.names import names_table

    known = names_table().resolve(name)
    if known is None:
        return f"{name} (unrecognised name)"
    then = known.name_on(day) if day else known.name
    return name if then == known.name else f"{name} (then {then})"


def entries_table(entries: Sequence[Entry], held: int, status: str | None) -> str:
    """The store's records, a line each: symbol, language, status (and why), fetched, sha256, path.
    ``held``: how many records the store holds in all (``entries`` may be those of one ``status``)."""
    if not entries and held:
        return f"No {status} documents among the {held} the store holds."
    if not entries:
        return "The store is empty: run `ipcw crawl` (or `ipcw crawl --source fixtures`)."
    rows: list[dict[str, Any]] = [entry_row(e) for e in entries]
    width = max(len(r["symbol"]) for r in rows)
    lines = [f"{'SYMBOL':<{width}}  LANG  STATUS      FETCHED              SHA256        PATH"]
    for r in rows:
        plain = not r["reason"] or r["status"] == Status.RESTRICTED  # restricted says why itself
        status_text = r["status"] if plain else f"{r['status']}: {r['reason']}"
        lines.append(
            f"{r['symbol']:<{width}}  {r['lang']:<4}  {status_text:<10}  {(r['fetched_at'] or '')[:19]:<19}  "
            f"{r['sha256'][:12]:<12}  {r['path']}"
        )
    return "\n".join(lines)


def alerts_table(rows: Sequence[dict[str, Any]]) -> str:
    """The saved alerts, a line each: name, when it last ran, how many documents it has seen, its
    query and filters."""
    if not rows:
        return "No alerts: `ipcw alert add NAME QUERY` saves one."
    width = max(4, *(len(r["name"]) for r in rows))
    lines = [f"{'NAME':<{width}}  LAST RUN              SEEN  QUERY"]
    for r in rows:
        filters = " ".join(
            f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in r["filters"].items()
        )
        ran = (r["last_run"] or "never")[:19]
        lines.append(f"{r['name']:<{width}}  {ran:<20}  {r['seen']:>4}  {r['query']} {filters}".rstrip())
    return "\n".join(lines)


def check_lines(report: CheckReport) -> str:
    """Each problem and what its repair did, each failed record, then the summary."""
    lines = [
        f"{p.kind}: {p.what}: {p.detail}{f' -> {p.repair}' if p.repair else ''}" for p in report.problems
    ]
    lines += [f"failed: {entry.key}: {entry.reason}" for entry in report.failed]
    return "\n".join([*lines, report.summary()])


def crawl_summary(report: CrawlReport, indexed: IndexReport | None) -> str:
    """``listed 70, new 69, changed 0, unchanged 0, restricted 1, failed 0; indexed 69``."""
    line = report.summary()
    if indexed is not None:
        line += f"; indexed {indexed.indexed}"
        if indexed.unreadable:
            line += f", unreadable {len(indexed.unreadable)}"
    return line


def crawl_problems(report: CrawlReport, indexed: IndexReport | None) -> list[str]:
    """What failed, a line each (for stderr)."""
    lines = [f"ipcw: failed: {failure}" for failure in report.failures]
    return lines + [f"ipcw: unreadable: {problem}" for problem in (indexed.unreadable if indexed else [])]


def would_fetch(report: CrawlReport) -> str:
    """A dry run's downloads, a line each."""
    return "\n".join(f"would fetch {symbol} [{lang}] {url}" for symbol, lang, url in report.would_fetch)


def index_summary(report: IndexReport) -> str:
    return f"indexed {report.indexed} documents"


def index_problems(unreadable: Sequence[object]) -> list[str]:
    """The documents that could not be read or indexed, a line each (for stderr)."""
    return [f"unreadable: {problem}" for problem in unreadable]


def import_problems(report: ImportReport) -> list[str]:
    """The files not stored, a line each with why (for stderr)."""
    return [f"ipcw: error: {problem}" for problem in report.rejected]


def import_lines(report: ImportReport) -> str:
    """Each file imported (or replacing another), or held already."""
    lines = [
        f"replaced {doc.symbol} [{doc.language}]: the store held another file for it"
        if doc.key in report.replaced
        else f"imported {doc.symbol} [{doc.language}]"
        for doc in report.imported
    ]
    lines += [
        f"unchanged {d.symbol} [{d.language}]: the store holds this file already" for d in report.unchanged
    ]
    return "\n".join(lines)


def progress_line(done: int, total: int, label: str) -> str:
    """A progress bar, rewritten in place on one terminal line: ``[######   ]  12/140 IP/C/W/647 [en]``.

    ``total`` is what the listing announced (an upper bound: stored files are not fetched again).
    """
    width = 24
    filled = min(width, width * done // total) if total else 0
    counts = f"{done:>{len(str(total))}}/{total}" if total else str(done)
    return f"\r\x1b[K[{'#' * filled}{' ' * (width - filled)}] {counts} {label}"
