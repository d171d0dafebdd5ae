"""Rows as JSON: an array of objects (or one object), indented; or JSON Lines, one object a line.
Non-ASCII characters are written as they are (UTF-8)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any, TextIO


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def write_array(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """``rows`` as an indented JSON array, written one row at a time (the same text as
    :func:`to_json` of the list)."""
    out.write("[")
    first = True
    for row in rows:
        out.write(("" if first else ",") + "\n" + textwrap.indent(to_json(row), "  "))
        first = False
    out.write("]\n" if first else "\n]\n")


def write_lines(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """``rows`` as JSON Lines: one object a line (``pandas.read_json(path, lines=True)``)."""
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
