"""The ``ipcw`` command: a thin layer over the library.

Each command parses its options, calls one library function and hands what comes back to
:mod:`ipcw.output`; errors become one line on stderr and the exit code of :mod:`ipcw.errors`.
Commands live by concern: :mod:`.crawl`, :mod:`.store` (index, import, check, list) and
:mod:`.search` (search, show, similar), :mod:`.alert` (alert add, list, remove, run) and
:mod:`.bench` (the benchmark); :mod:`.app` holds the group and what they share.
"""

from ipcw.cli import alert, bench, crawl, search, store
from ipcw.cli.app import cli

__all__ = ["alert", "bench", "cli", "crawl", "main", "search", "store"]


def main() -> None:
    """Entry point of the ``ipcw`` console script."""
    cli(prog_name="ipcw")
