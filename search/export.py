"""Search results as a readable table, JSON or CSV. Every format carries the same fields."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Sequence
from typing import Any

from ipcw.models import Hit
from ipcw.symbols import parse_symbol

FIELDS = (
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
)


def symbol_parts(symbol: str) -> dict[str, Any]:
    """``IP/C/W/647/Add.1/Corr.1`` → series, base document, its number and the suffix chain."""
    parsed = parse_symbol(symbol)
    return {
        "series": parsed.series,
        "base": parsed.base,
        "number": parsed.number,
        "suffixes": list(parsed.suffixes),
    }


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    """One hit as a plain object: the JSON shape documented in the README."""
    return {
        "symbol": hit.symbol,
        "lang": hit.language,
        "date": hit.date.isoformat() if hit.date else None,
        "origin": hit.origin.value if hit.origin else None,
        "submitters": list(hit.submitters),
        "title": hit.title,
        "score": hit.score,
        "snippet": hit.snippet,
        "path": hit.path,
        "topic": hit.topic.value,
        "kind": hit.kind.value,
        "speakers": list(hit.speakers),
        "pages": hit.pages,
        "doc_number": hit.doc_number,
        "symbols": list(hit.symbols),
        "parts": symbol_parts(hit.symbol),
    }


def to_json(hits: Sequence[Hit]) -> str:
    return json.dumps([hit_to_dict(h) for h in hits], ensure_ascii=False, indent=2)


def to_csv(hits: Sequence[Hit]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for hit in hits:
        row = hit_to_dict(hit)
        row["submitters"] = "; ".join(row["submitters"])
        row["speakers"] = "; ".join(row["speakers"])
        row["symbols"] = "; ".join(row["symbols"])
        parts = row.pop("parts")
        row["base"], row["suffixes"] = parts["base"], "/".join(parts["suffixes"])
        writer.writerow(row)
    return out.getvalue()


def to_table(hits: Sequence[Hit], total: int, width: int = 100, color: bool = False) -> str:
    """A line of columns per hit (symbol, language, date, origin, submitters), then its title and
    snippet indented below; matched words bold on a colour terminal, ``**marked**`` otherwise."""
    if not hits:
        return "No documents match."
    symbol_w = max(len(h.symbol) for h in hits)
    lines = [f"{'SYMBOL':<{symbol_w}}  LANG  DATE        ORIGIN       SUBMITTERS"]
    for hit in hits:
        when = hit.date.isoformat() if hit.date else "?"
        origin = hit.origin.value if hit.origin else "?"
        lines.append(
            f"{hit.symbol:<{symbol_w}}  {hit.language:<4}  {when:<10}  {origin:<11}  "
            f"{'; '.join(hit.submitters)}"
        )
        for part in textwrap.wrap(hit.title, width - 4):
            lines.append("    " + part)
        snippet = hit.snippet
        if color:
            snippet = re.sub(r"\*\*(.+?)\*\*", "\x1b[1m\\1\x1b[0m", snippet)
        for part in textwrap.wrap(snippet, width - 4):
            lines.append("    " + part)
        lines.append("")
    lines.append(f"{len(hits)} of {total} documents shown.")
    return "\n".join(lines)
