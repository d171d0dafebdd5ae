"""The commands that read the index: ``search`` and ``show``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ipcw.cli.app import DATE, choice_option, cli, format_option, settings_for, shared_options, values_option
from ipcw.config import parse_languages
from ipcw.models import LANGUAGES, SORTS, Kind, Origin, Topic
from ipcw.output import csv_format, json_format, records, table

if TYPE_CHECKING:
    from ipcw.search import SearchResult


@cli.command()
@click.argument("query")
@values_option("--origin", "origins", Origin, "Only documents from Members, IGOs or the Secretariat")
@click.option(
    "--submitter",
    "submitters",
    multiple=True,
    metavar="NAME",
    help="Only documents submitted by NAME, in any language or form: Japan, japon, EC, WIPO (repeatable).",
)
@click.option("--year", type=int, help="Only documents issued in YEAR.")
@click.option("--from", "date_from", type=DATE, help="Issued on or after DATE (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, help="Issued on or before DATE.")
@click.option(
    "--lang", "languages", metavar="LANGS", help="en, fr, es (comma-separated) or all [default all]."
)
@click.option(
    "--symbol",
    "symbols",
    multiple=True,
    metavar="PATTERN",
    help="Only symbols matching PATTERN, e.g. IP/C/W/64* (repeatable).",
)
@values_option("--topic", "topics", Topic, "Only this topic")
@values_option("--kind", "kinds", Kind, "Only communications (reports, notes), minutes or statements")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Hits to show.")
@click.option("--facets", "with_facets", is_flag=True, help="Count every hit by origin, submitter, year, ...")
@choice_option("--sort", SORTS)
@format_option
@shared_options
@click.pass_context
def search(
    ctx: click.Context,
    /,
    query: str,
    languages: str | None,
    limit: int,
    sort: str,
    fmt: str,
    with_facets: bool,
    **filters: Any,
) -> None:
    """Search the index with the query language of Documents Online.

    \b
    Words are joined by and/or/not in any case ("a b" means "a and b"); "quoted phrases";
    word* for prefixes; a symbol such as IP/C/W/647 finds that document and its family first.
    \b
    Examples:
      ipcw search "technical cooperation and member"
      ipcw search '"geographical indications" or "plant varieties"' --origin igo --from 2010-01-01
      ipcw search IP/C/W/647 --format json
    """
    from ipcw.query import parse_query
    from ipcw.search import Filters, Searcher

    parse_query(query)  # a malformed query is refused before the index is opened
    if with_facets and fmt == "csv":
        raise click.UsageError("--facets is written in the table and JSON formats, not CSV")
    chosen = Filters(languages=parse_languages(languages) if languages else (), **filters)
    with Searcher(settings_for(ctx).data.index) as searcher:
        result = searcher.search(query, chosen, limit=limit, sort=sort, facets=with_facets)
    _write(result, fmt)


def _write(result: SearchResult, fmt: str) -> None:
    """A search's notices on stderr, then its hits (and facets) in ``fmt``."""
    for notice in result.notices():
        click.echo(f"ipcw: {notice}", err=True)
    if fmt == "json":
        click.echo(json_format.to_json(records.search_output(result)))
    elif fmt == "csv":
        click.echo(csv_format.to_csv(map(records.hit_row, result.hits), records.HIT_FIELDS), nl=False)
    else:
        click.echo(table.hits_table(result.hits, result.total, color=sys.stdout.isatty()))
        if result.facets is not None:
            click.echo("\n" + table.facets_block(result.facets, result.total))


@cli.command()
@click.argument("symbol")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Only this language.")
@click.option("--text", "with_text", is_flag=True, help="Print the extracted text too.")
@format_option
@shared_options
@click.pass_context
def show(ctx: click.Context, symbol: str, lang: str | None, with_text: bool, fmt: str) -> None:
    """Show what the index holds of one document: metadata and, with --text, its text.

    \b
    Example:
      ipcw show IP/C/W/647/Add.3 --lang en --text
    """
    from ipcw.pipeline import why_not_indexed
    from ipcw.search import Searcher

    settings = settings_for(ctx)
    with Searcher(settings.data.index) as searcher:
        docs = [hit.document for hit in searcher.lookup(symbol, lang)]
    if not docs:
        raise why_not_indexed(settings, symbol, lang)
    if fmt == "json":
        click.echo(json_format.to_json([records.document_row(doc, with_text) for doc in docs]))
    elif fmt == "csv":
        rows = (records.document_row(doc, with_text) for doc in docs)
        fields = (*records.DOCUMENT_FIELDS, "text") if with_text else records.DOCUMENT_FIELDS
        click.echo(csv_format.to_csv(rows, fields), nl=False)
    else:
        click.echo("".join(table.document_sheet(doc, with_text) for doc in docs), nl=False)


@cli.command()
@click.argument("symbol")
@click.option(
    "--lang", type=click.Choice(LANGUAGES), help="Compare this language's copy [default: the first held]."
)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Documents to show.")
@format_option
@shared_options
@click.pass_context
def similar(ctx: click.Context, symbol: str, lang: str | None, limit: int, fmt: str) -> None:
    """The documents most like one document: those sharing the words that set its text apart.

    \b
    Example:
      ipcw similar IP/C/W/669 --limit 5
    """
    from ipcw.pipeline import why_not_indexed
    from ipcw.search import Searcher

    settings = settings_for(ctx)
    with Searcher(settings.data.index) as searcher:
        result = searcher.similar(symbol, lang, limit=limit)
    if result.missing:
        raise why_not_indexed(settings, symbol, lang)
    _write(result, fmt)
