"""``ipcw bench``: the benchmark of issue 11 (see :mod:`ipcw.bench`)."""

from __future__ import annotations

from pathlib import Path

import click

from ipcw.cli.app import cli, shared_options

#: Where corpora and indexes go unless --work-dir says.
WORK_DIR = Path("~/.cache/ipcw/bench")


@cli.command()
@click.option("--sizes", default="fixtures,2000,20000", show_default=True, help="Corpus sizes, in order.")
@click.option("--work-dir", type=click.Path(path_type=Path), default=WORK_DIR, show_default=True)
@click.option(
    "--json",
    "json_file",
    type=click.Path(path_type=Path),
    default=Path("ipcw-bench.json"),
    show_default=True,
    help="Where the full results go.",
)
@click.option("--tantivy/--no-tantivy", default=True, show_default=True, help="Run the tantivy reference.")
@click.option(
    "--extraction/--no-extraction", default=True, show_default=True, help="Time both PDF extractors too."
)
@click.option(
    "--repeat", type=click.IntRange(1, 100), default=5, show_default=True, help="Timed runs a query."
)
@click.option(
    "--postgres",
    metavar="URL",
    default="",
    help="Measure the PostgreSQL engine too, in the database at URL, which the benchmark empties "
    "of ipcw's tables and fills at each size (postgresql://...; ipcw[postgres]).",
)
@shared_options
def bench(
    sizes: str, work_dir: Path, json_file: Path, tantivy: bool, extraction: bool, repeat: int, postgres: str
) -> None:
    """Measure build, search and start-up at several corpus sizes, beside tantivy (and PostgreSQL).

    \b
    Examples (about 15 minutes on 2 cores; corpora are kept in --work-dir for the next run):
      ipcw bench --sizes fixtures,2000,20000 --json bench.json
      ipcw bench --postgres postgresql://bench@127.0.0.1/ipcw_bench   # a database of its own
    """
    from ipcw.bench.report import table, write_json
    from ipcw.bench.run import measure_extraction, run_benchmark

    def say(line: str) -> None:
        click.echo(f"ipcw bench: {line}", err=True)

    chosen = [size.strip() for size in sizes.split(",") if size.strip()]
    results = run_benchmark(work_dir.expanduser(), chosen, tantivy, repeat, say, postgres)
    extracted = measure_extraction(say) if extraction else None
    write_json(json_file, results, extracted)
    click.echo(table(results, extracted), nl=False)
    say(f"results written to {json_file}")
