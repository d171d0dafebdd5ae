"""``ipcw report``: what the index's tags show of Article 67 reporting (see :mod:`ipcw.report`)."""

from __future__ import annotations

from pathlib import Path

import click

from ipcw.cli.app import choice_option, cli, output_option, settings_for, shared_options
from ipcw.files import output_to
from ipcw.report import ACTIVITY_FORMATS, REPORT_FORMATS


@cli.group()
@shared_options
def report() -> None:
    """Reports drawn from the index: who reported on technical cooperation, and when.

    \b
    Example:
      ipcw report coverage --format markdown --output coverage.md
    """


@report.command("coverage")
@choice_option("--format", REPORT_FORMATS, dest="fmt")
@output_option
@click.option(
    "--plot",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Draw it as a heat map into FILE (.png or .svg; needs ipcw[plot]) instead of writing the table.",
)
@shared_options
@click.pass_context
def coverage_command(ctx: click.Context, fmt: str, output: Path | None, plot: Path | None) -> None:
    """Which Member and which organization reported on technical cooperation in which year.

    \b
    A submitter a row, a year a column, the symbols behind each cell; a year before a Member
    joined the WTO is not a gap.
    \b
    Examples:
      ipcw report coverage
      ipcw report coverage --format csv --output coverage.csv
      ipcw report coverage --plot coverage.png
    """
    from ipcw.report import REPORT_FILTERS, coverage, write_coverage
    from ipcw.report.plot import check_plot_path, plot_coverage
    from ipcw.search import open_searcher

    if plot is not None:
        check_plot_path(plot)  # refused before the index is read
    with open_searcher(settings_for(ctx)) as searcher:
        table = coverage(searcher.documents(REPORT_FILTERS))
    if plot is not None:
        plot_coverage(table, plot)
        click.echo(f"ipcw: coverage of {table.reports} reports drawn in {plot}", err=True)
        return
    with output_to(output) as out:
        write_coverage(table, fmt, out)


@report.command("activity")
@choice_option("--format", ACTIVITY_FORMATS, dest="fmt")
@click.option(
    "--top", default=15, show_default=True, type=click.IntRange(min=1), help="Countries and themes shown."
)
@output_option
@shared_options
@click.pass_context
def activity_command(ctx: click.Context, fmt: str, top: int, output: Path | None) -> None:
    """Reports a year by origin, and the beneficiary countries and themes they name most.

    \b
    Countries are the names table's Members and observers, themes the phrases of
    ipcw/data/themes.tsv, each counted once a report (see the README, "Article 67 activity").
    \b
    Example:
      ipcw report activity --top 10
    """
    from ipcw.report import REPORT_FILTERS, activity, write_activity
    from ipcw.search import open_searcher

    with open_searcher(settings_for(ctx)) as searcher:
        found = activity(searcher.documents(REPORT_FILTERS), lambda doc: searcher.text_of(doc))
    with output_to(output) as out:
        write_activity(found, fmt, out, top)
