"""Saved searches that say what is new: ``ipcw alert add|list|remove|run``.

An alert is a query and its filters, kept in the data directory's ``alerts.json`` with what it has
seen: each matching document (``symbol|language``) and the sha256 of the file it was read from.
Running an alert answers only the documents new since it last ran, or changed (another file), then
records what it saw; adding one records what matches already, so that its first run shows only
what the next crawls bring. The file is replaced whole (temporary file, fsync, rename) while the
data directory's lock is held, so a run killed halfway loses nothing and repeats nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from typing import Any

from ipcw.config import Settings
from ipcw.errors import AlertError, ConfigError, QueryError
from ipcw.files import write_atomic
from ipcw.harvester.lock import DataDirLock
from ipcw.models import Hit
from ipcw.query import parse_query

#: What an alert's name may be: letters, digits, ``.``, ``_``, ``-``; at most 64.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
#: The format of ``alerts.json``.
VERSION = 1


@dataclass(frozen=True)
class Alert:
    """A saved search: its query, its filters (the fields of :class:`ipcw.search.Filters`), and
    what it has seen (record key → sha256)."""

    name: str
    query: str
    filters: dict[str, Any] = field(default_factory=dict)
    created: str = ""
    last_run: str | None = None
    seen: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AlertRun:
    """What one alert found new or changed."""

    alert: Alert
    hits: list[Hit]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def load_alerts(settings: Settings) -> dict[str, Alert]:
    """Every alert of the data directory, by name (none when it has no alerts file)."""
    path = settings.data.alerts
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = data.get("version", VERSION)
        if not isinstance(version, int) or version > VERSION:
            raise AlertError(f"the alerts in {path} are of format {version!r}, not {VERSION}: a newer ipcw's")
        return {name: Alert(name=name, **kept) for name, kept in data["alerts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AlertError(f"cannot read the alerts in {path}: {exc}") from exc


def _save(settings: Settings, alerts: dict[str, Alert]) -> None:
    body = {name: {k: v for k, v in asdict(a).items() if k != "name"} for name, a in sorted(alerts.items())}
    text = json.dumps({"version": VERSION, "alerts": body}, ensure_ascii=False, indent=2) + "\n"
    write_atomic(settings.data.alerts, text.encode("utf-8"))


def _filters(alert: Alert) -> Any:
    """The :class:`ipcw.search.Filters` an alert keeps as plain JSON values; an
    :class:`AlertError` naming the alert when the file holds one that is not a filter."""
    from ipcw.search import Filters

    names = {f.name for f in fields(Filters)}
    known: dict[str, Any] = {}
    for key, value in alert.filters.items():
        if key not in names:
            allowed = ", ".join(sorted(names))
            raise AlertError(f"alert {alert.name!r} has a filter {key!r}: filters are {allowed}")
        try:
            if isinstance(value, list):
                known[key] = tuple(str(v) for v in value)
            else:
                known[key] = date.fromisoformat(value) if key.startswith("date_") and value else value
        except (TypeError, ValueError) as exc:
            raise AlertError(f"alert {alert.name!r} has a filter {key!r} of {value!r}: {exc}") from exc
    try:
        return Filters(**known)
    except QueryError as exc:
        raise AlertError(f"alert {alert.name!r} has filters ipcw cannot use: {exc}") from exc


def _matches(settings: Settings, alert: Alert, seen: dict[str, str]) -> tuple[list[Hit], dict[str, str]]:
    """The hits of the documents ``alert`` matches now that ``seen`` (record key → sha256) has not
    seen as they are, best first; and what it matches now, as ``seen`` records it. Only the new
    hits are made whole (snippets)."""
    from ipcw.search import open_searcher
    from ipcw.search.results import LazyHits

    with open_searcher(settings) as searcher:
        hits = searcher.search(alert.query, _filters(alert), limit=None).hits
        assert isinstance(hits, LazyHits)  # every hit, each made when read
        now, new = {}, []
        for rank, document in enumerate(hits.documents()):
            now[document.key] = document.sha256
            if seen.get(document.key) != document.sha256:
                new.append(rank)
        return [hits[rank] for rank in new], now


def add_alert(settings: Settings, name: str, query: str, filters: dict[str, Any]) -> Alert:
    """Save ``query`` with ``filters`` as ``name``, what it matches now seen already."""
    if not NAME.fullmatch(name):
        raise ConfigError(f"an alert's name is letters, digits, '.', '_' or '-' (at most 64): got {name!r}")
    parse_query(query)
    with DataDirLock(settings.data):
        alerts = load_alerts(settings)
        if name in alerts:
            raise AlertError(f"there is an alert {name!r} already: `ipcw alert remove {name}` first")
        plain = {
            k: (list(v) if isinstance(v, tuple) else v.isoformat() if isinstance(v, date) else v)
            for k, v in filters.items()
            if v not in (None, ())
        }
        alert = Alert(name, query, plain, created=_now())
        alert = replace(alert, seen=_matches(settings, alert, {})[1])
        _save(settings, {**alerts, name: alert})
    return alert


def remove_alert(settings: Settings, name: str) -> Alert:
    with DataDirLock(settings.data):
        alerts = load_alerts(settings)
        if name not in alerts:
            raise AlertError(f"no alert {name!r} (`ipcw alert list` shows them)")
        removed = alerts.pop(name)
        _save(settings, alerts)
    return removed


def run_alerts(
    settings: Settings, name: str | None = None, deliver: Callable[[list[AlertRun]], None] | None = None
) -> list[AlertRun]:
    """Run ``name`` (every alert without it): the documents each matches that are new or changed
    since it last ran. ``deliver`` is given them first (the CLI prints them); only once it has
    returned is what the alerts saw recorded, for all of them at once: output that fails (a full
    disk, a closed pipe) leaves them to the next run."""
    with DataDirLock(settings.data):
        alerts = load_alerts(settings)
        if name is not None and name not in alerts:
            raise AlertError(f"no alert {name!r} (`ipcw alert list` shows them)")
        if not alerts:
            return []  # nothing to run, nothing to record
        runs = []
        for alert in [alerts[name]] if name else list(alerts.values()):
            new, seen = _matches(settings, alert, alert.seen)
            alerts[alert.name] = replace(alert, last_run=_now(), seen=seen)
            runs.append(AlertRun(alerts[alert.name], new))
        if deliver is not None:
            deliver(runs)
        _save(settings, alerts)
    return runs
