"""The commands that look after the data directory: ``index``, ``import``, ``check``, ``list``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ipcw.cli.app import cli, format_option, settings_for, shared_options
from ipcw.errors import FilesRejectedError, IpcwError, RunIncompleteError
from ipcw.models import Status
from ipcw.output import json_format, records, table, write_rows


@cli.command()
@click.option("--rebuild", is_flag=True, help="Build the index anew, beside the old one, then swap.")
@click.option(
    "--retry-failed", is_flag=True, help="Try again the documents that failed max_failures runs in a row."
)
@click.option(
    "--extractor",
    type=click.Choice(["pdfminer", "pdfium"]),
    help="Read PDFs with this extractor, and read again the texts the other one read "
    "[setting extractor, env IPCW_EXTRACTOR: what reads new PDFs; default pdfminer].",
)
@shared_options
@click.pass_context
def index(ctx: click.Context, rebuild: bool, retry_failed: bool, extractor: str | None) -> None:
    """Index what the store holds and the index lacks; --rebuild builds the whole index anew.

    \b
    Examples:
      ipcw index --rebuild
      ipcw index --rebuild --extractor pdfium   # read every PDF again, fast (ipcw[fast])
      ipcw index --index-url postgresql://ipcw@db.example.org/ipcw   # a team's shared index
    """
    from ipcw.pipeline import index_store
    from ipcw.to_postgres import fill_database

    settings = settings_for(ctx, log_file=True, extractor=extractor)
    if settings.index_url:
        written = fill_database(settings, settings.index_url, everything=rebuild, retry_failed=retry_failed)
        unreadable, summary = written.unreadable, written.summary()
    else:
        report = index_store(settings, rebuild, retry_failed, reread=extractor is not None)
        unreadable, summary = report.unreadable, table.index_summary(report)
    for line in table.index_problems(unreadable):
        click.echo(line, err=True)
    click.echo(summary)
    if unreadable:
        raise RunIncompleteError(f"{len(unreadable)} documents could not be indexed")


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@shared_options
@click.pass_context
def import_(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Add PDFs you downloaded yourself (files or folders); they are tagged from their own text.

    \b
    Example:
      ipcw import ~/Downloads/W640A3.pdf ~/Downloads/trips/
    """
    from ipcw.pipeline import import_files

    report = import_files(settings_for(ctx, log_file=True), paths)
    if report.imported or report.unchanged:
        click.echo(table.import_lines(report))
    for line in table.import_problems(report):
        click.echo(line, err=True)
    if report.rejected:
        raise FilesRejectedError(f"{len(report.rejected)} files rejected")
    if not report.imported and not report.unchanged:
        raise IpcwError("no PDF files found")


@cli.command("check")
@click.option("--repair", is_flag=True, help="Repair what can be repaired, and say what was done.")
@format_option
@shared_options
@click.pass_context
def check_(ctx: click.Context, repair: bool, fmt: str) -> None:
    """Check the store against its manifest and the index; --repair repairs what it can.

    \b
    Missing, damaged or extra files, damaged manifest rows, index entries without records and
    records missing from the index, pending records, a damaged index. Repairs never contact the
    site and never delete a document: what must be fetched again is left to the next crawl.
    \b
    Example:
      ipcw check --repair
    """
    from ipcw.check import check

    report = check(settings_for(ctx, log_file=repair), repair=repair)
    if fmt == "json":
        click.echo(json_format.to_json(records.check_object(report)))
    elif fmt == "table":
        click.echo(table.check_lines(report))
    else:
        write_rows(records.check_rows(report), fmt, records.PROBLEM_FIELDS, sys.stdout)
    if report.unrepaired:
        raise RunIncompleteError(report.summary())


@cli.command("list")
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only this status.")
@format_option
@shared_options
@click.pass_context
def list_(ctx: click.Context, status: str | None, fmt: str) -> None:
    """List what the store holds: symbol, language, status, path, sha256, fetched-at.

    \b
    Example:
      ipcw list --status failed
    """
    from ipcw.pipeline import stored_entries

    every = stored_entries(settings_for(ctx))
    entries = [e for e in every if status is None or e.status.value == status]
    if fmt == "table":
        click.echo(table.entries_table(entries, held=len(every), status=status))
    else:
        write_rows(map(records.entry_row, entries), fmt, records.ENTRY_FIELDS, sys.stdout)
