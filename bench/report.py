"""The benchmark's report: one table for a person, one JSON file for the record.

The table has a column per size, the growth from the second size to the last (2,000 to 20,000
documents by default), the targets of issue 11 beside what was measured at the largest size, and
the median, p99 and max of each kind of query at the largest size, with tantivy's beside them.
"""

from __future__ import annotations

import json
import math
import os
import platform
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from ipcw.bench.run import SizeResult
from ipcw.files import write_atomic

#: Issue 11's targets at the largest size: (what, limit, the measure read, at most or at least).
TARGETS = (
    ("warm search p50 (ms)", 40.0, "search_p50", "max"),
    ("warm search p99 (ms)", 250.0, "search_p99", "max"),
    ("slowest kind's median (ms)", 100.0, "worst_kind_p50", "max"),
    ("new ipcw search ÷ bare Whoosh import", 4.0, "cold_ratio", "max"),
    ("build (docs/s, from cached text)", 250.0, "docs_per_s", "min"),
    ("build peak RSS (MB)", 400.0, "peak_rss_mb", "max"),
    ("index size ÷ text size", 0.8, "index_to_text", "max"),
)


#: Issue 13's targets for the PostgreSQL engine at the largest size: (what, limit, the summary read).
POSTGRES_TARGETS = (
    ("PostgreSQL warm search p50 (ms)", 10.0, "p50"),
    ("PostgreSQL warm search p99 (ms)", 50.0, "p99"),
)


def machine() -> dict[str, Any]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "ipcw": version("ipcw"),
        "whoosh": version("Whoosh"),
        "tantivy": version("tantivy"),
        "pdfminer.six": version("pdfminer.six"),
        "pypdfium2": version("pypdfium2"),
    }


def readings(result: SizeResult) -> dict[str, float]:
    """The measures :data:`TARGETS` reads, at one size."""
    kinds = {k: v for k, v in result.queries.items() if k != "all"}
    return {
        "search_p50": result.queries["all"]["p50"],
        "search_p99": result.queries["all"]["p99"],
        "worst_kind_p50": max((v["p50"] for v in kinds.values()), default=math.nan),
        "cold_ratio": result.cold["ratio"],
        "docs_per_s": result.build["docs_per_s"],
        "peak_rss_mb": result.build["peak_rss_mb"],
        "index_to_text": result.build["index_to_text"],
    }


def to_json(results: list[SizeResult], extraction: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"machine": machine(), "sizes": [asdict(r) for r in results], "extraction": extraction}


def write_json(path: Path, results: list[SizeResult], extraction: dict[str, Any] | None = None) -> None:
    text = json.dumps(to_json(results, extraction), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))


def extraction_lines(found: dict[str, Any]) -> list[str]:
    """The extractors' pages a second on the fixture PDFs, and their agreement."""
    lines = [f"PDF extraction, {found['files']} fixture PDFs (extraction alone, one process):", ""]
    rows = [["extractor", "pages", "seconds", "pages/s"]]
    for name in ("pdfminer", "pdfium"):
        measured = found.get(name)
        if isinstance(measured, dict):
            pages, seconds, rate = measured["pages"], measured["seconds"], measured["pages_per_s"]
            rows.append([name, f"{pages:,}", f"{seconds:.2f}", f"{rate:,.1f}"])
        else:
            rows.append([name, "–", "–", str(measured)])
    lines += _aligned(rows)
    fast, slow = found.get("pdfium"), found.get("pdfminer")
    if isinstance(fast, dict) and isinstance(slow, dict):
        lines += [
            "",
            (
                f"pdfium ÷ pdfminer.six: {fast['pages_per_s'] / slow['pages_per_s']:.1f} × the pages a "
                f"second; the same tags on {found['same_tags']} of {found['files']} documents"
            ),
        ]
    return lines


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f} ×" if b and not math.isnan(a) and not math.isnan(b) else "–"


