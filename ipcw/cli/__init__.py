"""The ``ipcw`` command: a thin layer over the library.

Each command parses its options, calls one library function and hands what comes back to
:mod:`ipcw.output`; errors become one line on stderr and the exit code of :mod:`ipcw.errors`.
Commands live by concern: :mod:`.crawl`, :mod:`.store` (index, import, check, list) and
:mod:`.search` (search, show, similar), :mod:`.alert` (alert add, list, remove, run) and
:mod:`.bench` (the benchmark); :mod:`.app` holds the group and what they share, and imports a
command's module only when it is run (:data:`~ipcw.cli.app.COMMAND_MODULES`).
"""

import click

from ipcw.cli.app import cli

__all__ = ["cli", "commands", "main"]


def commands() -> dict[str, click.Command]:
    """Every command by name (each module imported: the group imports them as they are asked for)."""
    with click.Context(cli) as ctx:
        return {name: command for name in cli.list_commands(ctx) if (command := cli.get_command(ctx, name))}


def main() -> None:
    """Entry point of the ``ipcw`` console script."""
    cli(prog_name="ipcw")
