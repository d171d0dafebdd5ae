"""The commands that read the index: ``search`` and ``show``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from ipcw.cli.app import (
    DATE,
    choice_option,
    cli,
    format_option,
    output_option,
    settings_for,
    shared_options,
    values_option,
)
from ipcw.config import parse_languages
from ipcw.files import output_to
from ipcw.models import GROUPS, LANGUAGES, SORTS, Kind, Origin, Topic
from ipcw.output import json_format, records, table, write_rows

if TYPE_CHECKING:
    from ipcw.search import SearchResult

F = TypeVar("F", bound=Callable[..., Any])


def filter_options(func: F) -> F:
    """The options that filter documents (origin, submitter, year, dates, languages, symbols,
    topic, kind), as ``search`` and ``alert add`` take them."""
    for option in reversed(_FILTERS):
        func = option(func)
    return func


_FILTERS = (
    values_option("--origin", "origins", Origin, "Only documents from Members, IGOs or the Secretariat"),
    click.option(
        "--submitter",
        "submitters",
        multiple=True,
        metavar="NAME",
        help="Only documents submitted by NAME, in any language or form: Japan, japon, EC (repeatable).",
    ),
    click.option("--year", type=int, help="Only documents issued in YEAR."),
    click.option("--from", "date_from", type=DATE, help="Issued on or after DATE (YYYY-MM-DD)."),
    click.option("--to", "date_to", type=DATE, help="Issued on or before DATE."),
    click.option(
        "--lang", "languages", metavar="LANGS", help="en, fr, es (comma-separated) or all [default all]."
    ),
    click.option(
        "--symbol",
        "symbols",
        multiple=True,
        metavar="PATTERN",
        help="Only symbols matching PATTERN, e.g. IP/C/W/64* (repeatable).",
    ),
    values_option("--topic", "topics", Topic, "Only this topic"),
    values_option("--kind", "kinds", Kind, "Only communications (reports, notes), minutes or statements"),
)


@cli.command()
@click.argument("query")
@filter_options
@click.option(
    "--limit", default=10, show_default=True, type=click.IntRange(min=0), help="Hits to show (0: all)."
)
@click.option("--all", "every", is_flag=True, help="Every hit, written as it is read (as --limit 0).")
@click.option("--facets", "with_facets", is_flag=True, help="Count every hit by origin, submitter, year, ...")
@click.option(
    "--group", type=click.Choice(GROUPS), help="Each family once: its best document, the rest under it."
)
@output_option
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
    every: bool,
    with_facets: bool,
    group: str | None,
    output: Path | None,
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
    from ipcw.search import Filters, open_searcher

    parse_query(query)  # a malformed query is refused before the index is opened
    if with_facets and fmt in ("csv", "jsonl"):
        raise click.UsageError(f"--facets is written in the table and JSON formats, not {fmt.upper()}")
    chosen = Filters(languages=parse_languages(languages) if languages else (), **filters)
    with open_searcher(settings_for(ctx)) as searcher, output_to(output) as out:
        every_hit = None if every or limit == 0 else limit
        found = searcher.search(query, chosen, every_hit, sort, with_facets, by_family=group == "family")
        _write(found, fmt, out)


def _write(result: SearchResult, fmt: str, out: TextIO) -> None:
    """A search's notices on stderr, then its hits (and facets) in ``fmt``, one at a time."""
    for notice in result.notices():
        click.echo(f"ipcw: {notice}", err=True)
    if fmt == "table":
        out.write(
            table.hits_table(result.hits, result.total, color=out.isatty(), families=result.families) + "\n"
        )
        if result.facets is not None:
            out.write("\n" + table.facets_block(result.facets, result.total) + "\n")
    elif result.facets is not None:  # JSON: the facets beside the hits
        out.write(json_format.to_json(records.search_output(result)) + "\n")
    else:
        fields = (*records.HIT_FIELDS, "family") if result.families is not None else records.HIT_FIELDS
        write_rows(records.search_rows(result), fmt, fields, out)


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
    from ipcw.search import open_searcher

    settings = settings_for(ctx)
    with open_searcher(settings) as searcher:
        docs = [hit.document for hit in searcher.lookup(symbol, lang, with_text)]
    if not docs:
        raise why_not_indexed(settings, symbol, lang)
    if fmt == "table":
        click.echo("".join(table.document_sheet(doc, with_text) for doc in docs), nl=False)
        return
    rows = (records.document_row(doc, with_text) for doc in docs)
    fields = (*records.DOCUMENT_FIELDS, "text") if with_text else records.DOCUMENT_FIELDS
    write_rows(rows, fmt, fields, sys.stdout)


@cli.command()
@click.argument("symbol")
@click.option(
    "--lang", type=click.Choice(LANGUAGES), help="Compare this language's copy [default: the first held]."
)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Documents to show.")
@format_option
@output_option
@shared_options
@click.pass_context
def similar(
    ctx: click.Context, symbol: str, lang: str | None, limit: int, fmt: str, output: Path | None
) -> None:
    """The documents most like one document: those sharing the words that set its text apart.

    \b
    Example:
      ipcw similar IP/C/W/669 --limit 5
    """
    from ipcw.pipeline import why_not_indexed
    from ipcw.search import open_searcher

    settings = settings_for(ctx)
    with open_searcher(settings) as searcher:
        result = searcher.similar(symbol, lang, limit=limit)
    if result.missing:
        raise why_not_indexed(settings, symbol, lang)
    with output_to(output) as out:
        _write(result, fmt, out)