def table(results: list[SizeResult], extraction: dict[str, Any] | None = None) -> str:
    """The report as text."""
    info = machine()
    heading = (
        f"ipcw bench, {info['date'][:10]}: {info['cores']} cores, Python {info['python']}, "
        f"Whoosh {info['whoosh']}, tantivy {info['tantivy']}"
    )
    lines = [heading, ""]
    head = ["", *(_size_name(r.size) for r in results)]
    growth = len(results) >= 3
    if growth:
        head.append(f"growth {_size_name(results[1].size)} → {_size_name(results[-1].size)}")
    rows: list[list[str]] = [head]

    def row(label: str, values: list[float], fmt: str = "{:,.1f}", grows: bool = True) -> None:
        cells = [fmt.format(v) if not math.isnan(v) else "–" for v in values]
        if growth:
            cells.append(_ratio(values[-1], values[1]) if grows else "")
        rows.append([label, *cells])

    def tv(r: SizeResult, *path: str) -> float:
        return _at(r.tantivy, *path)

    def pg(r: SizeResult, *path: str) -> float:
        return _at(r.postgres, *path)

    postgres = any(r.postgres for r in results)

    row("documents", [r.documents for r in results], "{:,.0f}")
    row("text (MB)", [r.text_bytes / 2**20 for r in results])
    row("build, ipcw (docs/s)", [r.build["docs_per_s"] for r in results])
    row("build, tantivy (docs/s)", [tv(r, "build", "docs_per_s") for r in results])
    if postgres:
        row("build, PostgreSQL (docs/s)", [pg(r, "build", "docs_per_s") for r in results])
    row("build peak RSS, ipcw (MB)", [r.build["peak_rss_mb"] for r in results])
    row("index size, ipcw (MB)", [r.build["index_mb"] for r in results])
    row("index size, tantivy (MB)", [tv(r, "build", "index_mb") for r in results])
    if postgres:
        row("index size, PostgreSQL (MB)", [pg(r, "build", "index_mb") for r in results])
    row("index size ÷ text, ipcw", [r.build["index_to_text"] for r in results], "{:.2f}", grows=False)
    for p in ("p50", "p90", "p99", "max"):
        row(f"warm search {p}, ipcw (ms)", [r.queries["all"][p] for r in results])
        row(f"warm search {p}, tantivy (ms)", [tv(r, "queries", "all", p) for r in results])
        if postgres:
            row(f"warm search {p}, PostgreSQL (ms)", [pg(r, "queries", "all", p) for r in results])
    row(
        "p50 ipcw ÷ tantivy",
        [r.queries["all"]["p50"] / tv(r, "queries", "all", "p50") for r in results],
        "{:.1f}",
        grows=False,
    )
    row("new ipcw search (ms)", [r.cold["ipcw_search_ms"] for r in results])
    row("bare Whoosh import (ms)", [r.cold["bare_import_ms"] for r in results])
    row("new search ÷ bare import", [r.cold["ratio"] for r in results], "{:.2f}", grows=False)
    lines += _aligned(rows)
    last = results[-1]
    lines += ["", f"By kind of query at {_size_name(last.size)} documents (ms):", ""]
    kinds = [["kind", "ipcw p50", "p99", "max", "tantivy p50", "p99", "ipcw ÷ tantivy"]]
    if postgres:
        kinds[0] += ["PostgreSQL p50", "p99"]
    for kind, s in last.queries.items():
        t50, t99 = tv(last, "queries", kind, "p50"), tv(last, "queries", kind, "p99")
        kinds.append(
            [
                kind,
                f"{s['p50']:,.1f}",
                f"{s['p99']:,.1f}",
                f"{s['max']:,.1f}",
                _num(t50),
                _num(t99),
                _ratio(s["p50"], t50),
            ]
        )
        if postgres:
            kinds[-1] += [_num(pg(last, "queries", kind, "p50")), _num(pg(last, "queries", kind, "p99"))]
    lines += _aligned(kinds)
    lines += ["", f"Issue 11's targets at {_size_name(last.size)} documents:", ""]
    measured = readings(last)
    checks = [["target", "limit", "measured", "met"]]
    for label, limit, key, sense in TARGETS:
        value = measured[key]
        met = value <= limit if sense == "max" else value >= limit
        checks.append(
            [label, f"{'≤' if sense == 'max' else '≥'} {limit:g}", f"{value:,.2f}", "yes" if met else "NO"]
        )
    lines += _aligned(checks)
    if last.postgres:
        lines += [
            "",
            f"Issue 13's targets at {_size_name(last.size)} documents (snippets, exact totals):",
            "",
        ]
        checks = [["target", "limit", "measured", "met"]]
        for label, limit, key in POSTGRES_TARGETS:
            value = pg(last, "queries", "all", key)
            checks.append([label, f"≤ {limit:g}", _num(value), "yes" if value <= limit else "NO"])
        lines += _aligned(checks)
    if extraction:
        lines += ["", *extraction_lines(extraction)]
    return "\n".join(lines) + "\n"


def _at(value: Any, *path: str) -> float:
    """The number at ``path`` in the nested dicts ``value`` (NaN where there is none)."""
    for part in path:
        if not isinstance(value, dict):
            return math.nan
        value = value.get(part)
    return float(value) if isinstance(value, int | float) else math.nan


def _num(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.1f}"


def _size_name(size: str) -> str:
    return f"{int(size):,}" if size.isdigit() else size


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(max(map(len, rows)))]
    out = []
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [c.rjust(widths[i + 1]) for i, c in enumerate(r[1:])]
        out.append("  ".join(cells).rstrip())
    return out
