"""``ipcw serve``: the local search page (see :mod:`ipcw.web`)."""

from __future__ import annotations

import click

from ipcw.cli.app import cli, settings_for, shared_options
from ipcw.config import is_loopback_host


@cli.command()
@click.option(
    "--host", help="Listen on HOST [default 127.0.0.1]; another than this machine only when given here."
)
@click.option("--port", type=click.IntRange(0, 65535), help="Listen on PORT [default 8067; 0: any free one].")
@shared_options
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """A local web page: search with filters and facets, documents, the Article 67 coverage.

    \b
    Serves this machine only (127.0.0.1) unless --host says otherwise; Ctrl-C stops it.
    \b
    Example:
      ipcw serve --port 8067
    """
    from ipcw.web.serve import listening_address, serve

    settings = settings_for(ctx)
    chosen, chosen_port = listening_address(settings, host, port)
    if not is_loopback_host(chosen):
        click.echo(f"ipcw: serving {settings.data_dir} to the network on {chosen}", err=True)
    serve(
        settings,
        chosen,
        chosen_port,
        lambda url: click.echo(f"ipcw: serving on {url} (Ctrl-C stops)", err=True),
    )
