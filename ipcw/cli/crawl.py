"""``ipcw crawl``: list, download what is new or changed, index it."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from ipcw.cli.app import DATE, choice_option, cli, configure_logging, load, shared_options
from ipcw.errors import RunIncompleteError
from ipcw.models import ROUTES, SOURCES
from ipcw.output import table
from ipcw.symbols import DEFAULT_PATTERN, SERIES

if TYPE_CHECKING:
    from ipcw.harvester import CrawlReport
    from ipcw.pipeline import IndexReport

log = logging.getLogger("ipcw")


@cli.command()
@choice_option("--source", SOURCES, "Crawl Documents Online, or the bundled replay of it.")
@click.option("--base-url", help="Site root [env IPCW_BASE_URL; default https://docs.wto.org].")
@click.option(
    "--contact",
    metavar="URL",
    help="Web page or e-mail address that reaches you, sent in the User-Agent; needed to crawl "
    "the site [env IPCW_CONTACT].",
)
@click.option(
    "--symbol",
    "symbols",
    multiple=True,
    metavar="PATTERN",
    help=f"Symbol or prefix to crawl, such as IP/C/W/64* (repeatable) [default {DEFAULT_PATTERN}].",
)
@click.option(
    "--series",
    multiple=True,
    type=click.Choice(sorted(SERIES)),
    help="A series by name: ip-c-w (IP/C/W/*), ip-c-r-tc (IP/C/R/TC/*, since 2020).",
)
@click.option(
    "--keywords",
    metavar="QUERY",
    help="Keep records whose titles match, with the site's title-search logic: "
    '"technical cooperation and member".',
)
@click.option(
    "--lang", "languages", metavar="LANGS", help="en, fr, es (comma-separated) or all [default en]."
)
@click.option("--since", "--from", "since", type=DATE, help="Issued on or after DATE (YYYY-MM-DD).")
@click.option("--to", "until", type=DATE, help="Issued on or before DATE.")
@click.option("--max-docs", type=click.IntRange(min=0), help="Download at most N files.")
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    help="Seconds between requests [env IPCW_DELAY; default 1; 0 for fixtures].",
)
@choice_option(
    "--route", ROUTES, "Listing route: XML endpoint, HTML result pages, or XML falling back to HTML."
)
@click.option(
    "--revalidate",
    is_flag=True,
    help="Ask again for every stored file (conditional requests: unchanged files cost a 304).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Try again the records that failed max_failures runs in a row (left alone otherwise).",
)
@click.option("--dry-run", is_flag=True, help="List what would be downloaded; download nothing.")
@click.option("--no-index", is_flag=True, help="Store the PDFs but do not index them.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors (for cron).")
@shared_options
@click.pass_context
def crawl(
    ctx: click.Context,
    /,
    source: str,
    base_url: str | None,
    contact: str | None,
    symbols: tuple[str, ...],
    series: tuple[str, ...],
    languages: str | None,
    delay: float | None,
    no_index: bool,
    quiet: bool,
    **plan_options: Any,
) -> None:
    """List documents on Documents Online, download what is new or changed, then index it.

    \b
    Examples:
      ipcw crawl --source fixtures                 # the bundled replay, offline
      export IPCW_CONTACT=https://example.org/you  # how the site can reach you
      ipcw crawl --symbol "IP/C/W/64*" --lang all  # English, French and Spanish
      ipcw crawl --keywords "technical cooperation and member"
      ipcw crawl --series ip-c-w --series ip-c-r-tc --since 2020-01-01 --quiet   # for cron
    """
    from ipcw.harvester import CrawlPlan
    from ipcw.pipeline import run_crawl, source_settings, source_transport

    # Bad input is refused before anything is requested or written: the plan first, then settings.
    patterns = symbols + tuple(SERIES[name] for name in series) or (DEFAULT_PATTERN,)
    plan = CrawlPlan(patterns, **plan_options)
    overrides = source_settings(source, base_url=base_url, contact=contact, delay=delay)
    settings = load(ctx, **overrides, languages=languages)
    plan = replace(plan, languages=settings.languages)
    transport = source_transport(source, settings)
    configure_logging(ctx, settings, to_file=not plan.dry_run, quiet=quiet)
    progress = None if quiet or not sys.stderr.isatty() else _show_progress
    report, indexed = run_crawl(settings, plan, transport, index=not no_index, progress=progress)
    if progress:
        click.echo("\r\x1b[K", err=True, nl=False)
    _print_outcome(report, indexed, quiet)
    if report.listing_error is not None:
        raise report.listing_error  # after the summary: what was fetched is stored and indexed
    if report.failed or (indexed and indexed.unreadable):
        raise RunIncompleteError(table.crawl_summary(report, indexed))


def _print_outcome(report: CrawlReport, indexed: IndexReport | None, quiet: bool) -> None:
    """What a dry run would fetch, what failed (on stderr), and the summary line (logged too)."""
    if report.would_fetch:
        click.echo(table.would_fetch(report))
    for line in table.crawl_problems(report, indexed):
        click.echo(line, err=True)
    summary = table.crawl_summary(report, indexed)
    log.info("crawl: %s", summary)
    if not quiet:
        click.echo(summary)


def _show_progress(done: int, total: int, label: str) -> None:
    click.echo(table.progress_line(done, total, label), err=True, nl=False)
