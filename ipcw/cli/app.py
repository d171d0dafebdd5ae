"""The ``ipcw`` command group and what its commands share: the options every command takes, the
DATE and FORMAT parameters, settings and logging, and errors turned into one line on stderr."""

from __future__ import annotations

import enum
import importlib
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ipcw import __version__
from ipcw.config import Settings, load_settings
from ipcw.errors import ConfigError, InterruptedRunError, IpcwError
from ipcw.models import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Keep a shared option's value on the context, whether given before the command or after it."""
    obj = ctx.ensure_object(dict)
    if param.name == "verbose":
        obj["verbose"] = obj.get("verbose", 0) + (value or 0)
    elif value is not None:
        obj[param.name] = value
    return value


def shared_options(func: F) -> F:
    """The options every command takes, before or after its name: --data-dir, --index-url, -v,
    --version."""
    func = click.option(
        "--data-dir",
        type=click.Path(path_type=Path, file_okay=False),
        expose_value=False,
        callback=_remember,
        is_eager=True,
        help="Where the store and index live [env IPCW_DATA_DIR; default: the user data dir].",
    )(func)
    func = click.option(
        "--index-url",
        metavar="URL",
        expose_value=False,
        callback=_remember,
        is_eager=True,
        help="Search (and write) a team's PostgreSQL index at URL, postgresql://user@host/database, "
        "instead of the data directory's [setting index_url, env IPCW_INDEX_URL].",
    )(func)
    func = click.option(
        "-v",
        "--verbose",
        count=True,
        expose_value=False,
        callback=_remember,
        is_eager=True,
        help="Say more (-vv: debug).",
    )(func)
    return click.version_option(__version__, "--version", prog_name="ipcw")(func)


def choice_option(
    flag: str, choices: Sequence[str], says: str | None = None, dest: str | None = None
) -> Callable[[F], F]:
    """An option taking one of ``choices`` (the constant that defines them), the first by default."""
    decls = (flag, dest) if dest else (flag,)
    return click.option(*decls, type=click.Choice(choices), default=choices[0], show_default=True, help=says)


def values_option(flag: str, dest: str, values: type[enum.Enum], says: str) -> Callable[[F], F]:
    """A repeatable option taking the values of the enum ``values``; ``says`` is its help."""
    choice = click.Choice([member.value for member in values])
    return click.option(flag, dest, multiple=True, type=choice, help=f"{says} (repeatable).")


#: --format: every format family of :mod:`ipcw.output`.
format_option = choice_option("--format", FORMATS, dest="fmt")
#: --output FILE: the output written to a file, whole or not at all.
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to FILE (whole, or not at all) instead of standard output.",
)


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


def load(ctx: click.Context, **overrides: Any) -> Settings:
    """The command's settings: flags over environment over config file."""
    shared = ctx.ensure_object(dict)
    return load_settings(
        {"data_dir": shared.get("data_dir"), "index_url": shared.get("index_url"), **overrides}
    )


def settings_for(
    ctx: click.Context, log_file: bool = False, quiet: bool = False, **overrides: Any
) -> Settings:
    """The command's settings, logging set up for it."""
    settings = load(ctx, **overrides)
    configure_logging(ctx, settings, to_file=log_file, quiet=quiet)
    return settings


def configure_logging(ctx: click.Context, settings: Settings, to_file: bool, quiet: bool = False) -> None:
    """Logging is configured here only: stderr by verbosity (``--quiet``: errors only) and, for the
    commands that write, the data directory's log file at INFO (rotated at 1 MB, 5 kept)."""
    verbosity = ctx.ensure_object(dict).get("verbose", 0)
    stderr = logging.StreamHandler()
    stderr.setLevel(
        logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    )
    stderr.setFormatter(logging.Formatter("ipcw: %(levelname)s: %(message)s"))
    handlers: list[logging.Handler] = [stderr]
    if to_file:
        from logging.handlers import RotatingFileHandler  # a run that logs to a file: not a search

        data = settings.data
        try:
            data.logs.mkdir(parents=True, exist_ok=True)
            file = RotatingFileHandler(data.log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write the log in {data.logs}: {exc}") from exc
        file.setLevel(logging.INFO)
        file.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
        handlers.append(file)
    logging.basicConfig(level=min(h.level for h in handlers), handlers=handlers, force=True)


class Failure(click.ClickException):
    """An :class:`IpcwError` on its way out: one line on stderr (none when its records were reported
    already), the error's exit code."""

    def __init__(self, error: IpcwError) -> None:
        super().__init__(str(error))
        self.error = error
        # click types exit_code as a class variable, yet its own exceptions set it per instance.
        self.exit_code = error.exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        if not self.error.reported:
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


#: The module of ``ipcw.cli`` each command is in, imported when the command is asked for: a
#: search does not import the crawler, nor the crawler the search.
COMMAND_MODULES = {
    "crawl": "crawl",
    "index": "store",
    "import": "store",
    "check": "store",
    "list": "store",
    "search": "search",
    "show": "search",
    "similar": "search",
    "alert": "alert",
    "bench": "bench",
    "report": "report",
    "serve": "serve",
}


class Group(click.Group):
    """The command group: turns library errors, usage errors and interrupts into one line on stderr
    and an exit code; imports a command's module when it is asked for (:data:`COMMAND_MODULES`)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(f"ipcw.cli.{COMMAND_MODULES[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(f"ipcw.cli.{module}")
        return super().list_commands(ctx)

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
            raise SystemExit(InterruptedRunError.exit_code) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@shared_options
def cli() -> None:
    """Harvest, tag and search the WTO TRIPS Council's IP/C/W documents.

    \b
    Example:
      ipcw crawl --source fixtures
      ipcw search "technical cooperation and member"
    """
