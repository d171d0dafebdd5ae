"""What commands print: records made plain (:mod:`.records`), then written in one format family.

- :mod:`ipcw.output.records`: each record a command returns (a search :class:`~ipcw.models.Hit`, a
  manifest :class:`~ipcw.harvester.manifest.Entry`, a shown :class:`~ipcw.models.Document`, a
  problem ``ipcw check`` found) as a plain row: the one field list every format shares;
- :mod:`ipcw.output.table`: for people, on a terminal;
- :mod:`ipcw.output.json_format` and :mod:`ipcw.output.csv_format`: for programs.

A new command gets them all by returning records and naming their rows: :func:`write_rows`
writes rows in any machine format, one at a time, to any text stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from ipcw.output import csv_format, json_format


def write_rows(rows: Iterable[Mapping[str, Any]], fmt: str, fields: Sequence[str], out: TextIO) -> None:
    """``rows`` in ``fmt`` (``json``, ``jsonl`` or ``csv``, whose columns are ``fields``), written
    as they come: a whole result set is never held."""
    if fmt == "json":
        json_format.write_array(rows, out)
    elif fmt == "jsonl":
        json_format.write_lines(rows, out)
    elif fmt == "csv":
        csv_format.write_csv(rows, fields, out)
    else:
        raise ValueError(f"rows are written as json, jsonl or csv, not {fmt!r}")
