"""``ipcw alert``: saved searches that say what is new, for after the nightly crawl."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ipcw.cli.app import cli, format_option, settings_for, shared_options
from ipcw.cli.search import filter_options
from ipcw.config import parse_languages
from ipcw.output import json_format, records, table, write_rows

if TYPE_CHECKING:
    from ipcw.alerts import AlertRun


@cli.group()
def alert() -> None:
    """Saved searches that show only what is new since they last ran.

    \b
    Example (after the nightly crawl, cron mails what it prints: only what is new):
      ipcw alert add waiver "waiver or covid-19" --lang en
      ipcw alert run
    """


@alert.command("add")
@click.argument("name")
@click.argument("query")
@filter_options
@shared_options
@click.pass_context
def add(ctx: click.Context, /, name: str, query: str, languages: str | None, **filters: Any) -> None:
    """Save QUERY (and its filters) as NAME; what it matches now counts as seen."""
    from ipcw.alerts import add_alert

    chosen = {**filters, "languages": parse_languages(languages) if languages else ()}
    saved = add_alert(settings_for(ctx, log_file=True), name, query, chosen)
    click.echo(
        f"alert {saved.name}: {len(saved.seen)} documents match now; `ipcw alert run` shows what is new"
    )


@alert.command("list")
@format_option
@shared_options
@click.pass_context
def list_alerts(ctx: click.Context, fmt: str) -> None:
    """The saved alerts: name, query, filters, when each last ran, how many documents it has seen."""
    from ipcw.alerts import load_alerts

    rows = [records.alert_row(a) for a in load_alerts(settings_for(ctx)).values()]
    if fmt == "table":
        click.echo(table.alerts_table(rows))
    else:
        write_rows(rows, fmt, records.ALERT_FIELDS, sys.stdout)


@alert.command("remove")
@click.argument("name")
@shared_options
@click.pass_context
def remove(ctx: click.Context, name: str) -> None:
    """Delete the alert NAME."""
    from ipcw.alerts import remove_alert

    click.echo(f"removed alert {remove_alert(settings_for(ctx, log_file=True), name).name}")


@alert.command("run")
@click.argument("name", required=False)
@format_option
@shared_options
@click.pass_context
def run(ctx: click.Context, name: str | None, fmt: str) -> None:
    """Show what each alert (or NAME) matches that is new or changed since it last ran, then
    record it as seen. Prints nothing when nothing is new."""
    from ipcw.alerts import run_alerts

    run_alerts(settings_for(ctx, log_file=True), name, deliver=lambda runs: _print_runs(runs, fmt))


def _print_runs(runs: list[AlertRun], fmt: str) -> None:
    """The alerts' new hits in ``fmt``; nothing at all when none is new (cron mails nothing)."""
    runs = [found for found in runs if found.hits]
    if not runs:
        return
    if fmt == "table":
        for found in runs:
            click.echo(f"alert {found.alert.name}: {len(found.hits)} new ({found.alert.query})")
            click.echo(table.hits_table(found.hits, len(found.hits)) + "\n")
    elif fmt == "json":
        click.echo(json_format.to_json([records.alert_run_object(found) for found in runs]))
    else:
        rows = (row for found in runs for row in records.alert_run_rows(found))
        write_rows(rows, fmt, ("alert", *records.HIT_FIELDS), sys.stdout)
    sys.stdout.flush()
