"""Rows as CSV, for spreadsheets and pandas: one header line, then one line per row.

A list is joined with ``"; "`` (a symbol's suffix chain with ``"/"``, as it reads in the symbol);
an object nested in a row (a hit's symbol ``parts``) gives its fields as columns of their own.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

#: Lists joined otherwise than with "; ".
JOINERS = {"suffixes": "/"}


def flatten(row: Mapping[str, Any], columns: Sequence[str] = ()) -> dict[str, Any]:
    """``row`` with nested objects spread into columns (or, when the object is a column itself,
    written as JSON in it) and lists joined."""
    flat: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, Mapping) and name in columns:
            flat[name] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, Mapping):
            flat.update(flatten(value))
        elif isinstance(value, list):
            flat[name] = JOINERS.get(name, "; ").join(_cell(v) for v in value)
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> str:
    """A list's item as text: an object as its values (``IP/C/W/647/Add.1 [en, fr]``)."""
    if isinstance(value, Mapping):
        return " ".join(
            f"[{', '.join(map(str, v))}]" if isinstance(v, list) else str(v) for v in value.values()
        )
    return str(value)


def write_csv(rows: Iterable[Mapping[str, Any]], fields: Sequence[str], out: TextIO) -> None:
    """``rows`` as CSV with the columns ``fields`` (a row's other fields are left out), written one
    row at a time."""
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(flatten(row, fields))


def to_csv(rows: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> str:
    """``rows`` as CSV text (see :func:`write_csv`)."""
    out = io.StringIO()
    write_csv(rows, fields, out)
    return out.getvalue()
