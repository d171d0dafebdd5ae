"""Records as plain rows: the field list every output format shares.

A row is a ``dict`` of JSON values (strings, numbers, ``None``, lists, and for a hit its symbol's
parts as an object); :mod:`ipcw.output.json_format` writes rows as they are,
:mod:`ipcw.output.csv_format` flattens them (a list joined by ``"; "``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ipcw.models import Document, Hit
from ipcw.symbols import parse_symbol

if TYPE_CHECKING:
    from ipcw.alerts import Alert, AlertRun
    from ipcw.check import CheckReport
    from ipcw.harvester.manifest import Entry
    from ipcw.search import SearchResult

#: The columns of a search hit in CSV; JSON has the same fields, with ``parts`` for base and suffixes.
HIT_FIELDS = (
    "symbol",
    "lang",
    "date",
    "origin",
    "submitters",
    "title",
    "score",
    "snippet",
    "path",
    "topic",
    "kind",
    "speakers",
    "pages",
    "doc_number",
    "symbols",
    "base",
    "suffixes",
    "languages",  # added in issue 10: new columns come last, so earlier ones keep their place
)
#: A shown document: a hit's fields without a search's score and snippet (with ``--text``, ``text``).
DOCUMENT_FIELDS = tuple(name for name in HIT_FIELDS if name not in ("score", "snippet", "languages"))
#: A record of the store, as ``ipcw list`` gives it.
ENTRY_FIELDS = ("symbol", "lang", "status", "reason", "path", "sha256", "fetched_at", "url")
#: A saved alert, as ``ipcw alert list`` gives it.
ALERT_FIELDS = ("name", "query", "filters", "created", "last_run", "seen")
#: A problem ``ipcw check`` found, and what its repair did; a failed record is a problem of kind "failed".
PROBLEM_FIELDS = ("kind", "what", "detail", "repair")


def symbol_parts(symbol: str) -> dict[str, Any]:
    """``IP/C/W/647/Add.1/Corr.1`` → series, base document, its number and the suffix chain."""
    parsed = parse_symbol(symbol)
    return {
        "series": parsed.series,
        "base": parsed.base,
        "number": parsed.number,
        "suffixes": list(parsed.suffixes),
    }


def document_row(doc: Document, with_text: bool = False) -> dict[str, Any]:
    """A document as the index holds it: the JSON shape documented in the README."""
    row: dict[str, Any] = {
        "symbol": doc.symbol,
        "lang": doc.language,
        "date": doc.date.isoformat() if doc.date else None,
        "origin": doc.origin.value if doc.origin else None,
        "submitters": list(doc.submitters),
        "title": doc.title,
        "path": str(doc.path) if doc.path else "",
        "topic": doc.topic.value,
        "kind": doc.kind.value,
        "speakers": list(doc.speakers),
        "pages": doc.pages,
        "doc_number": doc.doc_number,
        "symbols": list(doc.symbols),
        "parts": symbol_parts(doc.symbol),
    }
    if with_text:
        row["text"] = doc.text
    return row


def hit_row(hit: Hit) -> dict[str, Any]:
    """One hit: its document's row, the languages its symbol is held in after its language, and the
    score and snippet after the title (the README's order)."""
    row = document_row(hit.document)
    ordered = {}
    for name, value in row.items():
        ordered[name] = value
        if name == "lang":
            ordered["languages"] = list(hit.languages)
        if name == "title":
            ordered["score"], ordered["snippet"] = hit.score, hit.snippet
    return ordered


def search_rows(result: SearchResult) -> Iterator[dict[str, Any]]:
    """A search's hits as rows; grouped by family, each with the family's other matching documents
    (``family``: symbol and languages of each)."""
    for hit in result.hits:
        row = hit_row(hit)
        if result.families is not None:
            others = result.families.get(hit.document.symbol, [])
            row["family"] = [{"symbol": symbol, "languages": list(langs)} for symbol, langs in others]
        yield row


def search_output(result: SearchResult) -> list[dict[str, Any]] | dict[str, Any]:
    """A search as JSON: its hits; with facets, an object of the total, the hits and the facets."""
    hits = list(search_rows(result))
    if result.facets is None:
        return hits
    return {"total": result.total, "hits": hits, "facets": result.facets}


def alert_row(alert: Alert) -> dict[str, Any]:
    """One saved alert."""
    return {
        "name": alert.name,
        "query": alert.query,
        "filters": alert.filters,
        "created": alert.created,
        "last_run": alert.last_run,
        "seen": len(alert.seen),
    }


def alert_run_rows(found: AlertRun) -> Iterator[dict[str, Any]]:
    """The new hits of one alert's run, each row with the alert's name first."""
    for hit in found.hits:
        yield {"alert": found.alert.name, **hit_row(hit)}


def alert_run_object(found: AlertRun) -> dict[str, Any]:
    """One alert's run as JSON: its name and query, and its new hits."""
    return {"alert": found.alert.name, "query": found.alert.query, "hits": [hit_row(h) for h in found.hits]}


def entry_row(entry: Entry) -> dict[str, Any]:
    """One record of the store."""
    doc = entry.document
    return {
        "symbol": doc.symbol,
        "lang": doc.language,
        "status": entry.status.value,
        "reason": entry.reason,
        "path": str(doc.path) if doc.path else "",
        "sha256": doc.sha256,
        "fetched_at": doc.fetched_at.isoformat() if doc.fetched_at else None,
        "url": doc.url,
    }


def check_rows(report: CheckReport) -> list[dict[str, Any]]:
    """The problems ``ipcw check`` found, then the records known to have failed."""
    failed = [{"kind": "failed", "what": e.key, "detail": e.reason, "repair": ""} for e in report.failed]
    return [asdict(problem) for problem in report.problems] + failed


def check_object(report: CheckReport) -> dict[str, Any]:
    """The whole check as one JSON object: its summary, the problems and the failed records."""
    failed = [{"symbol": e.symbol, "lang": e.language, "reason": e.reason} for e in report.failed]
    return {"summary": report.summary(), "problems": [asdict(p) for p in report.problems], "failed": failed}
