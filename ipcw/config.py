"""Settings: one typed place, filled in order defaults < config file < environment < flags.

The config file is TOML (``IPCW_CONFIG``, else ``$XDG_CONFIG_HOME/ipcw/config.toml``), with the
same keys as :class:`Settings`; the environment uses ``IPCW_`` + the upper-case key
(``IPCW_DATA_DIR``, ``IPCW_BASE_URL``, ``IPCW_DELAY``...). Nothing below the CLI reads either: the
settings are passed in.
"""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import math
import os
import re
import sys
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ipcw import __version__
from ipcw.datadir import DataDir
from ipcw.errors import ConfigError
from ipcw.models import LANGUAGES

#: What ``contact`` may be: an http(s) URL with a host, a mailto: URL or an e-mail address. Nothing
#: that would break the User-Agent header (spaces, parentheses, semicolons, non-ASCII characters).
CONTACT = re.compile(r"https?://[\w.-]+(:\d+)?(/[^\s();]*)?|(mailto:)?[^\s@();:/]+@[\w-]+(\.[\w-]+)+")


#: The least memory an extraction worker can start and read a PDF in, in MB (Python and pdfminer.six
#: take about 50 MB of address space before reading anything).
MIN_WORKER_MB = 256


def default_data_dir(env: Mapping[str, str] = os.environ) -> Path:
    """The platform's per-user data directory for ipcw."""
    home = Path.home()
    if sys.platform == "win32":
        return Path(env.get("LOCALAPPDATA", home / "AppData" / "Local")) / "ipcw"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "ipcw"
    return Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "ipcw"


