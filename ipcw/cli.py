"""The ``ipcw`` command: a thin layer over the library. Each command parses its options, calls
one library function and formats what comes back; errors become one line on stderr."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ipcw import __version__
from ipcw.config import Settings, load_settings, parse_languages
from ipcw.errors import ConfigError, IpcwError
from ipcw.models import FORMATS, LANGUAGES, SORTS, Kind, Origin, Status, Topic
from ipcw.symbols import SERIES

F = TypeVar("F", bound=Callable[..., Any])
#: Exit code of a crawl that finished with some downloads failed or some PDFs unreadable.
PARTIAL_FAILURE = 5

log = logging.getLogger("ipcw")


def _load_settings(ctx: click.Context, **overrides: Any) -> Settings:
    """The command's settings: flags over environment over config file."""
    return load_settings({"data_dir": ctx.ensure_object(dict).get("data_dir"), **overrides})


def _settings(ctx: click.Context, log_file: bool = False, quiet: bool = False, **overrides: Any) -> Settings:
    """The command's settings, logging set up for it."""
    settings = _load_settings(ctx, **overrides)
    _configure_logging(ctx, settings, to_file=log_file, quiet=quiet)
    return settings


def _set_option(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    obj = ctx.ensure_object(dict)
    if param.name == "verbose":
        obj["verbose"] = obj.get("verbose", 0) + (value or 0)
    elif value is not None:
        obj[param.name] = value
    return value


def common(func: F) -> F:
    """The options every command takes, before or after its name."""
    func = click.option(
        "--data-dir",
        type=click.Path(path_type=Path, file_okay=False),
        expose_value=False,
        callback=_set_option,
        is_eager=True,
        help="Where the store and index live [env IPCW_DATA_DIR; default: the user data dir].",
    )(func)
    func = click.option(
        "-v",
        "--verbose",
        count=True,
        expose_value=False,
        callback=_set_option,
        is_eager=True,
        help="Say more (-vv: debug).",
    )(func)
    func = click.version_option(__version__, "--version", prog_name="ipcw")(func)
    return func


class DateParam(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click stubs
    """A date option: ``2019-10-01``, ``01/10/2019`` or a year (its first day)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y"):
            try:
                return datetime.strptime(str(value), fmt).date()
            except ValueError:
                continue
        self.fail(f"not a date: {value!r} (use YYYY-MM-DD)", param, ctx)


DATE = DateParam()


def _emit(text: str) -> None:
    click.echo(text)


class Failure(click.ClickException):
    """An :class:`IpcwError` on its way out: one line on stderr, the error's exit code."""

    def __init__(self, error: IpcwError) -> None:
        super().__init__(str(error))
        # click types exit_code as a class variable, yet its own exceptions set it per instance.
        self.exit_code = error.exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        click.echo(f"ipcw: error: {self.format_message()}", err=True)


class BadUsage(click.UsageError):
    """A usage error in one line: what is wrong, and where the help is."""

    def show(self, file: Any = None) -> None:
        where = self.ctx.command_path if self.ctx else "ipcw"
        click.echo(f"ipcw: error: {self.format_message()} (see '{where} --help')", err=True)


#: click's "no arguments: show the help" is a usage error too; it stays as click shows it.
_HELP_SCREENS: tuple[type[Exception], ...] = tuple(
    t for t in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if t is not None
)


def _in_one_line(exc: click.UsageError) -> NoReturn:
    """Raise ``exc`` again as one line (a help screen stays as click shows it)."""
    if isinstance(exc, (BadUsage, *_HELP_SCREENS)):
        raise exc
    raise BadUsage(exc.format_message(), exc.ctx) from exc


class Group(click.Group):
    """The command group: turns library errors, usage errors and interrupts into one line on stderr
    and an exit code."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            _in_one_line(exc)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            _in_one_line(exc)
        except IpcwError as exc:
            raise Failure(exc) from exc
        except KeyboardInterrupt:
            click.echo("ipcw: interrupted", err=True)
            raise SystemExit(130) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@common
def cli() -> None:
    """Harvest, tag and search the WTO TRIPS Council's IP/C/W documents.

    \b
    Example:
      ipcw crawl --source fixtures
      ipcw search "technical cooperation and member"
    """


# -- crawl ----------------------------------------------------------------------------------------
@cli.command()
@click.option(
    "--source",
    type=click.Choice(["site", "fixtures"]),
    default="site",
    show_default=True,
    help="Crawl Documents Online, or the bundled replay of it.",
)
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
    help="Symbol or prefix to crawl, such as IP/C/W/64* (repeatable) [default IP/C/W/*].",
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
@click.option(
    "--route",
    type=click.Choice(["auto", "xml", "html"]),
    default="auto",
    show_default=True,
    help="Listing route: XML endpoint, HTML result pages, or XML falling back to HTML.",
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
@common
@click.pass_context
def crawl(
    ctx: click.Context,
    source: str,
    base_url: str | None,
    contact: str | None,
    symbols: tuple[str, ...],
    series: tuple[str, ...],
    keywords: str | None,
    languages: str | None,
    since: date | None,
    until: date | None,
    max_docs: int | None,
    delay: float | None,
    route: str,
    revalidate: bool,
    retry_failed: bool,
    dry_run: bool,
    no_index: bool,
    quiet: bool,
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
    from ipcw.pipeline import FIXTURE_BASE_URL, fixture_transport, require_contact, run_crawl
    from ipcw.symbols import canonical_pattern

    # Bad input is refused before anything is written or requested.
    first, last = since, until
    if keywords is not None:
        from ipcw.query import parse_query

        parse_query(keywords)
    patterns = tuple(symbols) + tuple(SERIES[name] for name in series) or ("IP/C/W/*",)
    for pattern in patterns:
        canonical_pattern(pattern)
    fixtures = source == "fixtures"
    settings = _load_settings(
        ctx,
        base_url=FIXTURE_BASE_URL if fixtures else base_url,
        contact=contact,
        delay=0.0 if fixtures and delay is None else delay,
        languages=languages,
    )
    if not fixtures:
        require_contact(settings)
    _configure_logging(ctx, settings, to_file=not dry_run, quiet=quiet)
    plan = CrawlPlan(
        patterns=patterns,
        languages=settings.languages,
        keywords=keywords,
        since=first,
        until=last,
        max_docs=max_docs,
        dry_run=dry_run,
        route=route,
        revalidate=revalidate,
        retry_failed=retry_failed,
    )
    progress = None if quiet or not sys.stderr.isatty() else _progress_line
    report, indexed = run_crawl(
        settings, plan, fixture_transport() if fixtures else None, index=not no_index, progress=progress
    )
    if progress:
        click.echo("\r\x1b[K", err=True, nl=False)
    for symbol, lang, url in report.would_fetch:
        _emit(f"would fetch {symbol} [{lang}] {url}")
    for failure in report.failures:
        click.echo(f"ipcw: failed: {failure}", err=True)
    line = report.summary()
    if indexed is not None:
        line += f"; indexed {indexed.indexed}"
        if indexed.unreadable:
            line += f", unreadable {len(indexed.unreadable)}"
            for problem in indexed.unreadable:
                click.echo(f"ipcw: unreadable: {problem}", err=True)
    log.info("crawl: %s", line)
    if not quiet:
        _emit(line)
    if report.listing_error is not None:
        raise report.listing_error  # after the summary: what was fetched is stored and indexed
    if report.failed or (indexed and indexed.unreadable):
        ctx.exit(PARTIAL_FAILURE)


def _progress_line(done: int, total: int, label: str) -> None:
    """A progress bar on one terminal line, rewritten in place: ``[######    ]  12/140 IP/C/W/647 [en]``.

    ``total`` is what the listing announced (an upper bound: stored files are not fetched again).
    """
    width = 24
    filled = min(width, width * done // total) if total else 0
    counts = f"{done:>{len(str(total))}}/{total}" if total else str(done)
    click.echo(f"\r\x1b[K[{'#' * filled}{' ' * (width - filled)}] {counts} {label}", err=True, nl=False)


def _configure_logging(ctx: click.Context, settings: Settings, to_file: bool, quiet: bool = False) -> None:
    """Logging is configured here only: stderr by verbosity (``--quiet``: errors only) and, for the
    commands that write, ``DATA_DIR/logs/ipcw.log`` at INFO (rotated at 1 MB, 5 kept)."""
    from logging.handlers import RotatingFileHandler

    verbosity = ctx.ensure_object(dict).get("verbose", 0)
    stderr = logging.StreamHandler()
    stderr.setLevel(
        logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    )
    stderr.setFormatter(logging.Formatter("ipcw: %(levelname)s: %(message)s"))
    handlers: list[logging.Handler] = [stderr]
    if to_file:
        try:
            (settings.data_dir / "logs").mkdir(parents=True, exist_ok=True)
            file = RotatingFileHandler(
                settings.data_dir / "logs" / "ipcw.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError as exc:
            raise ConfigError(f"cannot write the log in {settings.data_dir / 'logs'}: {exc}") from exc
        file.setLevel(logging.INFO)
        file.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
        handlers.append(file)
    logging.basicConfig(level=min(h.level for h in handlers), handlers=handlers, force=True)


# -- index / import -------------------------------------------------------------------------------
@cli.command()
@click.option("--rebuild", is_flag=True, help="Build the index anew, beside the old one, then swap.")
@click.option(
    "--retry-failed", is_flag=True, help="Try again the documents that failed max_failures runs in a row."
)
@common
@click.pass_context
def index(ctx: click.Context, rebuild: bool, retry_failed: bool) -> None:
    """Index what the store holds and the index lacks; --rebuild builds the whole index anew.

    \b
    Example:
      ipcw index --rebuild
    """
    from ipcw.pipeline import index_store

    report = index_store(_settings(ctx, log_file=True), rebuild=rebuild, retry_failed=retry_failed)
    for problem in report.unreadable:
        click.echo(f"unreadable: {problem}", err=True)
    _emit(f"indexed {report.indexed} documents")
    if report.unreadable:
        ctx.exit(PARTIAL_FAILURE)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@common
@click.pass_context
def import_(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Add PDFs you downloaded yourself (files or folders); they are tagged from their own text.

    \b
    Example:
      ipcw import ~/Downloads/W640A3.pdf ~/Downloads/trips/
    """
    from ipcw.pipeline import import_files

    report = import_files(_settings(ctx, log_file=True), paths)
    for doc in report.imported:
        if doc.key in report.replaced:
            _emit(f"replaced {doc.symbol} [{doc.language}]: the store held another file for it")
        else:
            _emit(f"imported {doc.symbol} [{doc.language}]")
    for doc in report.unchanged:
        _emit(f"unchanged {doc.symbol} [{doc.language}]: the store holds this file already")
    for problem in report.rejected:
        click.echo(f"ipcw: error: {problem}", err=True)
    if report.rejected or not (report.imported or report.unchanged):
        if not report.rejected:
            click.echo("ipcw: error: no PDF files found", err=True)
        ctx.exit(1)


@cli.command("check")
@click.option("--repair", is_flag=True, help="Repair what can be repaired, and say what was done.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@common
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

    report = check(_settings(ctx, log_file=repair), repair=repair)
    if fmt == "json":
        rows = [dataclasses.asdict(p) for p in report.problems]
        failed = [{"symbol": e.symbol, "lang": e.language, "reason": e.reason} for e in report.failed]
        _emit(json.dumps({"summary": report.summary(), "problems": rows, "failed": failed}, indent=2))
    else:
        for problem in report.problems:
            done = f" -> {problem.repair}" if problem.repair else ""
            _emit(f"{problem.kind}: {problem.what}: {problem.detail}{done}")
        for entry in report.failed:
            _emit(f"failed: {entry.key}: {entry.reason}")
        _emit(report.summary())
    if report.unrepaired:
        ctx.exit(PARTIAL_FAILURE)


# -- search / show / list -------------------------------------------------------------------------
@cli.command()
@click.argument("query")
@click.option(
    "--origin",
    "origins",
    multiple=True,
    type=click.Choice([o.value for o in Origin]),
    help="Only documents from Members, IGOs or the Secretariat (repeatable).",
)
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
    "symbol_patterns",
    multiple=True,
    metavar="PATTERN",
    help="Only symbols matching PATTERN, e.g. IP/C/W/64* (repeatable).",
)
@click.option(
    "--topic",
    "topics",
    multiple=True,
    type=click.Choice([t.value for t in Topic]),
    help="Only this topic (repeatable).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([k.value for k in Kind]),
    help="Only communications (reports, notes), minutes or statements (repeatable).",
)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Hits to show.")
@click.option("--sort", type=click.Choice(SORTS), default=SORTS[0], show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=FORMATS[0], show_default=True)
@common
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    origins: tuple[str, ...],
    submitters: tuple[str, ...],
    year: int | None,
    date_from: date | None,
    date_to: date | None,
    languages: str | None,
    symbol_patterns: tuple[str, ...],
    topics: tuple[str, ...],
    kinds: tuple[str, ...],
    limit: int,
    sort: str,
    fmt: str,
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
    from ipcw.search import Filters, Searcher, to_csv, to_json, to_table

    filters = Filters(
        origins=origins,
        submitters=submitters,
        year=year,
        date_from=date_from,
        date_to=date_to,
        languages=parse_languages(languages) if languages else (),
        symbols=symbol_patterns,
        topics=topics,
        kinds=kinds,
    )
    with Searcher(_settings(ctx).index_dir) as searcher:
        result = searcher.search(query, filters, limit=limit, sort=sort)
    for notice in result.notices():
        click.echo(f"ipcw: {notice}", err=True)
    if fmt == "json":
        _emit(to_json(result.hits))
    elif fmt == "csv":
        click.echo(to_csv(result.hits), nl=False)
    else:
        _emit(to_table(result.hits, result.total, color=sys.stdout.isatty()))


@cli.command()
@click.argument("symbol")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Only this language.")
@click.option("--text", "with_text", is_flag=True, help="Print the extracted text too.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@common
@click.pass_context
def show(ctx: click.Context, symbol: str, lang: str | None, with_text: bool, fmt: str) -> None:
    """Show what the index holds of one document: metadata and, with --text, its text.

    \b
    Example:
      ipcw show IP/C/W/647/Add.3 --lang en --text
    """
    from ipcw.search import Searcher, hit_to_dict, symbol_parts

    settings = _settings(ctx)
    with Searcher(settings.index_dir) as searcher:
        found = searcher.lookup(symbol, lang)
    if not found:
        raise IpcwError(_not_indexed(settings, symbol, lang))
    if fmt == "json":
        objects = []
        for hit, text in found:
            obj = hit_to_dict(hit)
            del obj["score"], obj["snippet"]
            if with_text:
                obj["text"] = text
            objects.append(obj)
        _emit(json.dumps(objects, ensure_ascii=False, indent=2))
        return
    for hit, text in found:
        parts = symbol_parts(hit.symbol)
        rows = [
            ("symbol", hit.symbol),
            ("language", hit.language),
            ("date", hit.date.isoformat() if hit.date else "?"),
            ("origin", hit.origin.value if hit.origin else "?"),
            ("submitters", "; ".join(_marked(name, hit.date) for name in hit.submitters)),
            ("speakers", "; ".join(_marked(name, hit.date) for name in hit.speakers)),
            ("title", hit.title),
            ("kind", hit.kind.value),
            ("topic", hit.topic.value),
            ("pages", str(hit.pages or "?")),
            ("doc number", hit.doc_number),
            ("other symbols", ", ".join(s for s in hit.symbols if s != hit.symbol)),
            ("base document", parts["base"] if parts["suffixes"] else ""),
            ("suffixes", " / ".join(parts["suffixes"])),
            ("file", hit.path),
        ]
        _emit("\n".join(f"{k:<14}{v}" for k, v in rows if v))
        if with_text:
            _emit("\n" + text.strip())
        _emit("")


def _marked(name: str, day: date | None) -> str:
    """A name as ``show`` prints it: with the name it went by on ``day`` when that was another
    ("European Union (then European Communities)"), marked when the names table does not know it."""
    from ipcw.names import names_table

    known = names_table().resolve(name)
    if known is None:
        return f"{name} (unrecognised name)"
    then = known.name_on(day) if day else known.name
    return name if then == known.name else f"{name} (then {then})"


def _not_indexed(settings: Settings, symbol: str, lang: str | None) -> str:
    """Why a symbol is not in the index: restricted or failed in the store, or never harvested."""
    from ipcw.harvester import Store
    from ipcw.models import LANGUAGES
    from ipcw.symbols import canonical_pattern

    wanted = canonical_pattern(symbol)
    if Store.exists(settings.data_dir):
        with Store(settings.data_dir) as store:
            found = (store.get(wanted, language) for language in ([lang] if lang else LANGUAGES))
            held = [entry for entry in found if entry is not None]
        if held:
            return "; ".join(f"{e.symbol} [{e.language}] is {e.status.value}: {e.reason}" for e in held)
    return f"no document {symbol}{f' [{lang}]' if lang else ''} in the index"


@cli.command("list")
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only this status.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@common
@click.pass_context
def list_(ctx: click.Context, status: str | None, fmt: str) -> None:
    """List what the store holds: symbol, language, status, path, sha256, fetched-at.

    \b
    Example:
      ipcw list --status failed
    """
    from ipcw.harvester import Store

    settings = _settings(ctx)
    held = 0
    if not Store.exists(settings.data_dir):
        entries = []  # nothing harvested here yet; do not create the directory just to say so
    else:
        with Store(settings.data_dir) as store:
            every = store.entries()
        held = len(every)
        entries = [e for e in every if status is None or e.status.value == status]
    rows: list[dict[str, Any]] = [
        {
            "symbol": e.symbol,
            "lang": e.language,
            "status": e.status.value,
            "reason": e.reason,
            "path": str(e.path) if e.path else "",
            "sha256": e.sha256,
            "fetched_at": e.fetched_at.isoformat() if e.fetched_at else None,
            "url": e.url,
        }
        for e in entries
    ]
    if fmt == "json":
        _emit(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows and held:
        _emit(f"No {status} documents among the {held} the store holds.")
        return
    if not rows:
        _emit("The store is empty: run `ipcw crawl` (or `ipcw crawl --source fixtures`).")
        return
    width = max(len(r["symbol"]) for r in rows)
    _emit(f"{'SYMBOL':<{width}}  LANG  STATUS      FETCHED              SHA256        PATH")
    for r in rows:
        plain = not r["reason"] or r["status"] == Status.RESTRICTED  # restricted says why itself
        status_text = r["status"] if plain else f"{r['status']}: {r['reason']}"
        _emit(
            f"{r['symbol']:<{width}}  {r['lang']:<4}  {status_text:<10}  {(r['fetched_at'] or '')[:19]:<19}  "
            f"{r['sha256'][:12]:<12}  {r['path']}"
        )


def main() -> None:
    """Entry point of the ``ipcw`` console script."""
    cli(prog_name="ipcw")