def default_config_file(env: Mapping[str, str] = os.environ) -> Path:
    if env.get("IPCW_CONFIG"):
        return Path(env["IPCW_CONFIG"])
    return Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "ipcw" / "config.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ipcw can be told, with its default."""

    #: Where the store (PDFs, manifest), the index and the logs live.
    data_dir: Path = dataclasses.field(default_factory=default_data_dir)
    #: The Documents Online site root.
    base_url: str = "https://docs.wto.org"
    #: Seconds to wait between two requests to the site.
    delay: float = 1.0
    #: Seconds before a request times out.
    timeout: float = 60.0
    #: Attempts per request before giving up (timeouts, connection errors, 429, 5xx).
    max_attempts: int = 5
    #: Languages to download: any of en, fr, es.
    languages: tuple[str, ...] = ("en",)
    #: Seconds one request may take in all, its body included (a body trickled out is abandoned).
    deadline: float = 600.0
    #: The largest PDF accepted, in MB (decoded bytes; the largest real WTO PDFs are a few MB).
    max_pdf_mb: float = 200.0
    #: The largest listing page accepted, in MB (a real XML page of 100 hits is about 0.2 MB).
    max_listing_mb: float = 20.0
    #: The most listing pages one crawl reads (100 records each on the XML route, 10 on the HTML one).
    max_listing_pages: int = 1000
    #: Seconds reading one PDF may take (in a worker process, killed beyond it).
    extract_timeout: float = 180.0
    #: The memory of one extraction worker, in MB (a PDF needing more fails alone).
    extract_memory_mb: int = 2048
    #: Pages read of one PDF; the rest is left unread, and the document says so.
    max_pages: int = 2000
    #: What reads PDFs: ``pdfminer`` (pdfminer.six) or ``pdfium`` (``pip install 'ipcw[fast]'``,
    #: about thirty times as fast). Texts cached already are kept, whoever read them; ``ipcw index
    #: --extractor`` reads again those another extractor read.
    extractor: str = "pdfminer"
    #: Runs in a row a record may fail (download, extraction or indexing) before later runs leave it
    #: alone; ``--retry-failed`` tries such records again.
    max_failures: int = 3
    #: Where the site can reach whoever runs the crawl: a URL (``https://...``, ``mailto:...``) or an
    #: e-mail address, sent in the User-Agent. Needed to crawl any site but a loopback one.
    contact: str = ""
    #: Where ``ipcw serve`` listens. Set here (or by ``IPCW_SERVE_HOST``), only a loopback address is
    #: accepted: serving the data directory to the network takes ``ipcw serve --host`` itself.
    serve_host: str = "127.0.0.1"
    #: The port ``ipcw serve`` listens on (0: any free one).
    serve_port: int = 8067
    #: Where the search index is: empty for the Whoosh index in the data directory, or a team's
    #: PostgreSQL index (``postgresql://user@host/database``; ``pip install 'ipcw[postgres]'``),
    #: which every command then searches and the crawl and ``ipcw index`` write. A password may be
    #: in it, in ``PGPASSWORD`` or in ``~/.pgpass``: ipcw never shows it.
    index_url: str = dataclasses.field(default="", repr=False)

    @property
    def user_agent(self) -> str:
        """``ipcw/0.1.0 (TRIPS Council document harvester; +https://example.org/contact)``."""
        contact = ""
        if self.contact:
            contact = f"; +{self.contact}" if "://" in self.contact else f"; {self.contact}"
        return f"ipcw/{__version__} (TRIPS Council document harvester{contact})"

    @property
    def data(self) -> DataDir:
        """The paths under :attr:`data_dir`."""
        return DataDir(self.data_dir)

    def __post_init__(self) -> None:
        unknown = [lang for lang in self.languages if lang not in LANGUAGES]
        if unknown or not self.languages:
            raise ConfigError(f"languages must be among {', '.join(LANGUAGES)}: got {unknown}", "languages")
        for name in ("delay", "timeout", "deadline", "max_pdf_mb", "max_listing_mb", "extract_timeout"):
            if not math.isfinite(getattr(self, name)):
                raise ConfigError(f"{name} must be a finite number: got {getattr(self, name)}", name)
        if self.delay < 0:
            raise ConfigError(f"delay must be 0 or more: got {self.delay}", "delay")
        for name in ("timeout", "deadline", "max_pdf_mb", "max_listing_mb", "extract_timeout"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be more than 0: got {getattr(self, name)}", name)
        for name in ("max_attempts", "max_failures", "max_listing_pages", "max_pages"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1: got {getattr(self, name)}", name)
        if self.extract_memory_mb < MIN_WORKER_MB:
            raise ConfigError(
                f"extract_memory_mb must be at least {MIN_WORKER_MB} (a worker needs that much to start): "
                f"got {self.extract_memory_mb}",
                "extract_memory_mb",
            )
        if not 0 <= self.serve_port <= 65535:
            raise ConfigError(f"serve_port must be from 0 to 65535: got {self.serve_port}", "serve_port")
        if self.extractor not in ("pdfminer", "pdfium"):
            raise ConfigError(f"extractor must be pdfminer or pdfium: got {self.extractor!r}", "extractor")
        if self.index_url and not self.index_url.startswith(("postgresql://", "postgres://")):
            # Not repeated: it may hold a password.
            raise ConfigError("index_url must be empty or a postgresql:// URL", "index_url")
        if self.contact and not (self.contact.isascii() and CONTACT.fullmatch(self.contact)):
            raise ConfigError(
                f"contact must be a URL (https://..., mailto:...) or an e-mail address: got {self.contact!r}",
                "contact",
            )


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine only: ``localhost`` or a loopback address."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_languages(value: str) -> tuple[str, ...]:
    """``"en,fr"`` → ``("en", "fr")``; ``"all"`` → every language."""
    if value.strip().lower() == "all":
        return LANGUAGES
    langs = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    bad = [lang for lang in langs if lang not in LANGUAGES]
    if bad or not langs:
        raise ConfigError(f"languages are en, fr, es (comma-separated) or all: got {value!r}")
    return langs


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "Path":
            return Path(value).expanduser()
        if kind == "float":
            return float(value)
        if kind == "int":
            return int(value)
        if kind == "tuple[str, ...]":
            try:
                return parse_languages(value if isinstance(value, str) else ",".join(value))
            except ConfigError:
                raise ConfigError(f"{name} must be en, fr, es (a list) or all: got {value!r}", name) from None
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad value for {name}: {value!r}", name) from exc


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] = os.environ,
    config_file: Path | None = None,
) -> Settings:
    """Build :class:`Settings` from defaults < config file < environment < ``overrides``.

    ``overrides`` holds command-line values; ``None`` values are ignored.
    """
    names = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}  # where each value came from, for the message when it is bad
    path = config_file or default_config_file(env)
    if path.is_file():
        try:
            loaded = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        unknown = set(loaded) - names
        if unknown:
            raise ConfigError(f"unknown key(s) in {path}: {', '.join(sorted(unknown))}")
        values.update(loaded)
        sources.update(dict.fromkeys(loaded, f"in {path}"))
    for name in names:
        if f"IPCW_{name.upper()}" in env:
            values[name] = env[f"IPCW_{name.upper()}"]
            sources[name] = f"from IPCW_{name.upper()}"
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    # The file and the environment are checked whole, even where a command overrides them, so a
    # bad value shows on the first command run, not first on the nightly crawl.
    with _naming(sources):
        configured = Settings(**{k: _coerce(k, v) for k, v in values.items()})
    with _naming(dict.fromkeys(given, "on the command line")):
        return dataclasses.replace(configured, **{k: _coerce(k, v) for k, v in given.items()})


@contextlib.contextmanager
def _naming(sources: Mapping[str, str]) -> Iterator[None]:
    """A bad setting's message says where its value came from (``sources``: setting → where)."""
    try:
        yield
    except ConfigError as exc:
        where = sources.get(exc.setting or "")
        if where is None:
            raise
        raise ConfigError(f"{exc} ({where})", exc.setting) from None
